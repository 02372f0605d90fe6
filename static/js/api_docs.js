// Swagger UI (/api/v1/docs/) renders a few controls without a name a screen reader can say, or
// with a name that is not the word on screen (issue 20): each is named as Swagger UI draws it.
// The library's files stay as they are; its start-up script is drf-spectacular's.
(function () {
  "use strict";
  const root = document.getElementById("swagger-ui");
  if (!root) return;
  const name = (selector, label) =>
    root.querySelectorAll(selector).forEach((element) => element.setAttribute("aria-label", label));
  const fix = () => {
    name("select.examples-select-element:not([aria-label])", "Example");
    name("button.close-modal:not([aria-label])", "Close");
    // Its visible word is "Authorize": the name a voice-control user says must contain it.
    name('button.authorize[aria-label="Apply credentials"]', "Authorize: apply credentials");
  };
  // Attributes set here do not change the child list, so the observer does not wake itself.
  new MutationObserver(fix).observe(root, { childList: true, subtree: true });
  fix();
})();
