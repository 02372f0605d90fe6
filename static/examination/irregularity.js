// Raise an irregularity: choosing a kind fills the message from its template and the DM/1 item,
// unless the examiner already typed their own words. Without this script the service uses the
// template when the message is left empty.
(function () {
  "use strict";
  // No design ticked: the word the template takes instead ("concerned", "concerné",
  // "afectado"), in the application's language as the template is (the option's data-no-design).
  function designs(form, option) {
    return Array.from(form.querySelectorAll("input[name$='designs']:checked"))
      .map(function (box) { return box.value; }).join(", ") ||
      (option && option.dataset.noDesign) || "";
  }
  function fill(form, select, message, item, amount, last) {
    var option = select.options[select.selectedIndex];
    var template = (option && option.dataset.template) || "";
    var text = template.replace("{designs}", designs(form, option)).replace("{amount}", amount.value || "…");
    if (!message.value.trim() || message.value === last.text) {
      message.value = text;
      last.text = text;
    }
    if (!item.value.trim() || item.value === last.item) {
      item.value = (option && option.dataset.item) || "";
      last.item = item.value;
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("raise-form");
    if (!form) { return; }
    var select = form.querySelector("select[name$='category']");
    var message = form.querySelector("textarea[name$='message']");
    var item = form.querySelector("input[name$='item']");
    var amount = form.querySelector("input[name$='amount']");
    var last = { text: "", item: "" };
    var update = function () { fill(form, select, message, item, amount, last); };
    select.addEventListener("change", update);
    amount.addEventListener("input", update);
    form.querySelectorAll("input[name$='designs']").forEach(function (box) {
      box.addEventListener("change", update);
    });
  });
})();
