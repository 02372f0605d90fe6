// Where the keyboard starts when a page comes back from the server (WCAG 2.4.3, 3.3.1): on the
// error summary after a failed save, so that a screen reader reads what went wrong first; other
// scripts (wizard.js: the new row after "Save and add another") call `hagueFocus`.
(function () {
  "use strict";
  var hash = location.hash;

  // An address with a fragment (#step-form: the skip link, kept by the form's post and by the
  // redirect after "Save and continue") makes the browser focus that element once the page has
  // loaded, after our scripts ran. Drop the fragment, and take the focus back if the browser
  // moved it there anyway, unless the user has already moved on.
  function hagueFocus(element) {
    if (!element) return;
    element.focus();
    if (!hash) return;
    try { history.replaceState(history.state, "", location.pathname + location.search); } catch (e) { /* file: */ }
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    var settle = function () {
      var now = document.activeElement;
      if (now === document.body || now === target) element.focus();
    };
    window.addEventListener("load", function () { setTimeout(settle, 0); });
    setTimeout(settle, 0);
  }
  window.hagueFocus = hagueFocus;

  hagueFocus(document.querySelector("[data-error-summary]"));
})();
