// Small behaviours of every page, without inline scripts (the Content-Security-Policy allows
// none): a button with `data-print` prints the page.
document.addEventListener("click", (e) => {
  if (e.target.closest("[data-print]")) window.print();
});
