// Progressive enhancement of long lists (issue 8). Without JavaScript the native controls stay:
// a <select data-autocomplete> (countries, offices, parties) and plain checkboxes in a
// [data-filter-list] (designations, entitlement).
// - The select becomes GOV.UK's accessible autocomplete (keyboard and screen-reader tested);
//   the select keeps the chosen code, so the form posts exactly what it posted before.
// - A filter box above a checkbox list hides the entries that do not match (enhanceFilter).
(function () {
  "use strict";
  // Our messages in the page's language (Django's JavaScript catalogue, loaded by base.html).
  var gettext = window.gettext || function (s) { return s; };
  var ngettext = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };
  var interpolate = window.interpolate || function (fmt, obj) {
    return fmt.replace(/%\((\w+)\)s/g, function (_, key) { return String(obj[key]); });
  };

  // What is typed is matched as filings/countries.py's search_key writes names: lower case,
  // accents and punctuation dropped.
  function searchKey(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  // {code: search keys of its names in every language of the portal, and everyday names}.
  var countryKeys = null;
  function keysOf(code) {
    if (countryKeys === null) {
      var data = document.getElementById("country-search-keys");
      try { countryKeys = data ? JSON.parse(data.textContent) : {}; } catch (e) { countryKeys = {}; }
    }
    return countryKeys[code] || [];
  }

  // The options one can choose: label, value and the keys they are found by.
  function entriesOf(select) {
    return Array.prototype.filter.call(select.options, function (option) {
      return option.value && !option.hasAttribute("data-unlisted");
    }).map(function (option) {
      var label = option.textContent.trim();
      return { label: label, value: option.value, code: searchKey(option.value),
        keys: [searchKey(label)].concat(keysOf(option.value)) };
    });
  }

  // 0: the code ("de"); 1: a whole name ("allemagne"); 2: a name starts with the text;
  // 3: a word of it does; 4: the text is inside a name; 5: no match.
  function rank(entry, query) {
    if (entry.code === query) return 0;
    return entry.keys.reduce(function (best, key) {
      var found = key === query ? 1 : key.indexOf(query) === 0 ? 2
        : (" " + key).indexOf(" " + query) !== -1 ? 3 : key.indexOf(query) !== -1 ? 4 : 5;
      return Math.min(best, found);
    }, 5);
  }

  // The matches, best first (a code, then a whole name, before a mere "contains": "DE" is
  // Germany, not Bangladesh), and `sure`: the one entry the text names, if it names one.
  function search(entries, text) {
    var query = searchKey(text);
    if (!query) return { matches: entries, sure: null };
    var scored = entries.map(function (entry, index) {
      return { entry: entry, rank: rank(entry, query), index: index };
    }).filter(function (item) { return item.rank < 5; });
    scored.sort(function (a, b) { return a.rank - b.rank || a.index - b.index; });
    var codes = scored.filter(function (item) { return item.rank === 0; });
    var names = scored.filter(function (item) { return item.rank === 1; });
    var sure = codes.length === 1 ? codes[0] : !codes.length && names.length === 1 ? names[0]
      : scored.length === 1 ? scored[0] : null;
    return { matches: scored.map(function (item) { return item.entry; }), sure: sure && sure.entry };
  }

  function choose(select, value) {
    if (select.value === value) return;
    select.value = value;
    // Autosave and the live panel listen for change on the form.
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // The autocomplete highlights the first match, which Tab, a click elsewhere or Enter then
  // confirms. That is right when the text names one entry; otherwise nothing stays highlighted
  // (ArrowUp, the widget's own way back to the text box) and leaving the box confirms nothing.
  function unhighlight(input) {
    if (document.activeElement !== input) return;
    var up = new KeyboardEvent("keydown", { key: "ArrowUp", bubbles: true, cancelable: true });
    Object.defineProperty(up, "keyCode", { value: 38 });
    input.dispatchEvent(up);
  }

  // Text that names no entry: the select posts it, so that the form refuses it at the field
  // with what was typed, and the field says so at once.
  function keepUnlisted(select, input, message, text) {
    var option = select.querySelector("option[data-unlisted]");
    if (!option) {
      option = document.createElement("option");
      option.setAttribute("data-unlisted", "");
      select.insertBefore(option, select.firstChild);
    }
    option.value = text;
    option.textContent = text;
    choose(select, text);
    message.textContent = interpolate(
      gettext("Choose from the list: “%(text)s” is not one of its entries."), { text: text }, true);
    message.hidden = false;
    message.className = "invalid-feedback d-block";
    input.classList.add("is-invalid");
    input.setAttribute("aria-invalid", "true");
  }

  function clearUnlisted(select, input, message) {
    var option = select.querySelector("option[data-unlisted]");
    if (option && !option.selected) option.remove();
    if (message.hidden) return;
    message.hidden = true;
    message.className = "";
    message.textContent = "";
    if (!select.classList.contains("is-invalid")) input.classList.remove("is-invalid");
    input.removeAttribute("aria-invalid");
  }

  function enhanceSelect(select) {
    if (select.dataset.enhanced || typeof accessibleAutocomplete === "undefined") return;
    select.dataset.enhanced = "true";
    var id = select.id;
    var entries = entriesOf(select);
    var input = null;
    // Said at once (a live region), styled as the field's error while shown.
    var message = document.createElement("div");
    message.id = id + "-unlisted";
    message.hidden = true;
    message.setAttribute("aria-live", "polite");

    // `label`: the highlighted entry taken (Enter, a click, or leaving the box); none: the box
    // was left with nothing highlighted (iOS never highlights), its text taken only if it names
    // one entry.
    function confirmed(label) {
      var typed = input ? input.value.trim() : "";
      var entry = label ? entries.find(function (e) { return e.label === label; })
        : typed && search(entries, typed).sure;
      if (!entry && typed) return keepUnlisted(select, input, message, typed);
      choose(select, entry ? entry.value : "");
      clearUnlisted(select, input, message);
    }

    accessibleAutocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: "",
      showAllValues: true,
      autoselect: true,
      dropdownArrow: function () { return ""; },
      confirmOnBlur: true,
      source: function (query, populate) {
        var found = search(entries, query);
        populate(found.matches.map(function (entry) { return entry.label; }));
        if (searchKey(query) && !found.sure && input) unhighlight(input);
      },
      tNoResults: function () { return gettext("No match: try another spelling or the English name"); },
      onConfirm: confirmed,
    });
    input = document.getElementById(id);
    if (!input) return;
    input.classList.add("form-control");
    input.parentNode.appendChild(message);
    var described = [select.getAttribute("aria-describedby"), message.id].filter(Boolean);
    input.setAttribute("aria-describedby", described.join(" "));
    if (select.classList.contains("is-invalid")) input.classList.add("is-invalid");
    // Enter with the list closed submits the form: not before the text is taken or refused.
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || input.getAttribute("aria-expanded") === "true") return;
      var text = input.value.trim();
      var entry = text && search(entries, text).sure;
      if (!text || select.value === (entry ? entry.value : text)) return;  // already taken
      event.preventDefault();
      confirmed(undefined);
    });
    // Emptying the box clears the choice (the select would otherwise keep the old one).
    input.addEventListener("input", function () {
      if (!input.value.trim()) {
        choose(select, "");
        clearUnlisted(select, input, message);
      }
    });
  }

  // A list of parties as checkboxes (entitlement, designations, the fee calculator's sets),
  // keyboard-first (issue 20): the filter box comes right before the list; typing narrows it and
  // a live region says how many match; the list is one Tab stop (a roving tabindex), so Tab or
  // Down arrow from the box reaches the first match, the arrow keys move among the matches and
  // Space ticks. Without JavaScript it stays a plain list of checkboxes.
  function enhanceFilter(list) {
    if (list.dataset.enhanced) return;
    list.dataset.enhanced = "true";
    var label = list.getAttribute("data-filter-list");
    var id = (list.id || "list") + "-filter";
    var wrap = document.createElement("div");
    wrap.className = "mb-2";
    wrap.innerHTML =
      '<label class="form-label small mb-1" for="' + id + '"></label>' +
      '<input type="search" class="form-control form-control-sm" id="' + id + '" autocomplete="off"' +
      ' aria-describedby="' + id + '-hint ' + id + '-status" aria-controls="' + (list.id || "") + '">' +
      '<div class="form-text" id="' + id + '-hint"></div>' +
      '<div class="form-text fw-semibold" aria-live="polite" id="' + id + '-status"></div>';
    wrap.querySelector("label").textContent = label;
    wrap.querySelector("#" + id + "-hint").textContent = gettext(
      "Type part of a name or code to narrow the list. Tab or the down arrow goes to the first " +
      "match, the arrow keys move through the list, Space ticks.");
    list.parentNode.insertBefore(wrap, list);
    var box = wrap.querySelector("input");
    var status = wrap.querySelector("#" + id + "-status");
    var chosen = document.createElement("p");
    chosen.className = "small mb-0 mt-1";
    chosen.setAttribute("aria-live", "polite");
    list.parentNode.insertBefore(chosen, list.nextSibling);
    var boxes = Array.prototype.slice.call(list.querySelectorAll("input[type=checkbox]"));

    function labelOf(input) {
      var own = list.querySelector('label[for="' + input.id + '"]');
      return own ? own.textContent.trim() : input.value;
    }
    function showChosen() {
      var names = boxes.filter(function (input) { return input.checked; }).map(labelOf);
      chosen.textContent = names.length
        ? interpolate(gettext("Chosen: %(names)s"), { names: names.join("; ") }, true) : "";
    }
    list.addEventListener("change", showChosen);
    showChosen();

    function shown() {
      return boxes.filter(function (input) { return !input.disabled && !input.closest("[hidden]"); });
    }
    // One checkbox of the list takes Tab: the first match, or the one last moved to.
    function makeStop(input) {
      boxes.forEach(function (other) { other.tabIndex = other === input ? 0 : -1; });
    }
    makeStop(shown()[0]);
    list.addEventListener("focusin", function (event) {
      if (boxes.indexOf(event.target) !== -1) makeStop(event.target);
    });
    function moveTo(input) {
      if (!input) return;
      makeStop(input);
      input.focus();
    }
    list.addEventListener("keydown", function (event) {
      var matches = shown();
      var at = matches.indexOf(event.target);
      if (at === -1) return;
      var key = event.key;
      if (key === "ArrowDown" || key === "ArrowRight") moveTo(matches[Math.min(at + 1, matches.length - 1)]);
      else if (key === "ArrowUp" || key === "ArrowLeft") {
        if (at === 0) box.focus(); else moveTo(matches[at - 1]);
      } else if (key === "Home") moveTo(matches[0]);
      else if (key === "End") moveTo(matches[matches.length - 1]);
      else return;
      event.preventDefault();  // the arrows would otherwise scroll the list
    });

    // The names a party is found by: its label, and for a country its names in every language
    // of the portal (filings/countries.py), accents and punctuation dropped.
    var keys = boxes.map(function (input) { return [searchKey(labelOf(input))].concat(keysOf(input.value)); });
    function filter() {
      var text = searchKey(box.value);
      var count = 0;
      list.querySelectorAll("[data-filter-item]").forEach(function (item) {
        var input = item.querySelector("input[type=checkbox]");
        var found = !text || !input || keys[boxes.indexOf(input)].some(function (key) {
          return key.indexOf(text) !== -1;
        });
        item.hidden = !found;
        if (found) count += 1;
      });
      list.querySelectorAll("[data-filter-group]").forEach(function (group) {
        group.hidden = !group.querySelector("[data-filter-item]:not([hidden])");
      });
      makeStop(shown()[0]);
      status.textContent = !text ? ""
        : count ? interpolate(ngettext("%(count)s party matches", "%(count)s parties match", count), { count: count }, true)
        : gettext("No party matches: try another spelling or the code.");
    }
    box.addEventListener("input", filter);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();  // Enter in the filter box must not submit the form
      else if (event.key === "ArrowDown" && shown().length) {
        event.preventDefault();
        moveTo(shown()[0]);
      } else if (event.key === "Escape" && box.value) {
        event.preventDefault();
        box.value = "";
        filter();
      }
    });
  }

  function enhance(root) {
    root.querySelectorAll("select[data-autocomplete]").forEach(enhanceSelect);
    root.querySelectorAll("[data-filter-list]").forEach(enhanceFilter);
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
})();
