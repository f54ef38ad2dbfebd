/* groei-figure.js: the interactions of the dependency picture (figures/dependencies.py, _figure.j2).

Vanilla JS, no libraries; loaded only by pages that have a figure. The SVG is complete without it;
this adds: a side panel per opgave (click or Enter), hover with a compact tooltip and highlighted
neighbours, focus with a depth (1, 2, 3 steps) and a direction, theme filters that fade or hide,
a search on partial names, zoom for a wide figure, and a keyboard model:
  Tab      into the figure (one tab stop; then the arrows)
  ← / →    along dependencies: to what this opgave depends on (left) / what it makes possible (right)
  ↑ / ↓    to the siblings: the other opgaven reached by the last ← / →, else the neighbours in the column
  Enter    opens the panel; Escape closes it and clears the focus
Every move is announced in the figure's aria-live region.

Event contract (the lens, "Bekijk als"; groei-lens.js and lens.py): the lens script dispatches on `document`
  new CustomEvent("groei:lens", {detail: {organisatie: "<id>", naam: "<name>",
      variants: {"opgave:<id>" | "project:<id>": "volledig" | "solidariteit" | "instap" | "geen" | "open"},
      counts, samenvatting, styles: {<variant>: {symbol, label, dash, color, ...}}}})
and `detail: null` when the lens is switched off; a script that starts later reads
`window.groeiLens.detail`. Nodes whose `opgave:<id>` is in `variants` get `data-lens` (line style and
colour from lens.STYLES through the CSS variables of groei-variants.css) and a badge with the
variant's symbol (● € ↗ – ?), so colour is never the only signal; the status line says how many
opgaven in the figure have which variant, and each node's accessible name says its variant.
*/
(function () {
  "use strict";

  // Fallbacks only: the lens sends lens.STYLES (the one definition) in its event.
  var SYMBOLS = { volledig: "●", solidariteit: "€", instap: "↗", geen: "–", open: "?" };
  var WORDS = { volledig: "volledig", solidariteit: "solidariteit", instap: "instap", geen: "geen", open: "nog geen keuze" };
  var SVGNS = "http://www.w3.org/2000/svg";
  var MIN_LABEL_PX = 12;
  var LABEL_PX = 14;

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }

  function Figure(root) {
    this.root = root;
    this.data = JSON.parse(root.querySelector(".gf-data").textContent);
    this.svgs = Array.prototype.slice.call(root.querySelectorAll(".gf-svg"));
    this.tools = root.querySelector(".gf-tools");
    this.status = root.querySelector(".gf-status");
    this.live = root.querySelector(".gf-live");
    this.panel = root.querySelector(".gf-panel");
    this.tip = root.querySelector(".gf-tip");
    this.frame = root.querySelector(".gf-frame");
    this.selected = null;
    this.trail = null; // {list, index}: the siblings for ↑ / ↓
    this.scale = 1;
    this.lens = null;
    this.bind();
  }

  Figure.prototype.svg = function () {
    // The SVG on screen: CSS shows one of the two (wide, phone).
    for (var i = 0; i < this.svgs.length; i++) {
      if (getComputedStyle(this.svgs[i]).display !== "none") return this.svgs[i];
    }
    return this.svgs[0];
  };

  Figure.prototype.nodeEl = function (id, svg) {
    return (svg || this.svg()).querySelector('.gf-node[data-id="' + CSS.escape(id) + '"]');
  };

  Figure.prototype.nodes = function (svg) {
    return Array.prototype.slice.call((svg || this.svg()).querySelectorAll(".gf-node"));
  };

  Figure.prototype.bind = function () {
    var self = this;
    this.tools.hidden = false;
    // The tools fold away on a phone (the picture first) and stay open on a wider screen.
    var fold = function () { self.tools.open = !window.groeiPhone.matches; };
    fold();
    window.groeiPhone.addEventListener("change", fold);
    this.svgs.forEach(function (svg) {
      svg.addEventListener("click", function (e) {
        var g = e.target.closest(".gf-node");
        if (g) self.open(g.dataset.id, true);
      });
      svg.addEventListener("keydown", function (e) { self.key(e); });
      svg.addEventListener("focusin", function (e) {
        var g = e.target.closest(".gf-node");
        if (g) self.roving(g);
      });
      svg.addEventListener("pointerover", function (e) {
        var g = e.target.closest(".gf-node");
        if (g) self.hover(g);
      });
      svg.addEventListener("pointerleave", function () { self.unhover(); });
    });
    this.root.querySelector(".gf-search__input").addEventListener("input", function (e) { self.search(e.target.value); });
    this.root.querySelector(".gf-search__input").addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        var first = self.svg().querySelector(".gf-node.is-match");
        if (first) { e.preventDefault(); self.moveTo(first.dataset.id, null); }
      }
    });
    this.root.querySelector(".gf-depth").addEventListener("change", function () { self.refocus(); });
    this.root.querySelector(".gf-direction").addEventListener("change", function () { self.refocus(); });
    this.root.querySelector(".gf-mode").addEventListener("change", function () { self.filter(); });
    this.root.querySelectorAll(".gf-filter input").forEach(function (box) {
      box.addEventListener("change", function () { self.filter(); });
    });
    this.root.querySelector(".gf-reset").addEventListener("click", function () { self.reset(); });
    this.zoomControls();
    document.addEventListener("groei:lens", function (e) { self.applyLens(e.detail); });
    if (window.groeiLens && window.groeiLens.detail) this.applyLens(window.groeiLens.detail);
    window.addEventListener("resize", function () { self.zoomControls(); });
  };

  // -- relations -------------------------------------------------------------------------------

  Figure.prototype.shown = function (id) { return Object.prototype.hasOwnProperty.call(this.data.nodes, id); };

  Figure.prototype.reach = function (id, depth, direction) {
    // The opgaven within `depth` steps along the chosen direction (only those in the figure).
    var found = {}, frontier = [id], data = this.data.nodes, self = this;
    found[id] = 0;
    for (var step = 1; step <= depth; step++) {
      var next = [];
      frontier.forEach(function (n) {
        var node = data[n];
        if (!node) return;
        var near = [];
        if (direction !== "needed") near = near.concat(node.d);
        if (direction !== "deps") near = near.concat(node.m);
        near.forEach(function (m) {
          if (self.shown(m) && !(m in found)) { found[m] = step; next.push(m); }
        });
      });
      frontier = next;
    }
    return found;
  };

  Figure.prototype.highlight = function (set, touchesOf) {
    var svg = this.svg();
    this.root.classList.toggle("is-focusing", !!set);
    svg.querySelectorAll(".gf-node").forEach(function (g) { g.classList.toggle("is-near", !!set && g.dataset.id in set); });
    svg.querySelectorAll(".gf-edge").forEach(function (path) {
      path.classList.toggle("is-near", !!set && path.dataset.from in set && path.dataset.to in set);
    });
    svg.querySelectorAll(".gf-touch").forEach(function (path) {
      path.classList.toggle("is-on", !!touchesOf && (path.dataset.a === touchesOf || path.dataset.b === touchesOf));
    });
  };

  Figure.prototype.refocus = function () {
    if (!this.selected) return;
    var depth = parseInt(this.root.querySelector(".gf-depth").value, 10);
    var direction = this.root.querySelector(".gf-direction").value;
    var set = this.reach(this.selected, depth, direction);
    this.highlight(set, this.selected);
    var n = Object.keys(set).length - 1;
    var words = { both: "hangt af van of nodig voor", deps: "hangt af van", needed: "nodig voor" }[direction];
    this.say(this.data.nodes[this.selected].t + ": " + plural(n, "opgave", "opgaven") + " in " +
      plural(depth, "stap", "stappen") + " (" + words + ") gemarkeerd; de rest vervaagt.", true);
  };

  // -- hover and tooltip -----------------------------------------------------------------------

  Figure.prototype.hover = function (g) {
    var id = g.dataset.id, node = this.data.nodes[id];
    if (!this.selected) this.highlight(this.reach(id, 1, "both"), null);
    this.tip.textContent = node.t + " · hangt af van " + node.d.length + " · nodig voor " + node.m.length +
      " · " + plural(node.pr.length, "project", "projecten");
    this.tip.hidden = false;
    // Above the node, unless a highlighted neighbour is there: then below it.
    var frame = this.frame.getBoundingClientRect(), box = g.getBoundingClientRect();
    var tipBox = this.tip.getBoundingClientRect();
    var left = Math.max(0, Math.min(box.left - frame.left + this.frame.scrollLeft, this.frame.scrollWidth - tipBox.width));
    var above = box.top - frame.top - tipBox.height - 6;
    var below = box.bottom - frame.top + 6;
    var self = this, blocked = false;
    Object.keys(this.reach(id, 1, "both")).forEach(function (m) {
      var el = self.nodeEl(m);
      if (!el || m === id) return;
      var r = el.getBoundingClientRect();
      var top = frame.top + above;
      if (r.bottom > top && r.top < top + tipBox.height && r.right > frame.left + left - self.frame.scrollLeft &&
          r.left < frame.left + left - self.frame.scrollLeft + tipBox.width) blocked = true;
    });
    this.tip.style.left = left + "px";
    this.tip.style.top = (blocked || above < 0 ? below : above) + "px";
  };

  Figure.prototype.unhover = function () {
    this.tip.hidden = true;
    if (!this.selected) this.highlight(null, null);
  };

  // -- selection, panel, keyboard --------------------------------------------------------------

  Figure.prototype.roving = function (g) {
    this.nodes().forEach(function (n) { n.setAttribute("tabindex", n === g ? "0" : "-1"); });
  };

  Figure.prototype.moveTo = function (id, trail) {
    var g = this.nodeEl(id);
    if (!g) return;
    this.trail = trail;
    this.roving(g);
    g.focus();
    var extra = trail && trail.list.length > 1 ? " (" + (trail.index + 1) + " van " + trail.list.length + ")" : "";
    this.say(this.data.nodes[id].say + extra, false);
  };

  Figure.prototype.key = function (e) {
    var g = e.target.closest(".gf-node");
    if (!g) return;
    var id = g.dataset.id, node = this.data.nodes[id], self = this, list;
    var visible = function (m) { var el = self.nodeEl(m); return el && !el.classList.contains("is-hidden"); };
    if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
      list = (e.key === "ArrowLeft" ? node.d : node.m).filter(visible);
      e.preventDefault();
      if (!list.length) {
        this.say(node.t + (e.key === "ArrowLeft" ? " hangt nergens van af in deze figuur." : ": geen opgave in deze figuur wacht hierop."), false);
        return;
      }
      list = this.byPosition(list);
      this.moveTo(list[0], { list: list, index: 0 });
    } else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      e.preventDefault();
      var trail = this.trail && this.trail.list.indexOf(id) >= 0 ? this.trail : this.column(id);
      var index = trail.list.indexOf(id) + (e.key === "ArrowDown" ? 1 : -1);
      if (index < 0 || index >= trail.list.length) { this.say("Geen opgave meer in deze richting.", false); return; }
      this.moveTo(trail.list[index], { list: trail.list, index: index });
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      this.open(id, false);
    } else if (e.key === "Escape") {
      this.close();
    }
  };

  Figure.prototype.byPosition = function (ids) {
    var self = this;
    return ids.slice().sort(function (a, b) {
      return self.nodeEl(a).getBBox().y - self.nodeEl(b).getBBox().y;
    });
  };

  Figure.prototype.column = function (id) {
    // The siblings of an opgave reached without ← / →: the visible opgaven in its column (wide) or the list (phone).
    var svg = this.svg(), me = this.nodeEl(id).getBBox();
    var phone = svg.classList.contains("gf-svg--phone");
    var list = this.nodes(svg).filter(function (g) {
      return !g.classList.contains("is-hidden") && (phone || Math.abs(g.getBBox().x - me.x) < 1);
    }).map(function (g) { return g.dataset.id; });
    return { list: this.byPosition(list), index: 0 };
  };

  Figure.prototype.open = function (id, fromPointer) {
    this.selected = id;
    var node = this.data.nodes[id], data = this.data, theme = data.themes[node.th];
    var panel = this.panel, self = this;
    panel.textContent = "";
    panel.style.setProperty("--gf-c", theme.c);
    var close = el("button", "gf-panel__close md-button", "Sluiten");
    close.type = "button";
    close.addEventListener("click", function () { self.close(); });
    panel.appendChild(close);
    panel.appendChild(el("h3", "", node.t));
    panel.appendChild(el("p", "gf-panel__theme", "Opgave in " + theme.t));
    panel.appendChild(el("p", "", node.s));
    var lists = [["Hangt af van", node.d, data.opgaven], ["Nodig voor", node.m, data.opgaven],
      ["Raakt aan", node.r, data.opgaven], ["Projecten", node.pr, data.projects]];
    lists.forEach(function (item) {
      panel.appendChild(el("p", "gf-panel__head", item[0] + " (" + item[1].length + ")"));
      if (!item[1].length) {
        panel.appendChild(el("p", "gf-panel__none", item[0] === "Projecten" ? "Nog geen project: een witte vlek." : "Geen."));
        return;
      }
      var ul = el("ul", "", "");
      item[1].forEach(function (ref) {
        var li = document.createElement("li"), a = el("a", "", item[2][ref].t);
        a.href = item[2][ref].u;
        li.appendChild(a);
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    });
    var page = el("a", "gf-panel__page", "Naar de pagina van " + node.t);
    page.href = node.u;
    panel.appendChild(el("p", "", "")).appendChild(page);
    panel.hidden = false;
    this.svg().querySelectorAll(".gf-node.is-current").forEach(function (g) { g.classList.remove("is-current"); });
    var g = this.nodeEl(id);
    if (g) g.classList.add("is-current");
    this.refocus();
    this.say(node.say + ". Het paneel met haar relaties en projecten is open; Escape sluit het.", false);
    if (!fromPointer && g) g.focus();
  };

  Figure.prototype.close = function () {
    var id = this.selected;
    this.selected = null;
    this.panel.hidden = true;
    this.svg().querySelectorAll(".gf-node.is-current").forEach(function (g) { g.classList.remove("is-current"); });
    this.highlight(null, null);
    this.say("Paneel gesloten.", false);
    var g = id && this.nodeEl(id);
    if (g) g.focus();
  };

  // -- filters, search, zoom -------------------------------------------------------------------

  Figure.prototype.filter = function () {
    var on = {}, names = [], off = [];
    var mode = this.root.querySelector(".gf-mode").value;
    var css = mode === "hide" ? "is-hidden" : "is-faded";
    var data = this.data;
    this.root.querySelectorAll(".gf-filter input").forEach(function (box) {
      on[box.value] = box.checked;
      (box.checked ? names : off).push(data.themes[box.value].t);
    });
    var shown = 0, total = 0, nodes = data.nodes;
    this.svgs.forEach(function (svg, i) {
      svg.querySelectorAll(".gf-node, .gf-lane").forEach(function (g) {
        var out = !on[g.dataset.theme];
        g.classList.toggle("is-faded", out && css === "is-faded");
        g.classList.toggle("is-hidden", out && css === "is-hidden");
        if (i === 0 && g.classList.contains("gf-node")) { total++; if (!out) shown++; }
      });
      svg.querySelectorAll(".gf-edge").forEach(function (path) {
        var out = !on[nodes[path.dataset.from].th] || !on[nodes[path.dataset.to].th];
        path.classList.toggle("is-faded", out && css === "is-faded");
        path.classList.toggle("is-hidden", out && css === "is-hidden");
      });
    });
    var verb = mode === "hide" ? (off.length === 1 ? "verdwijnt" : "verdwijnen") : (off.length === 1 ? "vervaagt" : "vervagen");
    this.say(off.length ? names.length + " van " + (names.length + off.length) + " thema's getoond: " + shown + " van " +
      plural(total, "opgave", "opgaven") + ". " + off.join(", ") + " " + verb + "." : "Alle thema's getoond: " +
      plural(total, "opgave", "opgaven") + ".", true);
  };

  Figure.prototype.search = function (query) {
    var q = fold(query.trim()), found = [], data = this.data.nodes;
    this.svgs.forEach(function (svg, i) {
      svg.querySelectorAll(".gf-node").forEach(function (g) {
        var hit = q.length > 0 && fold(data[g.dataset.id].t).indexOf(q) >= 0;
        g.classList.toggle("is-match", hit);
        if (hit && i === 0) found.push(data[g.dataset.id].t);
      });
    });
    if (!q) { this.say("", true); return; }
    this.say(found.length ? plural(found.length, "opgave", "opgaven") + " gevonden voor ‘" + query.trim() + "’: " +
      found.slice(0, 8).join(", ") + (found.length > 8 ? " en " + (found.length - 8) + " meer" : "") +
      ". Enter gaat naar de eerste." : "Geen opgave gevonden voor ‘" + query.trim() + "’.", true);
  };

  Figure.prototype.reset = function () {
    this.root.querySelectorAll(".gf-filter input").forEach(function (box) { box.checked = true; });
    this.root.querySelector(".gf-search__input").value = "";
    this.search("");
    this.filter();
    if (this.selected) this.close();
    this.zoom(1);
  };

  Figure.prototype.zoomControls = function () {
    // Zoom only where the wide figure is wider than its frame.
    var wide = this.root.querySelector(".gf-svg--wide");
    var natural = parseFloat(wide.getAttribute("viewBox").split(" ")[2]);
    var box = this.root.querySelector(".gf-zoom");
    var needed = getComputedStyle(wide).display !== "none" && natural > this.frame.clientWidth + 1;
    if (!box && needed) {
      var self = this;
      box = el("span", "gf-zoom", "");
      [["Kleiner", 1 / 1.25], ["Groter", 1.25], ["Passend", 0]].forEach(function (b) {
        var button = el("button", "md-button gf-zoom__button", b[0]);
        button.type = "button";
        button.addEventListener("click", function () {
          self.zoom(b[1] === 0 ? self.frame.clientWidth / natural : self.scale * b[1]);
        });
        box.appendChild(button);
      });
      this.root.querySelector(".gf-tools__row").appendChild(box);
    }
    if (box) box.hidden = !needed;
  };

  Figure.prototype.zoom = function (scale) {
    var wide = this.root.querySelector(".gf-svg--wide");
    var vb = wide.getAttribute("viewBox").split(" ").map(parseFloat);
    this.scale = Math.max(0.25, Math.min(1.5, scale));
    wide.setAttribute("width", (vb[2] * this.scale).toFixed(0));
    wide.setAttribute("height", (vb[3] * this.scale).toFixed(0));
    // Labels below 12 px would be unreadable: they hide, the boxes and their names for assistive tech stay.
    var small = LABEL_PX * this.scale < MIN_LABEL_PX;
    wide.classList.toggle("gf-svg--nolabels", small);
    this.say("Zoom " + Math.round(this.scale * 100) + " %" + (small ? "; namen verborgen (te klein), kies een opgave voor haar naam." : "."), true);
  };

  // -- the lens --------------------------------------------------------------------------------

  Figure.prototype.applyLens = function (detail) {
    this.lens = detail;
    var counts = {}, data = this.data, styles = (detail && detail.styles) || {};
    var symbol = function (v) { return (styles[v] && styles[v].symbol) || SYMBOLS[v]; };
    var words = function (v) { return (styles[v] && styles[v].label) || WORDS[v]; };
    this.svgs.forEach(function (svg, i) {
      svg.querySelectorAll(".gf-node").forEach(function (g) {
        var old = g.querySelector(".gf-lens");
        if (old) old.remove();
        var id = g.dataset.id, variants = detail && detail.variants;
        var variant = variants ? variants["opgave:" + id] || variants[id] : undefined;
        if (!variant || !SYMBOLS[variant]) { g.removeAttribute("data-lens"); return; }
        g.setAttribute("data-lens", variant);
        if (i === 0) counts[variant] = (counts[variant] || 0) + 1;
        var box = g.querySelector(".gf-box, .gf-row").getBBox();
        // A badge on the box's bottom-left corner, like the project count on the top-right one.
        var mark = document.createElementNS(SVGNS, "g"), x = box.x + 2, y = box.y + box.height - 2;
        mark.setAttribute("class", "gf-lens");
        mark.setAttribute("aria-hidden", "true");
        var ring = document.createElementNS(SVGNS, "circle");
        ring.setAttribute("cx", x.toFixed(1)); ring.setAttribute("cy", y.toFixed(1)); ring.setAttribute("r", "9");
        var sign = document.createElementNS(SVGNS, "text");
        sign.setAttribute("x", x.toFixed(1)); sign.setAttribute("y", (y + 4.5).toFixed(1));
        sign.setAttribute("text-anchor", "middle");
        sign.textContent = symbol(variant);
        mark.appendChild(ring); mark.appendChild(sign);
        g.appendChild(mark);
        var say = data.nodes[g.dataset.id].say;
        g.setAttribute("aria-label", say + "; " + detail.naam + ": " + words(variant));
      });
    });
    if (!detail) {
      this.nodes(this.svgs[0]).concat(this.nodes(this.svgs[1] || this.svgs[0])).forEach(function (g) {
        g.setAttribute("aria-label", data.nodes[g.dataset.id].say);
      });
      this.say("De figuur toont weer de hele regio.", true);
      return;
    }
    var parts = Object.keys(SYMBOLS).filter(function (v) { return counts[v]; }).map(function (v) {
      return symbol(v) + " " + counts[v] + " " + words(v);
    });
    this.say("Opgaven in deze figuur, bekeken als " + detail.naam + ": " +
      (parts.length ? parts.join(" · ") : "geen enkele is van een project met deze organisatie") + ".", true);
  };

  Figure.prototype.say = function (text, asStatus) {
    if (asStatus) { this.status.textContent = text; return; }
    this.live.textContent = text;
  };

  function el(tag, css, text) {
    var node = document.createElement(tag);
    if (css) node.className = css;
    if (text) node.textContent = text;
    return node;
  }

  function init() {
    document.querySelectorAll(".gf[data-gf]").forEach(function (root) {
      if (!root.groeiFigure) root.groeiFigure = new Figure(root);
    });
  }

  window.groeiReady(init);
})();
