// Small behaviours of every page, without inline scripts (the Content-Security-Policy allows
// none): a button with `data-print` prints the page.
document.addEventListener("click", (e) => {
  if (e.target.closest("[data-print]")) window.print();
});
// A select with `data-autosubmit` (the language switch) submits its form when changed.
document.addEventListener("change", (e) => {
  if (e.target.matches("select[data-autosubmit]")) e.target.form.requestSubmit();
});
