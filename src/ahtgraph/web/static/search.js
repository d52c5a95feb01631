// The search box of the home page: filters the entity list as one types, with no server.
// The list is complete without this script; the form is shown only when it runs.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var box = document.getElementById("search");
  var status = document.getElementById("search-status");
  if (!form || !box || !status) { return; }
  var template = status.getAttribute("data-template") || "{shown} / {total}";
  var items = Array.prototype.slice.call(document.querySelectorAll("li.entity"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));
  // Lower case without accents: the same as text_key() in ahtgraph/web/views.py.
  function norm(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function filter() {
    var words = norm(box.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      var text = item.getAttribute("data-search");
      var match = words.every(function (word) { return text.indexOf(word) >= 0; });
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("li.entity:not([hidden])");
    });
    status.textContent = words.length
      ? template.replace("{shown}", String(shown)).replace("{total}", String(items.length))
      : "";
  }
  form.hidden = false;
  box.addEventListener("input", filter);
  form.addEventListener("submit", function (event) { event.preventDefault(); filter(); });
})();
