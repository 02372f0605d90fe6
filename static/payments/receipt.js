// The receipt's Print button: a file of its own, since the Content-Security-Policy runs no
// inline script or event handler.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
