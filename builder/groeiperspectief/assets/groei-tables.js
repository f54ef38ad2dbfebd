/* Tables: a cue in words when a table is wider than its frame, and the filters of "Wie doet waar mee"
   (theme, and variant: of the organisation chosen in the lens, or of anyone without one). Every table
   works without this script; the frame's edge shadows are a cue in CSS alone. */
(function () {
  "use strict";

  // "Scroll opzij": shown above every table frame whose table does not fit, kept up to date on resize.
  function updateCue(wrap) {
    var cue = wrap.previousElementSibling;
    if (!cue || !cue.classList.contains("gp-scroll-cue")) {
      cue = document.createElement("p");
      cue.className = "gp-scroll-cue";
      cue.textContent = "Deze tabel is breder dan het scherm: scroll opzij voor alle kolommen";
      wrap.parentNode.insertBefore(cue, wrap);
    }
    var wider = wrap.scrollWidth > wrap.clientWidth + 1;
    cue.hidden = !wider;
    wrap.toggleAttribute("data-overflow", wider);
    if (wider && !wrap.hasAttribute("tabindex")) {
      // A frame that scrolls is reachable by keyboard (arrow keys scroll it), and says what it holds.
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      var caption = wrap.querySelector("caption");
      wrap.setAttribute("aria-label", caption ? caption.textContent : "Tabel");
    }
  }

  function initCues(root) {
    var wraps = root.querySelectorAll(".gp-table-wrap");
    var all = function () { wraps.forEach(updateCue); };
    all();
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(all);
      wraps.forEach(function (wrap) { observer.observe(wrap); });
    } else {
      window.addEventListener("resize", all);
    }
  }

  function initMatrixFilter(root) {
    var box = root.querySelector('[data-gp-filter="matrix"]');
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    var theme = box.querySelector("#gp-matrix-filter");
    var variant = box.querySelector("#gp-matrix-variant");
    var status = box.querySelector(".gp-filter__status");
    var sections = root.querySelectorAll(".gp-matrix-section");

    function matches(tr) {
      var v = variant.value;
      if (!v) return true;
      var lens = tr.getAttribute("data-lens");
      if (lens) return lens === v;
      return tr.querySelector("td.gp-cell--" + v) !== null;
    }

    function apply() {
      var shown = 0, total = 0, seen = {};
      sections.forEach(function (section) {
        var inTheme = theme.value === "" || section.dataset.theme === theme.value;
        var visible = 0;
        section.querySelectorAll("tbody tr[data-lens-target]").forEach(function (tr) {
          var ok = inTheme && matches(tr);
          tr.hidden = !ok;
          var id = tr.getAttribute("data-lens-target");
          if (inTheme && !(id in seen)) { seen[id] = false; total += 1; }
          if (ok) {
            visible += 1;
            if (!seen[id]) { seen[id] = true; shown += 1; }
          }
        });
        section.hidden = visible === 0;
      });
      var lens = window.groeiLens && window.groeiLens.detail;
      var who = variant.value && lens ? " (variant van " + lens.naam + ")" : "";
      // A project of several themes is in several sections: it is counted once.
      status.textContent = shown + " van " + total + " projecten getoond" + who + ".";
    }

    theme.addEventListener("change", apply);
    variant.addEventListener("change", apply);
    document.addEventListener("groei:lens", apply);
    box.hidden = false;
    apply();
  }

  // Tables an editor writes in Markdown, and the site's lists of who takes part (data-gp-cards): on a phone,
  // one that does not fit becomes a card per row, its row header the title, each cell under its column's
  // name. Without this script they scroll in their frame.
  function initStacks(root) {
    var tables = root.querySelectorAll(".md-typeset__table > table:not(.gp-table), table[data-gp-cards]");
    tables.forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      // Roles kept explicit: a table shown as blocks is still read as a table.
      table.setAttribute("role", "table");
      table.querySelectorAll("tr").forEach(function (tr) {
        tr.setAttribute("role", "row");
        Array.prototype.forEach.call(tr.children, function (cell, i) {
          if (cell.tagName === "TD") {
            cell.setAttribute("role", "cell");
            if (heads[i]) cell.setAttribute("data-label", heads[i]);
          } else {
            cell.setAttribute("role", cell.getAttribute("scope") === "row" ? "rowheader" : "columnheader");
          }
        });
      });
    });
    var fit = function () {
      tables.forEach(function (table) {
        table.classList.remove("gp-stack");
        var frame = table.closest(".md-typeset__scrollwrap, .gp-table-wrap") || table.parentNode;
        if (window.groeiPhone.matches && frame.scrollWidth > frame.clientWidth + 1) table.classList.add("gp-stack");
      });
    };
    fit();
    window.addEventListener("resize", fit);  // also when the phone layout starts or ends
  }

  function init() {
    initMatrixFilter(document);
    initStacks(document);  // before the cues: a table shown as cards needs none
    initCues(document);
  }
  window.groeiReady(init);
})();
