// Wizard page helpers: focus the new row after "Save and add another";
// live word count of the description.
(function () {
  "use strict";
  var gettext = window.gettext || function (s) { return s; };
  var ngettext = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };
  var interpolate = window.interpolate || function (fmt, obj) {
    return fmt.replace(/%\((\w+)\)s/g, function (_, key) { return String(obj[key]); });
  };
  var ADDED = "hague-portal:added-row";

  // js/focus.js (base.html) has put the focus on the error summary, if there is one.
  var summary = document.querySelector("[data-error-summary]");
  var focus = window.hagueFocus || function (element) { element.focus(); };

  // "Save and add another" reloads the step: put the keyboard in the new row's first field
  // (WCAG 2.4.3), unless the save failed and the error summary has the focus.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[name=action][value=stay]");
    if (button) {
      try { sessionStorage.setItem(ADDED, location.pathname); } catch (e) { /* storage off */ }
    }
  });
  var added = null;
  try {
    added = sessionStorage.getItem(ADDED);
    sessionStorage.removeItem(ADDED);
  } catch (e) { /* storage off */ }
  if (added === location.pathname && !summary) {
    var row = document.querySelector("[data-new-row]");
    var first = row && row.querySelector("input:not([type=hidden]):not([disabled]), select, textarea");
    if (first) focus(first);
  }

  // The "Checks: N errors" link at the top follows the side panel, which autosave and htmx
  // redraw as the user types and saves.
  var panel = document.getElementById("draft-panel");
  var checksLink = document.querySelector("[data-testid=checks-link]");
  if (panel && checksLink) {
    var recount = function () {
      if (!panel.querySelector("[data-testid=fee-total]")) return;  // not drawn yet
      var errors = panel.querySelectorAll("details[data-severity=error] li").length;
      var text = errors
        ? interpolate(ngettext("Checks: %(count)s error", "Checks: %(count)s errors", errors), { count: errors }, true)
        : panel.querySelector("details[data-severity]") ? gettext("Checks: no errors") : gettext("Checks: no problems found");
      if (checksLink.textContent !== text) checksLink.textContent = text;
    };
    new MutationObserver(recount).observe(panel, { childList: true, subtree: true });
  }

  var counter = document.querySelector("[data-word-count-for]");
  if (counter) {
    var field = document.getElementById(counter.dataset.wordCountFor);
    var text = counter.querySelector("[data-word-count-text]");
    var free = parseInt(counter.dataset.freeWords || "100", 10);
    var fee = parseFloat(counter.dataset.wordFee || "0");
    var update = function () {
      var words = (field.value.trim().match(/\S+/g) || []).length;
      var extra = Math.max(words - free, 0);
      var msg = interpolate(ngettext("%(count)s word.", "%(count)s words.", words), { count: words }, true);
      if (extra && fee) {
        msg += " " + interpolate(gettext("Description fee: %(extra)s × CHF %(fee)s = CHF %(total)s."), {
          extra: extra, fee: fee.toFixed(2), total: (extra * fee).toFixed(2)
        }, true);
      }
      text.textContent = msg;
    };
    if (field) { field.addEventListener("input", update); update(); }
  }
})();
