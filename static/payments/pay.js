// The pay page: the current account select only for the WIPO current account, the card number
// only for a card. Without JavaScript both stay shown and the server asks for what the method
// needs, at the field.
(() => {
  const form = document.querySelector("[data-pay-form]");
  if (!form) return;
  const needs = { account: "current_account", card_number: "card" };
  const show = () => {
    const method = form.querySelector("input[name=method]:checked")?.value;
    for (const [name, value] of Object.entries(needs)) {
      const wrapper = form.querySelector(`#div_id_${name}`);
      if (wrapper) wrapper.hidden = method !== value;
    }
  };
  form.addEventListener("change", (event) => {
    if (event.target.name === "method") show();
  });
  show();
})();
