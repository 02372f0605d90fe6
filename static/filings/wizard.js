// Wizard page helpers: focus the error summary, live word count of the description.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  var counter = document.querySelector("[data-word-count-for]");
  if (counter) {
    var field = document.getElementById(counter.dataset.wordCountFor);
    var text = counter.querySelector("[data-word-count-text]");
    var free = parseInt(counter.dataset.freeWords || "100", 10);
    var fee = parseFloat(counter.dataset.wordFee || "0");
    var update = function () {
      var words = (field.value.trim().match(/\S+/g) || []).length;
      var extra = Math.max(words - free, 0);
      var msg = words + (words === 1 ? " word." : " words.");
      if (extra && fee) msg += " Description fee: " + extra + " × CHF " + fee.toFixed(2) + " = CHF " + (extra * fee).toFixed(2) + ".";
      text.textContent = msg;
    };
    if (field) { field.addEventListener("input", update); update(); }
  }
})();
