// The paper test's Print button (templates/teach/print.html). A file, not onclick="…": the Content-Security-Policy
// (quiz/web/headers.py) runs no script written into a page.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});
