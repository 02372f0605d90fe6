// The client boxes of the workbench (issue 24): a firm may have a thousand clients, too many
// for a <select> on every page. Without JavaScript each box is a text box (the server finds
// the client by its name, or filters the list by it). Here it becomes GOV.UK's accessible
// autocomplete (an ARIA combobox, keyboard and screen-reader tested) whose suggestions come
// as JSON from portfolio:client_suggestions as the user types; choosing one fills the box's
// hidden id field, if it has one (the New application and Import forms).
(function () {
  "use strict";
  var gettext = window.gettext || function (s) { return s; };
  var ngettext = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };
  var interpolate = window.interpolate || function (fmt, obj) {
    return fmt.replace(/%\((\w+)\)s/g, function (_, key) { return String(obj[key]); });
  };
  var WAIT_MS = 150; // typing pauses this long before a request

  function suggester(url, withFirm) {
    var timer = null;
    var latest = "";
    var byLabel = {};
    function source(query, populate) {
      latest = query;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        fetch(url + "&q=" + encodeURIComponent(query), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then(function (response) { return response.ok ? response.json() : { clients: [] }; })
          .then(function (data) {
            if (query !== latest) return; // a later query is on its way
            byLabel = {};
            populate(data.clients.map(function (client) {
              var label = withFirm ? client.name + " (" + client.firm + ")" : client.name;
              byLabel[label] = client;
              return label;
            }));
          })
          .catch(function () { populate([]); });
      }, WAIT_MS);
    }
    return { source: source, client: function (label) { return byLabel[label]; } };
  }

  function enhance(box) {
    if (box.dataset.enhanced || typeof accessibleAutocomplete === "undefined") return;
    var input = box.querySelector("input[type=text]");
    if (!input) return;
    box.dataset.enhanced = "true";
    var idField = box.dataset.idField
      ? box.querySelector('input[name="' + box.dataset.idField + '"]') : null;
    var suggest = suggester(box.getAttribute("data-suggest-url"), Boolean(idField));
    var describedBy = input.getAttribute("aria-describedby");
    var chosen = null; // the label of the suggestion chosen, while the box still shows it
    var holder = document.createElement("div");
    box.insertBefore(holder, input);
    input.remove();
    accessibleAutocomplete({
      element: holder,
      id: input.id,
      name: input.name,
      defaultValue: input.value,
      required: input.required,
      placeholder: input.placeholder || "",
      minLength: 1,
      showNoOptionsFound: true,
      source: suggest.source,
      onConfirm: function (label) {
        // Leaving the box confirms nothing (undefined): the choice stands until typing.
        var client = label && suggest.client(label);
        if (!client) return;
        chosen = label;
        if (idField) idField.value = client.id;
      },
      tNoResults: function () { return gettext("No client matches"); },
      tStatusQueryTooShort: function () { return gettext("Type a letter or more of the name"); },
      tStatusNoResults: function () { return gettext("No client matches"); },
      tStatusSelectedOption: function (selected, length, index) {
        return interpolate(gettext("%(option)s, %(index)s of %(length)s, is highlighted"),
          { option: selected, index: index + 1, length: length }, true);
      },
      tStatusResults: function (length, contentSelectedOption) {
        return interpolate(ngettext("%(count)s client is found.", "%(count)s clients are found.",
          length), { count: length }, true) + " " + contentSelectedOption;
      },
      tAssistiveHint: function () {
        return gettext("When suggestions appear, use the up and down arrows to review them and Enter to choose one.");
      },
    });
    var created = document.getElementById(input.id);
    if (!created) return;
    created.classList.add("form-control");
    if (describedBy) {
      var own = created.getAttribute("aria-describedby");
      created.setAttribute("aria-describedby", own ? own + " " + describedBy : describedBy);
    }
    // Typing something else forgets the chosen client: the name typed is then what is sent.
    created.addEventListener("input", function () {
      if (idField && created.value !== chosen) idField.value = "";
    });
  }

  function enhanceAll(root) { root.querySelectorAll("[data-client-box]").forEach(enhance); }

  document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  document.addEventListener("htmx:load", function (event) { enhanceAll(event.target); });
})();
