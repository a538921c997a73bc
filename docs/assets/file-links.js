// A site opened from disk (file://) rather than served: a link to a folder, such as
// "papers/hinton2015distilling/", would show the folder's listing, where a server answers with
// its index.html. Point such links at index.html when they are followed, including links that
// scripts add later (Explore's rows, search results). A served site is left as it is.
(function () {
  if (location.protocol !== "file:") return;
  function fix(event) {
    var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    if (!link) return;
    var url = new URL(link.getAttribute("href"), location.href);
    if (url.protocol === "file:" && url.pathname.endsWith("/")) {
      url.pathname += "index.html";
      link.setAttribute("href", url.href);
    }
  }
  document.addEventListener("click", fix, true);
  document.addEventListener("auxclick", fix, true);
  document.addEventListener("keydown", function (event) { if (event.key === "Enter") fix(event); }, true);
})();
