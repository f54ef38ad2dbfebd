/* The map page ("Wat er waar speelt"): filters, the lens and the side panel.
 * The map itself is drawn at build time (SVG); without this script every shape is a link to its
 * municipality's projects. Everything shown from the data is set as text (textContent), never as HTML. */
(function () {
  "use strict";

  var VARIANT_ORDER = ["volledig", "solidariteit", "instap", "geen", "open"];
  var TAKES_PART = { volledig: 1, solidariteit: 1, instap: 1 };

  function count(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function klass(classes, n) {
    for (var i = 0; i < classes.length; i++) if (n >= classes[i][0] && n <= classes[i][1]) return i + 1;
    return n > 0 ? classes.length : 0;
  }

  function initMap(root) {
    var box = root.querySelector("[data-gp-map]");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    var started = performance.now();
    fetch(box.getAttribute("data-gp-map"))
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) { setUp(box, data, started); })
      .catch(function () { /* the map stays as drawn: links to each municipality */ });
  }

  function setUp(box, data, started) {
    var places = data.plaatsen, projects = data.projecten;
    var byPlace = {}; // place id -> indexes of projects
    places.forEach(function (pl) { byPlace[pl[0]] = []; });
    projects.forEach(function (pr, i) { pr[5].forEach(function (k) { byPlace[places[k][0]].push(i); }); });
    var index = {};
    places.forEach(function (pl, k) { index[pl[0]] = k; });
    var state = { thema: "", status: "", lens: null, open: null };
    var filters = box.querySelector("[data-gp-map-filters]");
    var summary = box.querySelector("[data-gp-map-summary]");
    var panel = box.querySelector("[data-gp-map-panel]");
    var panelTitle = box.querySelector("#gp-map-panel-kop");
    var aside = box.querySelector("#gp-map-panel");
    var legend = box.querySelector("[data-gp-map-legend]");
    var lensLegend = box.querySelector("[data-gp-map-lens-legend]");
    var lensTitle = box.querySelector("[data-gp-map-lens-title]");

    function shown(i) {
      var pr = projects[i];
      if (state.thema !== "" && pr[3].indexOf(+state.thema) < 0) return false;
      if (state.status !== "" && pr[4] !== +state.status) return false;
      return true;
    }

    function variantOf(i) {
      if (!state.lens) return null;
      var v = state.lens.variants;
      return v["project:" + projects[i][0]] || v[projects[i][0]] || null; // keyed as graph nodes (project:<id>)
    }

    // How a variant is named and marked: the lens's own styles (lens.STYLES) when it sends them.
    function look(v) {
      var s = state.lens && state.lens.styles && state.lens.styles[v];
      return s ? [s.title, s.symbol] : data.varianten[v] || [v, ""];
    }

    function lensCounts(list) {
      var c = {};
      list.forEach(function (i) { var v = variantOf(i); if (v) c[v] = (c[v] || 0) + 1; });
      return c;
    }

    function dominant(c) {
      var best = null;
      ["volledig", "solidariteit", "instap"].forEach(function (v) { if (c[v] && (!best || c[v] > c[best])) best = v; });
      return best;
    }

    function describe(c) {
      var parts = [];
      VARIANT_ORDER.forEach(function (v) { if (c[v]) parts.push(c[v] + " " + look(v)[0].toLowerCase()); });
      return parts.join(", ");
    }

    function draw() {
      var total = 0;
      places.forEach(function (pl) {
        var oid = pl[0];
        var list = byPlace[oid].filter(shown);
        total += list.length;
        var link = box.querySelector('.gp-map__place[data-place="' + CSS.escape(oid) + '"]');
        var countText = box.querySelector('[data-count-for="' + CSS.escape(oid) + '"]');
        if (!link) return;
        var shape = link.querySelector(".gp-map__shape");
        var label = pl[1] + ": " + count(list.length, "project", "projecten");
        shape.setAttribute("class", "gp-map__shape");
        if (state.lens) {
          var c = lensCounts(list), dom = dominant(c), taking = 0;
          Object.keys(TAKES_PART).forEach(function (v) { taking += c[v] || 0; });
          shape.classList.add(dom ? "gp-map__v-" + dom : "gp-map__v-geen");
          if (countText) countText.textContent = (dom ? look(dom)[1] + " " : "") + taking;
          label += "; " + state.lens.naam + (taking ? " doet mee aan " + count(taking, "project", "projecten") : " doet hier aan geen project mee") +
            (describe(c) ? " (" + describe(c) + ")" : "");
        } else {
          shape.classList.add("gp-map__k" + klass(data.klassen, list.length));
          if (countText) countText.textContent = String(list.length);
        }
        link.setAttribute("aria-label", label);
      });
      if (summary) {
        var filtered = state.thema !== "" || state.status !== "";
        summary.textContent = filtered ? "Gefilterd: de getallen tellen alleen de gekozen projecten." : "";
      }
      legend.hidden = !!state.lens;
      lensLegend.hidden = !state.lens;
      if (state.lens) lensTitle.textContent = "Hoe " + state.lens.naam + " meedoet";
      if (state.open) openPanel(state.open, false);
    }

    function openPanel(oid, focus) {
      var k = index[oid];
      if (k === undefined) return;
      state.open = oid;
      var pl = places[k];
      var list = byPlace[oid].filter(shown);
      panelTitle.textContent = pl[1] + ": " + count(list.length, "project", "projecten");
      panel.textContent = "";
      if (!list.length) panel.appendChild(el("p", "gp-empty", "Geen projecten met dit filter."));
      var ul = el("ul", "gp-map__panel-list");
      list.forEach(function (i) {
        var pr = projects[i];
        var li = el("li");
        var a = el("a", "", pr[1]);
        a.href = pr[2];
        li.appendChild(a);
        var v = variantOf(i);
        if (state.lens) {
          var key = v || "open";
          var badge = el("span", "gp-variant gp-variant--" + key);
          var sym = el("span", "", look(key)[1]);
          sym.setAttribute("aria-hidden", "true");
          badge.appendChild(sym);
          badge.appendChild(document.createTextNode(" " + look(key)[0]));
          li.appendChild(document.createTextNode(" "));
          li.appendChild(badge);
        }
        ul.appendChild(li);
      });
      if (list.length) panel.appendChild(ul);
      var more = el("p");
      var link = el("a", "", "Alles over " + pl[1]);
      link.href = pl[2];
      more.appendChild(link);
      panel.appendChild(more);
      box.querySelectorAll(".gp-map__place").forEach(function (a) {
        a.setAttribute("aria-expanded", a.getAttribute("data-place") === oid ? "true" : "false");
      });
      if (focus) aside.focus({ preventScroll: true });
    }

    box.querySelectorAll(".gp-map__place").forEach(function (a) {
      a.setAttribute("role", "button");
      a.setAttribute("aria-controls", "gp-map-panel");
      a.setAttribute("aria-expanded", "false");
      a.addEventListener("click", function (e) {
        e.preventDefault();
        openPanel(a.getAttribute("data-place"), false);
        if (window.matchMedia("(max-width: 59.9375em)").matches) aside.scrollIntoView({ block: "nearest" });
      });
      a.addEventListener("keydown", function (e) {
        if (e.key === " " || e.key === "Spacebar") { e.preventDefault(); openPanel(a.getAttribute("data-place"), false); }
      });
    });
    box.querySelectorAll("[data-gp-map-filter]").forEach(function (select) {
      select.addEventListener("change", function () {
        state[select.getAttribute("data-gp-map-filter")] = select.value;
        draw();
      });
    });
    function lens(d) {
      state.lens = d && d.variants
        ? { organisatie: String(d.organisatie || ""), naam: String(d.naam || d.organisatie || ""), variants: d.variants, styles: d.styles }
        : null;
      box.classList.toggle("gp-map--lens", !!state.lens);
    }
    document.addEventListener("groei:lens", function (e) { lens(e.detail); draw(); });
    if (window.groeiLens && window.groeiLens.detail) lens(window.groeiLens.detail); // the lens was quicker
    if (filters) filters.hidden = false;
    draw();
    box.dataset.drawnMs = String(Math.round(performance.now() - started));
    box.dataset.drawnAt = String(Math.round(performance.now())); // from navigation start (the benchmark)
    box.dataset.drawn = "1";
  }

  function init() { initMap(document); }
  window.groeiReady(init);
})();
