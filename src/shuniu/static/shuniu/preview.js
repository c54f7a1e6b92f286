// 附件预览 in the matter page: the preview opens in a dialog (image, or PDF in a frame); the server
// answers with a note and a download link for what it cannot show. No inline scripts (CSP).
(function () {
  "use strict";
  var IMAGE = /\.(png|jpe?g)$/i;
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.sn-preview-link") : null;
    var modalElement = document.getElementById("preview-modal");
    if (!link || !modalElement || !window.bootstrap) { return; }
    event.preventDefault();
    var body = document.getElementById("preview-body");
    var name = link.getAttribute("data-name") || "";
    document.getElementById("preview-title").textContent = "附件预览：" + name;
    document.getElementById("preview-download").setAttribute("href", link.getAttribute("href").replace(/preview\/$/, ""));
    body.textContent = "";
    var node;
    if (IMAGE.test(name)) {
      node = document.createElement("img");
      node.className = "sn-preview-image";
      node.alt = name;
    } else {
      node = document.createElement("iframe");
      node.className = "sn-preview-frame";
      node.title = name;
    }
    node.id = "preview-content";
    node.src = link.getAttribute("href");
    body.appendChild(node);
    window.bootstrap.Modal.getOrCreateInstance(modalElement).show();
  });
})();
