// Reproductions step: drag-and-drop upload with a progress bar per file, and drag-and-drop
// reordering. Progressive enhancement only: without this script the page's plain forms (file
// input with `multiple`, Move up/down, Assign) do the same work. With many reproductions the
// page shows one design at a time: a card dropped on another design's tab is assigned there.
(function () {
  "use strict";
  // Our messages in the page's language (Django's JavaScript catalogue, loaded by base.html).
  var gettext = window.gettext || function (s) { return s; };
  var ngettext = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };
  var interpolate = window.interpolate || function (fmt, obj) {
    return fmt.replace(/%\((\w+)\)s/g, function (_, key) { return String(obj[key]); });
  };

  var form = document.querySelector("[data-reproduction-upload]");
  var results = document.getElementById("upload-results");

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function post(url, body, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.setRequestHeader("X-CSRFToken", csrfToken());
      xhr.setRequestHeader("HX-Request", "true"); // the server answers with the list fragment
      if (onProgress) {
        xhr.upload.addEventListener("progress", function (event) {
          if (event.lengthComputable) onProgress(event.loaded / event.total);
        });
      }
      xhr.onload = function () { resolve(xhr); };
      xhr.onerror = function () { reject(new Error("network")); };
      xhr.send(body);
    });
  }

  // Replace #reproduction-list with the one in `html`; return the upload results it carried.
  function swapList(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var fresh = template.content.querySelector("#reproduction-list");
    var current = document.getElementById("reproduction-list");
    var carried = fresh ? Array.prototype.slice.call(fresh.querySelectorAll("[data-upload-results] li")) : [];
    if (fresh && current) {
      current.replaceWith(fresh);
      if (window.htmx) window.htmx.process(fresh);
      bindReorder();
    }
    return carried;
  }

  function draftSaved() {
    // The side panel (step_base.html) reloads its checks and fees on this event.
    document.body.dispatchEvent(new CustomEvent("draft-saved"));
  }

  // --- upload ------------------------------------------------------------------------------

  function progressRow(file) {
    var li = document.createElement("li");
    li.className = "py-1 border-bottom";
    var name = document.createElement("span");
    name.className = "fw-semibold";
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 1;
    bar.value = 0;
    bar.className = "ms-2 align-middle";
    bar.setAttribute("aria-label", interpolate(gettext("Upload of %(name)s"), { name: file.name }, true));
    var status = document.createElement("span");
    status.className = "ms-2";
    status.textContent = gettext("waiting…");
    li.append(name, bar, status);
    return { li: li, bar: bar, status: status };
  }

  function showResult(row, item) {
    row.bar.remove();
    var accepted = item && item.getAttribute("data-accepted") === "true";
    row.status.className = "ms-2 " + (accepted ? "text-success" : "text-danger");
    row.status.textContent = accepted ? gettext(": accepted") : interpolate(gettext(": refused. %(reason)s"),
      { reason: item ? item.textContent.trim() : gettext("the server gave no answer") }, true);
  }

  function uploadOne(file, row) {
    var body = new FormData();
    body.append("files", file);
    body.append("design", form.querySelector("[name=design]").value);
    row.status.textContent = gettext("uploading…");
    return post(form.action, body, function (fraction) { row.bar.value = fraction; })
      .then(function (xhr) {
        var carried = swapList(xhr.responseText);
        showResult(row, carried[0]);
        if (!carried.length && xhr.status >= 400) row.status.textContent = interpolate(gettext(": refused (error %(status)s)"), { status: xhr.status }, true);
      })
      .catch(function () {
        row.bar.remove();
        row.status.className = "ms-2 text-danger";
        row.status.textContent = gettext(": the upload failed (network); try again");
      });
  }

  function uploadAll(files) {
    if (!files.length) return;
    results.innerHTML = "";
    var list = document.createElement("ul");
    list.className = "list-unstyled mb-0";
    results.append(list);
    var rows = Array.prototype.map.call(files, function (file) {
      var row = progressRow(file);
      list.append(row.li);
      return row;
    });
    // Two at a time: progress stays meaningful and the server is not flooded.
    var queue = Array.prototype.map.call(files, function (file, i) { return [file, rows[i]]; });
    function next() {
      var job = queue.shift();
      return job ? uploadOne(job[0], job[1]).then(next) : Promise.resolve();
    }
    Promise.all([next(), next()]).then(draftSaved);
  }

  if (form && results && window.FormData && "upload" in new XMLHttpRequest()) {
    var input = form.querySelector("input[type=file]");
    var zone = form.querySelector("[data-drop-zone]");
    zone.classList.remove("d-none");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      uploadAll(input.files);
      input.value = "";
    });
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) {
        event.preventDefault();
        zone.classList.add("border-primary");
      });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("border-primary"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) uploadAll(event.dataTransfer.files);
    });
  }

  // --- reorder and assign by drag and drop ----------------------------------------------------

  var dragged = null;

  function announce(text) {
    if (results) results.textContent = text;
  }

  function assign(item, design, where) {
    var body = new FormData();
    body.append("design", design);
    post(item.getAttribute("data-assign-url"), body).then(function (xhr) {
      swapList(xhr.responseText);
      draftSaved();
      announce(interpolate(gettext("Reproduction moved to %(place)s."), { place: where }, true));
    });
  }

  function onTabDrop(event) {
    var tab = event.currentTarget;
    event.preventDefault();
    tab.classList.remove("border", "border-primary");
    if (!dragged) return;
    var item = dragged;
    dragged = null;
    assign(item, tab.getAttribute("data-design-drop"), tab.textContent.trim());
  }

  function onDrop(event) {
    var grid = event.currentTarget;
    event.preventDefault();
    if (!dragged) return;
    var item = dragged;
    dragged = null;
    if (item.parentNode !== grid) {
      // Dropped on another design: assign it there (it goes to the end).
      assign(item, grid.getAttribute("data-design"), grid.getAttribute("aria-label") || gettext("the pool"));
      return;
    }
    var body = new FormData();
    body.append("design", grid.getAttribute("data-design"));
    var target = event.target.closest("li[data-id]");
    if (target && target !== item) {
      var box = target.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2 || event.clientX > box.left + box.width / 2;
      grid.insertBefore(item, after ? target.nextSibling : target);
    }
    grid.querySelectorAll("li[data-id]").forEach(function (li) {
      body.append("order", li.getAttribute("data-id"));
    });
    post(grid.getAttribute("data-reorder-url"), body).then(function (xhr) {
      swapList(xhr.responseText);
      draftSaved();
      announce(gettext("New order saved."));
    });
  }

  function bindReorder() {
    document.querySelectorAll("li[data-id][draggable=true]").forEach(function (li) {
      li.addEventListener("dragstart", function (event) {
        dragged = li;
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", li.getAttribute("data-id"));
        li.classList.add("opacity-50");
      });
      li.addEventListener("dragend", function () { li.classList.remove("opacity-50"); });
    });
    document.querySelectorAll(".reproduction-grid").forEach(function (grid) {
      grid.addEventListener("dragover", function (event) {
        if (dragged) event.preventDefault();
      });
      grid.addEventListener("drop", onDrop);
    });
    document.querySelectorAll("a[data-design-drop]").forEach(function (tab) {
      tab.addEventListener("dragover", function (event) {
        if (!dragged) return;
        event.preventDefault();
        tab.classList.add("border", "border-primary");
      });
      tab.addEventListener("dragleave", function () { tab.classList.remove("border", "border-primary"); });
      tab.addEventListener("drop", onTabDrop);
    });
  }

  // --- save and continue ------------------------------------------------------------------
  // A legend typed or chosen but not yet saved with its own button is saved before moving on;
  // if one is refused, its card shows why (through htmx, as Save legend does) and the page stays.

  var onward = document.querySelector("[data-reproductions-continue]");

  function initialValue(select) {
    var chosen = Array.prototype.find.call(select.options, function (o) { return o.defaultSelected; });
    return chosen ? chosen.value : (select.options.length ? select.options[0].value : "");
  }

  function legendChanged(legendForm) {
    var code = legendForm.querySelector("select[name=legend_code]");
    var text = legendForm.querySelector("input[name=legend_text]");
    return (code && code.value !== initialValue(code)) || (text && text.value !== text.defaultValue);
  }

  function saveLegends(forms) {
    return forms.reduce(function (chain, legendForm) {
      return chain.then(function (refused) {
        if (refused) return refused;
        return fetch(legendForm.action, { method: "POST", body: new FormData(legendForm),
                                          credentials: "same-origin" })
          .then(function (r) { return r.ok ? null : legendForm; })
          .catch(function () { return legendForm; });
      });
    }, Promise.resolve(null));
  }

  if (onward) {
    onward.addEventListener("submit", function (event) {
      var legendForms = document.querySelectorAll("#reproduction-list form[action*='/legend/']");
      var pending = Array.prototype.filter.call(legendForms, legendChanged);
      if (!pending.length) return;
      event.preventDefault();
      saveLegends(pending).then(function (refused) {
        if (refused) refused.requestSubmit();
        else onward.submit();
      });
    });
  }

  bindReorder();
  // htmx swaps (Assign, Move, Legend, Delete buttons) bring new elements: bind them too.
  document.body.addEventListener("htmx:afterSwap", bindReorder);
})();
