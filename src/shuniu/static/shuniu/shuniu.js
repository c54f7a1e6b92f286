/* Shuniu page behaviour that the Content-Security-Policy keeps out of the HTML (no inline script). */
(function () {
  "use strict";
  // <a href="#" data-sn-print>打印</a>
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-sn-print]") : null;
    if (target) {
      event.preventDefault();
      window.print();
    }
  });
})();
