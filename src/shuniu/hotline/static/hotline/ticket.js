// On a ticket's page: fill the 归并 or 直接办结 form from the suggestions panel.
document.addEventListener("click", function (event) {
  var merge = event.target.closest("[data-merge-into]");
  if (merge) {
    var into = document.querySelector("#do-merge [name=into]");
    if (into) { into.value = merge.dataset.mergeInto; into.focus(); into.scrollIntoView({block: "center"}); }
    return;
  }
  var use = event.target.closest("[data-use-answer]");
  if (use) {
    var template = document.getElementById("answer-" + use.dataset.useAnswer);
    var reply = document.querySelector("#do-answer_directly [name=reply]");
    if (template && reply) { reply.value = template.content.textContent.trim(); reply.focus(); reply.scrollIntoView({block: "center"}); }
  }
});
