/* The lens "Bekijk als …": the region as one organisation takes part in it.
 *
 * The choice lives in the URL (?organisatie=<id>), so it can be shared and survives a reload;
 * links marked data-lens-link carry it on. Per organisation the site has a small JSON file
 * (assets/groei/lens/<id>.json, made in Python by lens.py) with its variant per project and
 * per opgave, its counts and the summary sentence. This script
 *  - marks every element with data-lens-target="project:<id>" (or "opgave:<id>") with that
 *    variant: data-lens="<variant>" (or "none": not involved) and a badge (symbol and words)
 *    in its .gp-lens-slot, or at its start;
 *  - marks the organisation's column in tables (th[data-org="<id>"]);
 *  - dispatches document "groei:lens" with detail {organisatie, naam, variants, counts,
 *    samenvatting, styles}, or detail null when the lens is off. Scripts that start later read
 *    window.groeiLens.detail. The styles are lens.STYLES: the one definition of how a variant looks.
 */
(function () {
  "use strict";

  var state = (window.groeiLens = window.groeiLens || { detail: null });
  var files = {};

  function param(root) { return root.getAttribute("data-lens-param") || "organisatie"; }

  function chosen(root) {
    return new URLSearchParams(window.location.search).get(param(root)) || "";
  }

  function known(select, id) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === id && id !== ""; });
  }

  function remember(root, id) {
    var url = new URL(window.location.href);
    if (id) url.searchParams.set(param(root), id);
    else url.searchParams.delete(param(root));
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  }

  // Links to the other pages with a lens take the choice along.
  function carry(root, id) {
    document.querySelectorAll("a[data-lens-link]").forEach(function (a) {
      if (a.dataset.lensHref === undefined) a.dataset.lensHref = a.getAttribute("href");
      var parts = a.dataset.lensHref.split("#");
      var base = parts[0].split("?")[0];
      var query = id ? "?" + encodeURIComponent(param(root)) + "=" + encodeURIComponent(id) : "";
      a.setAttribute("href", base + query + (parts.length > 1 ? "#" + parts.slice(1).join("#") : ""));
    });
    var org = root.querySelector("[data-lens-org]");
    if (org) {
      // data-lens-org holds the URL of an organisation page with "__lens__" for its id (never a valid id).
      if (id) org.setAttribute("href", org.getAttribute("data-lens-org").replace("__lens__", encodeURIComponent(id)));
      org.parentNode.hidden = !id;
    }
  }

  function load(root, id) {
    if (!files[id]) {
      files[id] = fetch(root.getAttribute("data-lens-root") + encodeURIComponent(id) + ".json").then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
      files[id].catch(function () { delete files[id]; });
    }
    return files[id];
  }

  function badge(styles, variant, naam) {
    var span = document.createElement("span");
    span.className = "gp-lens-badge";
    if (!variant) {
      span.classList.add("gp-lens-badge--none");
      span.textContent = "niet betrokken";
      return span;
    }
    var style = styles[variant];
    span.classList.add("gp-variant", "gp-variant--" + variant);
    span.title = naam + ": " + style.title;
    var symbol = document.createElement("span");
    symbol.setAttribute("aria-hidden", "true");
    symbol.textContent = style.symbol;
    var words = document.createElement("span");
    words.textContent = style.label;
    span.appendChild(symbol);
    span.appendChild(document.createTextNode(" "));
    span.appendChild(words);
    return span;
  }

  function clear() {
    document.querySelectorAll(".gp-lens-badge").forEach(function (b) { b.remove(); });
    document.querySelectorAll("[data-lens]").forEach(function (el) { el.removeAttribute("data-lens"); });
    document.querySelectorAll(".gp-lens-col").forEach(function (el) { el.classList.remove("gp-lens-col"); });
  }

  function mark(data) {
    clear();
    if (!data) return;
    document.querySelectorAll("[data-lens-target]").forEach(function (el) {
      var variant = data.variants[el.getAttribute("data-lens-target")] || "";
      el.setAttribute("data-lens", variant || "none");
      var slot = el.querySelector(".gp-lens-slot") || el;
      slot.insertBefore(badge(data.styles, variant, data.naam), slot.firstChild);
    });
    // The organisation's own column in tables (the matrix): the header and every cell under it.
    document.querySelectorAll('th[data-org="' + CSS.escape(data.organisatie) + '"]').forEach(function (th) {
      var table = th.closest("table");
      var column = th.cellIndex;
      th.classList.add("gp-lens-col");
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        if (tr.cells[column]) tr.cells[column].classList.add("gp-lens-col");
      });
    });
  }

  function announce(root, text) {
    var summary = root.querySelector(".gp-lens__summary");
    summary.textContent = text;
  }

  function apply(root, select, id) {
    select.value = id;
    remember(root, id);
    carry(root, id);
    root.setAttribute("data-lens-state", "loading");
    var done = function (data) {
      if (select.value !== id) return; // a later choice won
      mark(data);
      state.detail = data
        ? {
            organisatie: data.organisatie,
            naam: data.naam,
            variants: data.variants,
            counts: data.counts,
            samenvatting: data.samenvatting,
            styles: data.styles,
          }
        : null;
      announce(root, data ? data.samenvatting : "");
      root.setAttribute("data-lens-state", data ? "on" : "off");
      document.dispatchEvent(new CustomEvent("groei:lens", { detail: state.detail }));
    };
    if (!id) return done(null);
    load(root, id).then(done, function () {
      announce(root, "De gegevens van deze organisatie konden niet worden geladen.");
      root.setAttribute("data-lens-state", "error");
    });
  }

  function init() {
    var root = document.querySelector(".gp-lens");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    var select = root.querySelector("select");
    root.hidden = false;
    select.addEventListener("change", function () { apply(root, select, select.value); });
    var id = chosen(root);
    apply(root, select, known(select, id) ? id : "");
  }

  window.groeiReady(init);
})();
