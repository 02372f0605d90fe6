// Progressive enhancement of long lists (issue 8). Without JavaScript the native controls stay:
// a <select data-autocomplete> (countries, offices, parties) and plain checkboxes in a
// [data-filter-list] (designations, entitlement).
// - The select becomes GOV.UK's accessible autocomplete (keyboard and screen-reader tested);
//   the select keeps the chosen code, so the form posts exactly what it posted before.
// - A filter box above a checkbox list hides the entries whose label does not contain the text.
(function () {
  "use strict";
  // Our messages in the page's language (Django's JavaScript catalogue, loaded by base.html).
  var gettext = window.gettext || function (s) { return s; };
  var ngettext = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };
  var interpolate = window.interpolate || function (fmt, obj) {
    return fmt.replace(/%\((\w+)\)s/g, function (_, key) { return String(obj[key]); });
  };

  function optionByLabel(select, label) {
    return Array.prototype.find.call(select.options, function (option) {
      return option.value && option.textContent.trim() === label;
    });
  }

  function choose(select, value) {
    if (select.value === value) return;
    select.value = value;
    // Autosave and the live panel listen for change on the form.
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function enhanceSelect(select) {
    if (select.dataset.enhanced || typeof accessibleAutocomplete === "undefined") return;
    select.dataset.enhanced = "true";
    var id = select.id;
    accessibleAutocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: "",
      showAllValues: true,
      dropdownArrow: function () { return ""; },
      confirmOnBlur: true,
      tNoResults: function () { return gettext("No match: try another spelling or the English name"); },
      onConfirm: function (label) {
        var option = label && optionByLabel(select, label);
        if (option) choose(select, option.value);
      },
    });
    var input = document.getElementById(id);
    if (!input) return;
    input.classList.add("form-control");
    if (select.getAttribute("aria-describedby")) {
      input.setAttribute("aria-describedby", select.getAttribute("aria-describedby"));
    }
    if (select.classList.contains("is-invalid")) input.classList.add("is-invalid");
    // Emptying the box clears the choice (the select would otherwise keep the old one).
    input.addEventListener("input", function () {
      if (!input.value.trim()) choose(select, "");
    });
  }

  function enhanceFilter(list) {
    if (list.dataset.enhanced) return;
    list.dataset.enhanced = "true";
    var label = list.getAttribute("data-filter-list");
    var id = (list.id || "list") + "-filter";
    var wrap = document.createElement("div");
    wrap.className = "mb-2";
    wrap.innerHTML =
      '<label class="form-label small mb-1" for="' + id + '"></label>' +
      '<input type="search" class="form-control form-control-sm" id="' + id + '" autocomplete="off">' +
      '<div class="form-text" aria-live="polite" id="' + id + '-status"></div>';
    wrap.querySelector("label").textContent = label;
    list.parentNode.insertBefore(wrap, list);
    var box = wrap.querySelector("input");
    var status = wrap.querySelector("#" + id + "-status");
    var chosen = document.createElement("p");
    chosen.className = "small mb-0 mt-1";
    chosen.setAttribute("aria-live", "polite");
    list.parentNode.insertBefore(chosen, list.nextSibling);
    function showChosen() {
      var names = Array.prototype.map.call(
        list.querySelectorAll("input[type=checkbox]:checked"),
        function (input) {
          var label = list.querySelector('label[for="' + input.id + '"]');
          return label ? label.textContent.trim() : input.value;
        }
      );
      chosen.textContent = names.length
        ? interpolate(gettext("Chosen: %(names)s"), { names: names.join("; ") }, true) : "";
    }
    list.addEventListener("change", showChosen);
    showChosen();
    box.addEventListener("input", function () {
      var text = box.value.trim().toLowerCase();
      var shown = 0;
      list.querySelectorAll("[data-filter-item]").forEach(function (item) {
        var label = item.querySelector("label") || item;
        var match = !text || label.textContent.toLowerCase().indexOf(text) !== -1;
        item.hidden = !match;
        if (match) shown += 1;
      });
      list.querySelectorAll("[data-filter-group]").forEach(function (group) {
        group.hidden = !group.querySelector("[data-filter-item]:not([hidden])");
      });
      status.textContent = text
        ? interpolate(ngettext("%(count)s shown", "%(count)s shown", shown), { count: shown }, true) : "";
    });
    // Enter in the filter box must not submit the step.
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  function enhance(root) {
    root.querySelectorAll("select[data-autocomplete]").forEach(enhanceSelect);
    root.querySelectorAll("[data-filter-list]").forEach(enhanceFilter);
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
})();
