/* Small enhancements of the groeiperspectief pages; every page works without them. */
(function () {
  "use strict";

  // "Wie doet waar mee": show one theme's matrix at a time.
  function initMatrixFilter(root) {
    var box = root.querySelector('[data-gp-filter="matrix"]');
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    var select = box.querySelector("select");
    var sections = root.querySelectorAll(".gp-matrix-section");
    select.addEventListener("change", function () {
      sections.forEach(function (section) {
        section.hidden = select.value !== "" && section.dataset.theme !== select.value;
      });
    });
    box.hidden = false;
  }

  function init() { initMatrixFilter(document); }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
