/* Small enhancements of the groeiperspectief pages; every page works without them.
   The tables' enhancements (matrix filters, scroll cues) are in groei-tables.js, the lens in groei-lens.js. */
(function () {
  "use strict";
})();
