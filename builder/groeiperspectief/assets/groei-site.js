/* Small enhancements of the groeiperspectief pages; every page works without them.
   The tables' enhancements (matrix filters, scroll cues) are in groei-tables.js, the lens in groei-lens.js. */
(function () {
  "use strict";

  // The one way the site's scripts start: once the page is there, and again on every new page when
  // Material's instant navigation swaps pages without a reload (document$). Loaded before them all.
  window.groeiReady = function (init) {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  };

  // The phone layout of the CSS (Material's breakpoint, max-width 44.9375em), for scripts that follow it.
  window.groeiPhone = window.matchMedia("(max-width: 44.9375em)");
})();
