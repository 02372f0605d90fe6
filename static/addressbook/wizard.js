// Enter in an address book search box searches that block's entries instead of saving the
// step (the form's default button); without JavaScript the Search button does the same.
document.addEventListener("keydown", (event) => {
  const box = event.target.closest && event.target.closest("[data-book-search]");
  if (!box || event.key !== "Enter") return;
  event.preventDefault();
  const block = box.closest("[data-book-block]");
  block.querySelector("button[name=book_search]").click();
});
