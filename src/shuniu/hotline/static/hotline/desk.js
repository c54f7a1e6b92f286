// The operator's desk: keyboard first. Ctrl+Enter registers; choosing a category proposes the
// department it normally goes to; "采用此答复" copies a knowledge-base answer into the reply.
(function () {
  var form = document.getElementById("desk-form");
  if (!form) return;
  var routes = JSON.parse(document.getElementById("category-routes").textContent);
  var category = form.querySelector("[name=category]");
  var lead = form.querySelector("[name=lead_unit]");
  var leadTouched = false;
  lead.addEventListener("change", function () { leadTouched = true; });
  category.addEventListener("change", function () {
    if (leadTouched || !routes[category.value]) return;
    // The unit picker (Tom Select) shows what it holds: set it there, silently (not a touch).
    if (lead.tomselect) lead.tomselect.setValue(routes[category.value], true);
    else lead.value = routes[category.value];
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      document.getElementById("desk-register").click();
    }
  });
  document.addEventListener("click", function (event) {
    var use = event.target.closest("[data-use-article]");
    if (!use) return;
    var template = document.getElementById("article-" + use.dataset.useArticle);
    var reply = document.getElementById("id_reply");
    reply.value = template.content.textContent.trim();
    document.getElementById("id_article").value = use.dataset.useArticle;
    if (form.querySelector("[name=type]").value === "") form.querySelector("[name=type]").value = "consult";
    reply.focus();
  });
})();
