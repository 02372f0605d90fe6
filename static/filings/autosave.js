// Autosave and live side panel of a wizard step. No framework; without JS the form still works
// by full POSTs.
// - Autosave keeps what the user types (debounced, and when the page is hidden or left) in
//   draft.autosave[step] without saving the step; the server drops a beacon that arrives after
//   the step was saved. A refused or failed autosave is said on the page, never swallowed.
// - The live panel posts the same unsaved input to the step's preview URL, which runs the
//   rules core over it (nothing saved) and answers the side panel's HTML: fees and checks follow
//   each ticked designation instead of waiting for Save.
(function () {
  "use strict";
  // Our messages in the page's language (Django's JavaScript catalogue, loaded by base.html).
  var gettext = window.gettext || function (s) { return s; };
  var ngettext = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };
  var interpolate = window.interpolate || function (fmt, obj) {
    return fmt.replace(/%\((\w+)\)s/g, function (_, key) { return String(obj[key]); });
  };
  var form = document.querySelector("form[data-autosave-url]");
  if (!form || !form.dataset.autosaveUrl) return;
  var url = form.dataset.autosaveUrl;
  var previewUrl = form.dataset.previewUrl;
  var panel = document.getElementById("draft-panel");
  var status = form.querySelector("[data-autosave-status]");
  var problem = form.querySelector("[data-autosave-error]");
  var timer = null;
  var dirty = false;
  var submitting = false;
  var previewing = null;
  var DELAY = 700;

  function payload() {
    return new FormData(form); // includes csrfmiddlewaretoken and seen_version
  }

  function show(text) {
    if (status) status.textContent = text;
  }

  function fail(text) {
    if (!problem) return show(text);
    show("");
    problem.textContent = text;
    problem.hidden = false;
  }

  function clearFieldErrors() {
    if (problem) problem.hidden = true;
    form.querySelectorAll("[data-autosave-field-error]").forEach(function (el) {
      var input = el.previousElementSibling;
      if (input) input.classList.remove("is-invalid");
      el.remove();
    });
  }

  function markFields(errors) {
    Object.keys(errors || {}).forEach(function (name) {
      var input = form.querySelector('[name="' + CSS.escape(name) + '"]');
      if (!input) return;
      input.classList.add("is-invalid");
      var message = document.createElement("div");
      message.className = "invalid-feedback d-block";
      message.dataset.autosaveFieldError = "";
      message.textContent = errors[name];
      input.insertAdjacentElement("afterend", message);
    });
  }

  function answered(response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      clearFieldErrors();
      if (response.ok && body.saved) {
        show(interpolate(gettext("Draft of your input kept at %(time)s (not yet saved)."), { time: body.at }, true));
      } else if (response.ok) {
        show(gettext("This section was saved meanwhile; your input here was not kept automatically."));
      } else {
        markFields(body.errors);
        fail((body.reason || interpolate(gettext("Your input could not be kept automatically (error %(status)s)."),
              { status: response.status }, true)) + " " + gettext("Save the page to keep your input."));
      }
    });
  }

  function autosave() {
    return fetch(url, { method: "POST", body: payload(), credentials: "same-origin",
                        headers: { "X-Requested-With": "fetch" } })
      .then(answered)
      .catch(function () {
        dirty = true;
        fail(gettext("Your input could not be kept automatically: no connection to the portal. Save the page once you are back online."));
      });
  }

  function preview() {
    if (!previewUrl || !panel) return;
    if (previewing) previewing.abort();
    previewing = new AbortController();
    fetch(previewUrl, { method: "POST", body: payload(), credentials: "same-origin",
                        signal: previewing.signal, headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html !== null) panel.innerHTML = html;
      })
      .catch(function () { /* aborted by a newer preview, or offline: the panel stays */ });
  }

  function send() {
    timer = null;
    if (!dirty || submitting) return;
    dirty = false;
    autosave().then(preview);
  }

  function changed() {
    dirty = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(send, DELAY);
  }

  function flush() {
    if (!dirty || submitting) return;
    dirty = false;
    if (navigator.sendBeacon) {
      navigator.sendBeacon(url, payload());
    } else {
      autosave();
    }
  }

  // Restored input is on the page but not saved: let the panel show its fees and checks too.
  if (form.hasAttribute("data-restored")) preview();

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // A real save is on its way: a beacon now would only race it.
  form.addEventListener("submit", function () { submitting = true; });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush();
  });
  window.addEventListener("pagehide", flush);
})();
