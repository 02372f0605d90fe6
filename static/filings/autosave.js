// Autosave of a wizard step: keeps what the user types (debounced, and when the page is hidden
// or left) in draft.autosave[step] without saving the step. No framework; without JS the form
// still works by full POSTs. The server drops a beacon that arrives after the step was saved.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]");
  if (!form || !form.dataset.autosaveUrl) return;
  var url = form.dataset.autosaveUrl;
  var status = form.querySelector("[data-autosave-status]");
  var timer = null;
  var dirty = false;
  var submitting = false;
  var DELAY = 1500;

  function payload() {
    return new FormData(form); // includes csrfmiddlewaretoken and seen_version
  }

  function show(text) {
    if (status) status.textContent = text;
  }

  function send() {
    timer = null;
    if (!dirty || submitting) return;
    dirty = false;
    fetch(url, { method: "POST", body: payload(), credentials: "same-origin",
                 headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (body && body.saved) {
          show("Draft of your input kept at " + body.at + " (not yet saved).");
          document.body.dispatchEvent(new CustomEvent("draft-saved", { bubbles: true }));
        }
      })
      .catch(function () { dirty = true; });
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
      send();
    }
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // A real save is on its way: a beacon now would only race it.
  form.addEventListener("submit", function () { submitting = true; });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush();
  });
  window.addEventListener("pagehide", flush);
})();
