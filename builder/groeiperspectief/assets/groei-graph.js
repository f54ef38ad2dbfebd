/*
 * groei-graph.js: interactive graph viewer of the groeiperspectief site.
 *
 * Plain ES2017, no build step. Needs vendor/vis-network.min.js (standalone UMD
 * build, window.vis) to be loaded before this file.
 *
 * Contract (see the Python side):
 *   <figure class="gp-graph" data-graph="URL relative to the page"
 *           data-root="relative path from the page to the site root"
 *           data-height="560">
 *     <figcaption>...</figcaption>
 *   </figure>
 *
 * Everything taken from the JSON that editors wrote (labels, tooltips, names)
 * is put in the DOM with textContent / DOM properties only, never as HTML.
 */
(function () {
  "use strict";

  var NS_SVG = "http://www.w3.org/2000/svg";
  var PARTICIPATION = "neemt_deel";
  var PROJECT = "project";
  var NONE = "__geen__";
  var BIG_GRAPH_EDGES = 1000;
  // Above this many nodes the labels would overlap when the whole figure is in view: labels
  // grow with their node and the small ones appear only when zoomed in (level of detail).
  var CROWDED_NODES = 150;
  var CROWDED_LABEL_PX = 10; // smallest label drawn, in screen pixels
  var CROWDED_LABEL_MAX_PX = 22; // vis' maxVisible: labels stop growing on screen here
  var MAX_LABEL_LEVEL = 6;   // zoom 2^6 = 64 times closer shows every label
  var DIM_OPACITY = 0.18;
  var EDGE_DIM_OPACITY = 0.08;
  var VEIL_ALPHA = 0.8;
  var MAX_LABEL = 48;
  var ERROR_TEXT =
    "De figuur kon niet worden geladen; de tekst hieronder bevat dezelfde informatie.";

  // Shapes that draw without loading anything (no image / icon shapes).
  var SAFE_SHAPES = {
    dot: 1, square: 1, triangle: 1, triangleDown: 1, diamond: 1, hexagon: 1,
    star: 1, ellipse: 1, circle: 1, box: 1, database: 1, text: 1
  };

  var counter = 0;
  var registry = (window.groeiGraphs = window.groeiGraphs || []);

  /* ------------------------------------------------------------------ utils */

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) {
          node.setAttribute(k, attrs[k] === true ? "" : String(attrs[k]));
        }
      });
    }
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svgEl(tag, attrs) {
    var node = document.createElementNS(NS_SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, String(attrs[k]));
    });
    return node;
  }

  // Maps keyed by ids from the JSON: no prototype, so "__proto__" & co. are
  // ordinary keys.
  function dict() {
    return Object.create(null);
  }

  function isObj(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  function str(v, fallback) {
    if (typeof v === "string") return v;
    if (typeof v === "number" && isFinite(v)) return String(v);
    return fallback === undefined ? "" : fallback;
  }

  function num(v, fallback) {
    return typeof v === "number" && isFinite(v) ? v : fallback;
  }

  function list(v) {
    return Array.isArray(v) ? v : [];
  }

  // A colour is only ever used as a canvas fillStyle or an SVG attribute,
  // never parsed as markup; still, accept only plain colour notations.
  var COLOR_RE = /^(#[0-9a-fA-F]{3,8}|rgba?\([0-9.,%\s]+\)|hsla?\([0-9.,%\sdeg]+\)|[a-zA-Z]{3,20})$/;

  function cleanColor(v) {
    return typeof v === "string" && COLOR_RE.test(v.trim()) ? v.trim() : null;
  }

  function colorOf(v) {
    // vis colours may be a string or {color|background|border: ...}
    if (typeof v === "string") return cleanColor(v);
    if (isObj(v)) return cleanColor(v.background) || cleanColor(v.color) || cleanColor(v.border);
    return null;
  }

  function cleanDashes(v) {
    if (v === true) return [5, 5];
    if (Array.isArray(v)) {
      var out = v.filter(function (n) {
        return typeof n === "number" && isFinite(n) && n >= 0 && n < 100;
      });
      return out.length ? out : false;
    }
    return false;
  }

  function cleanArrows(v) {
    var out = {};
    var names = ["to", "from", "middle"];
    if (typeof v === "string") {
      names.forEach(function (n) {
        if (v.split(/[\s,]+/).indexOf(n) !== -1) out[n] = { enabled: true };
      });
    } else if (isObj(v)) {
      names.forEach(function (n) {
        var a = v[n];
        if (a === true || (isObj(a) && a.enabled !== false)) out[n] = { enabled: true };
      });
    }
    return out;
  }

  // A site-relative path from the JSON: no scheme, no protocol-relative URL.
  function cleanRelUrl(v) {
    if (typeof v !== "string") return null;
    var u = v.trim();
    if (!u) return null;
    if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(u) || /^[\\/]{2}/.test(u) || /[\u0000-\u001f]/.test(u)) {
      return null;
    }
    return u.replace(/^\/+/, "");
  }

  function cleanRoot(v) {
    if (typeof v !== "string") return "";
    var r = v.trim();
    if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(r) || /^[\\/]/.test(r)) return "";
    if (r && r.charAt(r.length - 1) !== "/") r += "/";
    return r;
  }

  function reducedMotion() {
    try {
      return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
    } catch (e) {
      return false;
    }
  }

  function animation() {
    return reducedMotion() ? false : { duration: 350, easingFunction: "easeInOutQuad" };
  }

  function deepMerge(target, source) {
    Object.keys(source || {}).forEach(function (k) {
      if (k === "__proto__" || k === "constructor" || k === "prototype") return;
      var s = source[k];
      if (isObj(s) && isObj(target[k])) deepMerge(target[k], s);
      else if (isObj(s)) target[k] = deepMerge({}, s);
      else target[k] = s;
    });
    return target;
  }

  function cssVar(node, name, fallback) {
    var v = "";
    try {
      v = getComputedStyle(node).getPropertyValue(name).trim();
    } catch (e) { /* ignore */ }
    return v || fallback;
  }

  var sharedCollator = null;
  function collator() {
    if (!sharedCollator) {
      try {
        sharedCollator = new Intl.Collator("nl", { sensitivity: "base", numeric: true });
      } catch (e) {
        sharedCollator = { compare: function (a, b) { return a < b ? -1 : a > b ? 1 : 0; } };
      }
    }
    return sharedCollator;
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  /* ----------------------------------------------------------- legend icons */

  function shapeIcon(shape, color, size) {
    size = size || 18;
    var c = size / 2;
    var r = size / 2 - 2;
    var svg = svgEl("svg", {
      width: size, height: size, viewBox: "0 0 " + size + " " + size,
      "aria-hidden": "true", focusable: "false", class: "gp-graph__icon"
    });
    var common = {
      fill: color || "currentColor",
      stroke: "currentColor",
      "stroke-width": 1.5,
      "stroke-linejoin": "round"
    };
    var shapeNode;
    function poly(points) {
      return svgEl("polygon", Object.assign({
        points: points.map(function (p) { return p[0].toFixed(2) + "," + p[1].toFixed(2); }).join(" ")
      }, common));
    }
    function regular(n, rot) {
      var pts = [];
      for (var i = 0; i < n; i++) {
        var a = rot + (i * 2 * Math.PI) / n;
        pts.push([c + r * Math.cos(a), c + r * Math.sin(a)]);
      }
      return poly(pts);
    }
    switch (shape) {
      case "hexagon":
        shapeNode = regular(6, 0);
        break;
      case "square":
      case "box":
      case "database":
        shapeNode = svgEl("rect", Object.assign({ x: c - r * 0.85, y: c - r * 0.85, width: r * 1.7, height: r * 1.7 }, common));
        break;
      case "triangle":
        shapeNode = poly([[c, c - r], [c + r, c + r * 0.8], [c - r, c + r * 0.8]]);
        break;
      case "triangleDown":
        shapeNode = poly([[c, c + r], [c + r, c - r * 0.8], [c - r, c - r * 0.8]]);
        break;
      case "diamond":
        shapeNode = poly([[c, c - r], [c + r, c], [c, c + r], [c - r, c]]);
        break;
      case "star":
        var pts = [];
        for (var i = 0; i < 10; i++) {
          var rr = i % 2 ? r * 0.45 : r;
          var a = -Math.PI / 2 + (i * Math.PI) / 5;
          pts.push([c + rr * Math.cos(a), c + rr * Math.sin(a)]);
        }
        shapeNode = poly(pts);
        break;
      case "ellipse":
        shapeNode = svgEl("ellipse", Object.assign({ cx: c, cy: c, rx: r, ry: r * 0.65 }, common));
        break;
      default:
        shapeNode = svgEl("circle", Object.assign({ cx: c, cy: c, r: r * 0.8 }, common));
    }
    svg.appendChild(shapeNode);
    return svg;
  }

  function lineIcon(dashes, color, arrow) {
    var w = 40;
    var h = 14;
    var svg = svgEl("svg", {
      width: w, height: h, viewBox: "0 0 " + w + " " + h,
      "aria-hidden": "true", focusable: "false", class: "gp-graph__icon gp-graph__icon--line"
    });
    var attrs = {
      x1: 2, y1: h / 2, x2: arrow ? w - 8 : w - 2, y2: h / 2,
      stroke: color || "currentColor", "stroke-width": 2
    };
    var d = cleanDashes(dashes);
    if (d) attrs["stroke-dasharray"] = d.join(" ");
    svg.appendChild(svgEl("line", attrs));
    if (arrow) {
      svg.appendChild(svgEl("polygon", {
        points: (w - 9) + "," + (h / 2 - 4) + " " + (w - 1) + "," + (h / 2) + " " + (w - 9) + "," + (h / 2 + 4),
        fill: color || "currentColor"
      }));
    }
    return svg;
  }

  function swatch(color) {
    var svg = svgEl("svg", {
      width: 16, height: 16, viewBox: "0 0 16 16",
      "aria-hidden": "true", focusable: "false", class: "gp-graph__icon"
    });
    svg.appendChild(svgEl("rect", {
      x: 1, y: 1, width: 14, height: 14, rx: 2,
      fill: color || "transparent", stroke: "currentColor", "stroke-width": 1
    }));
    return svg;
  }

  /* ---------------------------------------------------------- data cleaning */

  function lookup(items) {
    var map = dict();
    var order = [];
    list(items).forEach(function (it) {
      if (!isObj(it)) return;
      var id = str(it.id);
      if (!id || Object.prototype.hasOwnProperty.call(map, id)) return;
      map[id] = it;
      order.push(id);
    });
    return { map: map, order: order };
  }

  function labelOf(lk, id) {
    var it = Object.prototype.hasOwnProperty.call(lk.map, id) ? lk.map[id] : null;
    return it ? str(it.label, id) : id;
  }

  function mostCommon(values) {
    var counts = dict();
    var best = null;
    var bestN = 0;
    values.forEach(function (v) {
      var k = JSON.stringify(v);
      counts[k] = (counts[k] || 0) + 1;
      if (counts[k] > bestN) {
        bestN = counts[k];
        best = v;
      }
    });
    return best;
  }

  function sameValue(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  // Turn the JSON into lean vis items (only what differs from the shared
  // options, which keeps vis fast) plus our own look-up tables.
  function prepare(data, palette) {
    if (!isObj(data) || !Array.isArray(data.nodes) || !Array.isArray(data.edges)) {
      throw new Error("unexpected graph JSON");
    }
    var g = {
      kinds: lookup(data.kinds),
      themes: lookup(data.themes),
      variants: lookup(data.variants),
      statuses: lookup(data.statuses),
      relations: lookup(data.relations),
      info: dict(),       // node id -> {id,label,kind,shape,themes,status,url,tooltip,focus,color,edges,title}
      ids: [],
      visNodes: [],
      visEdges: [],
      edgeInfo: dict(),   // edge id -> {id,from,to,relation,variant,color,dashes,arrow,width}
      edgeIds: [],
      edgeDefaults: null
    };

    data.nodes.forEach(function (n) {
      if (!isObj(n)) return;
      var id = str(n.id);
      if (!id || Object.prototype.hasOwnProperty.call(g.info, id)) return;
      var label = str(n.label, id);
      var kind = str(n.kind, "");
      var kindDef = Object.prototype.hasOwnProperty.call(g.kinds.map, kind) ? g.kinds.map[kind] : null;
      var shape = str(n.shape) || (kindDef && str(kindDef.shape)) || "dot";
      if (!SAFE_SHAPES[shape]) shape = "dot";
      var themes = list(n.themes).map(function (t) { return str(t); }).filter(Boolean);
      var primary = str(n.theme);
      if (primary && themes.indexOf(primary) === -1) themes.unshift(primary);
      var themeDef = primary && Object.prototype.hasOwnProperty.call(g.themes.map, primary) ? g.themes.map[primary] : null;
      var color = colorOf(n.color) || (themeDef && cleanColor(themeDef.color)) || palette.neutral;
      var focus = n.focus === true;
      var size = Math.max(4, Math.min(60, num(n.size, 12)));
      // A small element per node; vis shows it as the tooltip. Its content is
      // filled in on first hover (see Viewer.hover), with textContent only.
      var title = document.createElement("div");
      title.className = "gp-graph__tooltip";
      var item = {
        id: id,
        // A long title would widen the figure's bounds until every node is a dot: cut it on
        // the canvas only (tooltip, picker and text keep it whole).
        label: label.length > MAX_LABEL ? Array.from(label).slice(0, MAX_LABEL - 1).join("").trim() + "\u2026" : label,
        shape: shape,
        x: num(n.x, 0),
        y: num(n.y, 0),
        size: size,
        color: color,
        title: title
      };
      if (focus) {
        item.size = Math.round(size * 1.6);
        item.borderWidth = 4;
        item.borderWidthSelected = 5;
        item.color = {
          background: color,
          border: palette.fg,
          highlight: { background: color, border: palette.fg },
          hover: { background: color, border: palette.fg }
        };
        item.font = { size: 17, color: palette.fg };
      }
      g.info[id] = {
        id: id,
        label: label,
        kind: kind,
        shape: shape,
        themes: themes,
        status: n.status === null || n.status === undefined ? null : str(n.status) || null,
        url: cleanRelUrl(n.url),
        tooltip: str(n.tooltip),
        focus: focus,
        color: color,
        edges: [],
        title: title
      };
      g.ids.push(id);
      g.visNodes.push(item);
    });

    var raw = [];
    data.edges.forEach(function (e, i) {
      if (!isObj(e)) return;
      var from = str(e.from);
      var to = str(e.to);
      if (!Object.prototype.hasOwnProperty.call(g.info, from) || !Object.prototype.hasOwnProperty.call(g.info, to)) return;
      var arrows = cleanArrows(e.arrows);
      raw.push({
        id: "e" + i,
        from: from,
        to: to,
        relation: str(e.relation),
        variant: e.variant === null || e.variant === undefined ? null : str(e.variant) || null,
        color: colorOf(e.color) || palette.edge,
        dashes: cleanDashes(e.dashes),
        arrows: arrows,
        arrow: !!arrows.to,
        width: Math.max(0.5, Math.min(8, num(e.width, 1)))
      });
    });
    var defaults = (g.edgeDefaults = {
      color: mostCommon(raw.map(function (e) { return e.color; })) || palette.edge,
      width: mostCommon(raw.map(function (e) { return e.width; })) || 1,
      dashes: mostCommon(raw.map(function (e) { return e.dashes; })) || false,
      arrows: mostCommon(raw.map(function (e) { return e.arrows; })) || {}
    });
    raw.forEach(function (e) {
      var item = { id: e.id, from: e.from, to: e.to };
      if (e.color !== defaults.color) item.color = { color: e.color };
      if (e.width !== defaults.width) item.width = e.width;
      if (!sameValue(e.dashes, defaults.dashes)) item.dashes = e.dashes;
      if (!sameValue(e.arrows, defaults.arrows)) {
        item.arrows = {
          to: { enabled: !!e.arrows.to },
          from: { enabled: !!e.arrows.from },
          middle: { enabled: !!e.arrows.middle }
        };
      }
      g.edgeInfo[e.id] = e;
      g.edgeIds.push(e.id);
      g.info[e.from].edges.push(e.id);
      if (e.to !== e.from) g.info[e.to].edges.push(e.id);
      g.visEdges.push(item);
    });
    return g;
  }

  function fillTooltip(info, g) {
    var box = info.title;
    if (box.firstChild) return;
    box.appendChild(el("strong", { class: "gp-graph__tooltip-title" }, info.label));
    var text = info.tooltip;
    if (!text && info.kind) text = labelOf(g.kinds, info.kind);
    if (text) box.appendChild(el("span", { class: "gp-graph__tooltip-text" }, text));
    if (info.url) box.appendChild(el("span", { class: "gp-graph__tooltip-hint" }, "Klik om de pagina te openen."));
  }

  function buildOptions(jsonOptions, g, palette) {
    var opts = {};
    var src = isObj(jsonOptions) ? jsonOptions : {};
    // Take only the groups we understand; the rest is decided here.
    ["nodes", "edges", "interaction"].forEach(function (k) {
      if (isObj(src[k])) opts[k] = deepMerge({}, src[k]);
    });
    var srcInteraction = isObj(src.interaction) ? src.interaction : {};
    var big = g.visEdges.length > BIG_GRAPH_EDGES;
    var crowded = g.visNodes.length > CROWDED_NODES;
    var d = g.edgeDefaults;
    deepMerge(opts, {
      autoResize: true,
      width: "100%",
      height: "100%",
      clickToUse: false,
      physics: { enabled: false, stabilization: { enabled: false } },
      layout: { improvedLayout: false, hierarchical: { enabled: false }, randomSeed: 1 },
      configure: { enabled: false },
      manipulation: { enabled: false },
      nodes: {
        physics: false,
        fixed: { x: true, y: true },
        borderWidth: 1.5,
        borderWidthSelected: 3,
        opacity: 1,
        font: {
          color: palette.fg,
          size: 14,
          face: palette.font,
          strokeWidth: 3,
          strokeColor: palette.bg,
          multi: false
        }
      },
      edges: {
        smooth: false,
        physics: false,
        color: { color: d.color, highlight: palette.fg, hover: palette.fg, inherit: false, opacity: 1 },
        width: d.width,
        dashes: d.dashes,
        arrows: {
          to: { enabled: !!d.arrows.to, scaleFactor: 0.6 },
          from: { enabled: !!d.arrows.from, scaleFactor: 0.6 },
          middle: { enabled: !!d.arrows.middle, scaleFactor: 0.6 }
        },
        selectionWidth: 1.5,
        hoverWidth: 0.5
      },
      interaction: {
        hover: true,
        dragNodes: false,
        multiselect: false,
        navigationButtons: false,
        keyboard: { enabled: false, bindToWindow: true, autoFocus: false },
        tooltipDelay: 150,
        hideEdgesOnDrag: big || srcInteraction.hideEdgesOnDrag === true,
        hideEdgesOnZoom: big || srcInteraction.hideEdgesOnZoom === true
      }
    });
    // The JSON may set the label size; colours come from the page's CSS.
    var srcFont = isObj(src.nodes) && isObj(src.nodes.font) ? src.nodes.font : {};
    if (typeof srcFont.size === "number" && srcFont.size >= 8 && srcFont.size <= 40) opts.nodes.font.size = srcFont.size;
    // vis hides a label drawn smaller than drawThreshold (it applies without value scaling too).
    opts.nodes.scaling = { label: { enabled: false, drawThreshold: crowded ? CROWDED_LABEL_PX : 5, maxVisible: crowded ? CROWDED_LABEL_MAX_PX : 30 } };

    // Strip anything that might load an image or show editor text as HTML.
    ["nodes", "edges"].forEach(function (k) {
      ["title", "image", "brokenImage", "icon", "label"].forEach(function (f) { delete opts[k][f]; });
    });
    if (opts.nodes.shape && !SAFE_SHAPES[opts.nodes.shape]) delete opts.nodes.shape;
    return opts;
  }

  /* ----------------------------------------------------------------- viewer */

  function Viewer(figure, entry) {
    this.figure = figure;
    this.entry = entry;
    this.uid = "gp-graph-" + ++counter;
    this.root = cleanRoot(figure.getAttribute("data-root"));
    var h = parseInt(figure.getAttribute("data-height") || "", 10);
    this.height = isFinite(h) ? Math.max(240, Math.min(1600, h)) : 560;
    this.filters = dict();      // group -> {value -> checked}
    this.hoverId = null;
    this.pickedId = null;
    this.dimmed = false;
    this.lastTapId = null;
  }

  Viewer.prototype.readPalette = function () {
    var f = this.figure;
    var style = getComputedStyle(f);
    return {
      fg: cssVar(f, "--gp-graph-fg", "") || style.color || "#1f1f1f",
      bg: cssVar(f, "--gp-graph-bg", "#ffffff"),
      edge: cssVar(f, "--gp-graph-edge", "#5c5c5c"),
      neutral: cssVar(f, "--gp-graph-neutral", "#6b6b6b"),
      font: style.fontFamily || "sans-serif"
    };
  };

  Viewer.prototype.message = function (text, isError) {
    var p = this.msg;
    if (!p) {
      p = this.msg = el("p", { class: "gp-graph__message" });
      this.figure.insertBefore(p, this.caption());
    }
    p.textContent = text;
    p.classList.toggle("gp-graph__message--error", !!isError);
    return p;
  };

  Viewer.prototype.caption = function () {
    var c = this.figure.querySelector(":scope > figcaption");
    return c || null;
  };

  Viewer.prototype.fail = function (err) {
    this.figure.dataset.state = "error";
    try {
      if (this.network) this.network.destroy();
    } catch (e) { /* ignore */ }
    this.network = null;
    this.entry.network = null;
    [this.toolbar, this.legend, this.stage, this.keysHelp].forEach(function (n) {
      if (n && n.parentNode) n.parentNode.removeChild(n);
    });
    this.message(ERROR_TEXT, true);
    if (window.console && console.warn) console.warn("groei-graph:", err);
  };

  Viewer.prototype.load = async function () {
    var figure = this.figure;
    figure.dataset.state = "loading";
    this.message("De figuur wordt geladen\u2026", false);
    var src = figure.getAttribute("data-graph");
    if (!src) throw new Error("data-graph missing");
    var url = new URL(src, document.baseURI);
    // Only ever fetch from this site.
    if (url.origin !== window.location.origin) throw new Error("graph URL not on this site");
    var vis = await waitForVis();
    var resp = await fetch(url.href, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!resp.ok) throw new Error("HTTP " + resp.status);
    var data = await resp.json();
    this.t0 = performance.now();
    var t = (this.entry.timings = {});
    this.palette = this.readPalette();
    this.g = prepare(data, this.palette);
    t.prepare = performance.now() - this.t0;
    this.buildUi();
    t.ui = performance.now() - this.t0;
    await this.draw(vis, data.options);
  };

  Viewer.prototype.buildUi = function () {
    var g = this.g;
    var uid = this.uid;
    var self = this;
    var infos = Object.keys(g.info).map(function (id) { return g.info[id]; });
    var edges = Object.keys(g.edgeInfo).map(function (id) { return g.edgeInfo[id]; });

    // What is present in this graph.
    var themeCount = dict();
    var kindCount = dict();
    var statusCount = dict();
    var variantCount = dict();
    var relationEdge = dict();
    infos.forEach(function (n) {
      n.themes.forEach(function (t) { themeCount[t] = (themeCount[t] || 0) + 1; });
      var k = n.kind || NONE;
      kindCount[k] = (kindCount[k] || 0) + 1;
      if (n.kind === PROJECT) {
        var s = n.status || NONE;
        statusCount[s] = (statusCount[s] || 0) + 1;
      }
    });
    edges.forEach(function (e) {
      if (e.relation === PARTICIPATION) {
        var v = e.variant || NONE;
        variantCount[v] = (variantCount[v] || 0) + 1;
      }
      var r = e.relation || NONE;
      if (!relationEdge[r] || (r === PARTICIPATION && !e.variant)) relationEdge[r] = e;
    });

    function ordered(lk, counts) {
      var ids = lk.order.filter(function (id) { return counts[id]; });
      Object.keys(counts).forEach(function (id) {
        if (ids.indexOf(id) === -1 && id !== NONE) ids.push(id);
      });
      if (counts[NONE]) ids.push(NONE);
      return ids;
    }

    this.present = {
      theme: ordered(g.themes, themeCount),
      kind: ordered(g.kinds, kindCount),
      status: ordered(g.statuses, statusCount),
      variant: ordered(g.variants, variantCount),
      relation: ordered(g.relations, relationEdge)
    };
    this.total = infos.length;

    // ---- toolbar with filters
    var toolbar = (this.toolbar = el("div", { class: "gp-graph__toolbar" }));
    var filters = el("div", { class: "gp-graph__filters" });
    toolbar.appendChild(filters);

    function group(name, legendText, ids, labelFor, iconFor, counts) {
      if (!ids.length) return;
      var state = (self.filters[name] = dict());
      var fs = el("fieldset", { class: "gp-graph__filter gp-graph__filter--" + name });
      fs.appendChild(el("legend", null, legendText));
      ids.forEach(function (id, i) {
        state[id] = true;
        var inputId = uid + "-" + name + "-" + i;
        var wrap = el("div", { class: "gp-graph__check" });
        var input = el("input", { type: "checkbox", id: inputId });
        input.checked = true;
        input.value = id;
        input.addEventListener("change", function () {
          state[id] = input.checked;
          self.applyFilters();
        });
        var label = el("label", { for: inputId });
        if (iconFor) label.appendChild(iconFor(id));
        label.appendChild(el("span", null, labelFor(id)));
        label.appendChild(el("span", { class: "gp-graph__n" }, "(" + counts[id] + ")"));
        wrap.appendChild(input);
        wrap.appendChild(label);
        fs.appendChild(wrap);
      });
      filters.appendChild(fs);
    }

    var kindShape = function (id) {
      var def = g.kinds.map[id];
      var shape = def && str(def.shape);
      if (!shape) {
        for (var i = 0; i < infos.length; i++) {
          if (infos[i].kind === id) { shape = infos[i].shape; break; }
        }
      }
      return SAFE_SHAPES[shape] ? shape : "dot";
    };
    var themeColor = function (id) {
      var def = g.themes.map[id];
      return (def && cleanColor(def.color)) || null;
    };
    var noneLabel = function (lk, none) {
      return function (id) { return id === NONE ? none : labelOf(lk, id); };
    };

    group("theme", "Thema", this.present.theme, noneLabel(g.themes, "Zonder thema"),
      function (id) { return swatch(themeColor(id)); }, themeCount);
    group("kind", "Soort", this.present.kind, noneLabel(g.kinds, "Overig"),
      function (id) { return shapeIcon(kindShape(id), "none", 16); }, kindCount);
    if (variantCount && Object.keys(variantCount).length) {
      group("variant", "Deelname (variant)", this.present.variant, noneLabel(g.variants, "Variant onbekend"),
        function (id) {
          var def = g.variants.map[id];
          return lineIcon(def ? def.dashes : false, null, false);
        }, variantCount);
    }
    if (Object.keys(statusCount).length) {
      group("status", "Status van projecten", this.present.status, noneLabel(g.statuses, "Status onbekend"),
        null, statusCount);
    }

    // ---- picker, actions, count
    var tools = el("div", { class: "gp-graph__tools" });
    var pickId = uid + "-pick";
    var listId = uid + "-list";
    var pickWrap = el("div", { class: "gp-graph__picker" });
    pickWrap.appendChild(el("label", { for: pickId }, "Zoek in de figuur"));
    var pick = (this.pick = el("input", {
      type: "text", id: pickId, list: listId, autocomplete: "off", spellcheck: "false",
      "aria-describedby": uid + "-pickhelp"
    }));
    this.datalist = el("datalist", { id: listId });
    pickWrap.appendChild(pick);
    pickWrap.appendChild(this.datalist);
    pickWrap.appendChild(el("span", { id: uid + "-pickhelp", class: "gp-graph__help" },
      "Kies een knoop om die en zijn buren te markeren; Enter opent de pagina."));
    tools.appendChild(pickWrap);

    var actions = el("div", { class: "gp-graph__actions" });
    var fitBtn = el("button", { type: "button", class: "gp-graph__button" }, "Passend in beeld");
    fitBtn.addEventListener("click", function () { self.fit(true); });
    var resetBtn = el("button", { type: "button", class: "gp-graph__button" }, "Alles tonen");
    resetBtn.addEventListener("click", function () { self.resetFilters(); });
    actions.appendChild(fitBtn);
    actions.appendChild(resetBtn);
    tools.appendChild(actions);

    this.count = el("p", { class: "gp-graph__count", "aria-live": "polite", "aria-atomic": "true" });
    tools.appendChild(this.count);
    toolbar.appendChild(tools);

    // chosen-node panel (for keyboard and touch users)
    this.info = el("div", { class: "gp-graph__info", hidden: true, "aria-live": "polite" });
    toolbar.appendChild(this.info);

    pick.addEventListener("input", function () { self.onPick(false); });
    pick.addEventListener("change", function () { self.onPick(false); });
    pick.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") {
        ev.preventDefault();
        self.onPick(true);
      } else if (ev.key === "Escape" && pick.value) {
        pick.value = "";
        self.onPick(false);
      }
    });

    // ---- legend
    var legend = (this.legend = el("div", { class: "gp-graph__legend", role: "group", "aria-labelledby": uid + "-legend" }));
    legend.appendChild(el("p", { class: "gp-graph__legend-head", id: uid + "-legend" }, "Legenda"));
    var cols = el("div", { class: "gp-graph__legend-cols" });
    legend.appendChild(cols);
    function legendList(title, ids, row) {
      if (!ids.length) return;
      var sec = el("div", { class: "gp-graph__legend-group" });
      sec.appendChild(el("p", { class: "gp-graph__legend-title" }, title));
      var ul = el("ul");
      ids.forEach(function (id) {
        var li = el("li");
        row(id, li);
        ul.appendChild(li);
      });
      sec.appendChild(ul);
      cols.appendChild(sec);
    }
    legendList("Vorm: soort", this.present.kind.filter(function (k) { return k !== NONE; }), function (id, li) {
      li.appendChild(shapeIcon(kindShape(id), "none", 18));
      li.appendChild(el("span", null, labelOf(g.kinds, id)));
    });
    legendList("Kleur: thema", this.present.theme.filter(function (k) { return k !== NONE; }), function (id, li) {
      li.appendChild(swatch(themeColor(id)));
      li.appendChild(el("span", null, labelOf(g.themes, id)));
    });
    legendList("Lijn: relatie", this.present.relation, function (id, li) {
      var e = relationEdge[id];
      li.appendChild(lineIcon(id === PARTICIPATION ? false : e.dashes, e.color, e.arrow));
      var text = id === NONE ? "overige relatie" : labelOf(g.relations, id);
      if (id === PARTICIPATION && Object.keys(variantCount).length) text += " (lijnstijl per variant, zie hieronder)";
      li.appendChild(el("span", null, text));
    });
    legendList("Lijnstijl: deelname-variant", this.present.variant, function (id, li) {
      var def = g.variants.map[id];
      li.appendChild(lineIcon(def ? def.dashes : false, null, false));
      li.appendChild(el("span", null, id === NONE ? "variant onbekend" : labelOf(g.variants, id)));
    });
    if (infos.some(function (n) { return n.focus; })) {
      legendList("Markering", ["focus"], function (id, li) {
        var s = shapeIcon("dot", "none", 18);
        s.querySelector("circle").setAttribute("stroke-width", "3.5");
        li.appendChild(s);
        li.appendChild(el("span", null, "dikke rand: het onderwerp van deze pagina"));
      });
    }

    // ---- canvas
    var stage = (this.stage = el("div", {
      class: "gp-graph__canvas",
      tabindex: "0",
      role: "group",
      "aria-roledescription": "interactieve figuur",
      "aria-label": "Netwerkfiguur met " + plural(infos.length, "knoop", "knopen") + " en " +
        plural(edges.length, "verbinding", "verbindingen") +
        ". Gebruik de zoekfunctie hierboven om een knoop te kiezen.",
      "aria-describedby": uid + "-keys"
    }));
    stage.style.height = this.height + "px";
    this.keysHelp = el("p", { id: uid + "-keys", class: "gp-graph__keys" },
      "Met focus op de figuur: pijltjestoetsen verschuiven, + en \u2212 zoomen in en uit, 0 maakt de figuur passend." +
      (infos.length > CROWDED_NODES ? " Zoom in om ook de namen van de kleinere knopen te zien." : ""));

    var figure = this.figure;
    var cap = this.caption();
    if (this.msg && this.msg.parentNode) this.msg.parentNode.removeChild(this.msg);
    this.msg = null;
    figure.insertBefore(toolbar, cap);
    figure.insertBefore(legend, cap);
    figure.insertBefore(stage, cap);
    figure.insertBefore(this.keysHelp, cap);
  };

  Viewer.prototype.draw = function (vis, jsonOptions) {
    var self = this;
    var g = this.g;
    this.nodes = new vis.DataSet(g.visNodes);
    this.edges = new vis.DataSet(g.visEdges);
    this.computeVisibility();
    this.nodeView = new vis.DataView(this.nodes, {
      filter: function (item) { return self.shown[item.id] === true; }
    });
    this.edgeView = new vis.DataView(this.edges, {
      filter: function (item) { return self.shownEdge[item.id] === true; }
    });
    var options = buildOptions(jsonOptions, g, this.palette);

    var ready = new Promise(function (resolve) {
      var first = true;
      self.onFirstDraw = function () {
        if (!first) return;
        first = false;
        resolve();
      };
    });

    var t = this.entry.timings;
    t.data = performance.now() - this.t0;
    var network = (this.network = new vis.Network(this.stage, { nodes: this.nodeView, edges: this.edgeView }, options));
    this.entry.network = network;
    t.network = performance.now() - this.t0;
    // Our container is the single tab stop; vis' own frame would be a second.
    var frame = this.stage.querySelector(".vis-network");
    if (frame) frame.tabIndex = -1;

    network.once("afterDrawing", function () {
      self.entry.renderMs = performance.now() - self.t0;
      t.firstDraw = self.entry.renderMs;
      self.labelLevels();
      // Let the browser show the first frame, then fill the picker.
      setTimeout(function () {
        try {
          self.fillPicker();
        } catch (e) { /* the picker stays empty; the figure still works */ }
        t.picker = performance.now() - self.t0;
        self.figure.dataset.state = "ready";
        self.entry.readyAt = performance.now();
        self.onFirstDraw();
      }, 0);
    });
    // vis fits the view itself when the data is set (physics off).

    network.on("afterDrawing", function (ctx) { self.drawVeil(ctx); });
    network.on("hoverNode", function (p) { self.hover(p.node); });
    network.on("blurNode", function () { self.hover(null); });
    network.on("click", function (p) { self.click(p); });
    network.on("dragStart", function () { self.stage.classList.add("gp-graph__canvas--dragging"); });
    network.on("dragEnd", function () { self.stage.classList.remove("gp-graph__canvas--dragging"); });

    // Keyboard navigation of vis only while the canvas has focus.
    var kbd = false;
    function setKeyboard(on) {
      if (kbd === on || !self.network) return;
      kbd = on;
      var kb = { keyboard: { enabled: on, bindToWindow: true, autoFocus: false } };
      var ih = self.network.interactionHandler;
      // Network.setOptions re-measures every node (slow on big graphs); the
      // interaction handler alone only rebinds the keys.
      if (ih && typeof ih.setOptions === "function") ih.setOptions(kb);
      else self.network.setOptions({ interaction: kb });
    }
    this.stage.addEventListener("focusin", function () { setKeyboard(true); });
    this.stage.addEventListener("focusout", function (ev) {
      if (!self.stage.contains(ev.relatedTarget)) setKeyboard(false);
    });
    // vis does not report leaving a node when the pointer leaves the canvas.
    this.stage.addEventListener("mouseleave", function () {
      if (self.hoverId) self.hover(null);
    });
    this.stage.addEventListener("keydown", function (ev) {
      if (ev.key === "0" || ev.key === "Home") {
        ev.preventDefault();
        self.fit(true);
      } else if (ev.key === "Escape") {
        self.clearPick();
      }
    });

    // A figure that was hidden (tabs, <details>) has no size on load: fit
    // once it gets one.
    if (window.ResizeObserver) {
      var wasEmpty = this.stage.clientWidth === 0;
      this.resizeObserver = new ResizeObserver(function () {
        if (!self.network) return;
        var empty = self.stage.clientWidth === 0;
        if (wasEmpty && !empty) {
          self.network.setSize("100%", "100%");
          self.network.redraw();
          self.fit(false);
        }
        wasEmpty = empty;
      });
      this.resizeObserver.observe(this.stage);
    }

    this.pickIndex = dict();
    this.updateCount();
    // vis draws on the next animation frame.
    return ready;
  };

  /* ---------------------------------------------------------------- filters */

  Viewer.prototype.pass = function (group, value) {
    var st = this.filters[group];
    if (!st) return true;
    var key = value || NONE;
    return Object.prototype.hasOwnProperty.call(st, key) ? st[key] : true;
  };

  Viewer.prototype.nodeVisible = function (id) {
    var n = this.g.info[id];
    if (!n) return false;
    if (!this.pass("kind", n.kind)) return false;
    if (n.kind === PROJECT && !this.pass("status", n.status)) return false;
    var tf = this.filters.theme;
    if (tf && n.themes.length) {
      var any = false;
      for (var i = 0; i < n.themes.length; i++) {
        if (this.pass("theme", n.themes[i])) { any = true; break; }
      }
      if (!any) return false;
    }
    return true;
  };

  // Recompute which nodes and edges pass the filters (the DataView filter
  // functions only look these up).
  Viewer.prototype.computeVisibility = function () {
    var self = this;
    var g = this.g;
    var shown = (this.shown = dict());
    var shownEdge = (this.shownEdge = dict());
    var count = 0;
    g.ids.forEach(function (id) {
      if (self.nodeVisible(id)) {
        shown[id] = true;
        count++;
      }
    });
    g.edgeIds.forEach(function (id) {
      var e = g.edgeInfo[id];
      if (e.relation === PARTICIPATION && !self.pass("variant", e.variant)) return;
      if (shown[e.from] && shown[e.to]) shownEdge[id] = true;
    });
    this.shownCount = count;
  };

  Viewer.prototype.applyFilters = function () {
    this.hoverId = null;
    this.computeVisibility();
    if (this.pickedId && !this.shown[this.pickedId]) {
      this.pick.value = "";
      this.pickedId = null;
      this.showInfo(null);
      if (this.network) this.network.unselectAll();
    }
    this.nodeView.refresh();
    this.edgeView.refresh();
    this.highlight(this.pickedId);
    this.updateCount();
    this.fillPicker();
  };

  Viewer.prototype.resetFilters = function () {
    var self = this;
    Object.keys(this.filters).forEach(function (grp) {
      Object.keys(self.filters[grp]).forEach(function (k) { self.filters[grp][k] = true; });
    });
    this.toolbar.querySelectorAll(".gp-graph__filters input[type=checkbox]").forEach(function (i) {
      i.checked = true;
    });
    this.applyFilters();
    this.fit(true);
  };

  Viewer.prototype.updateCount = function () {
    var n = this.shownCount;
    this.count.textContent = n + " van " + this.total + " knopen zichtbaar";
  };

  Viewer.prototype.pickerText = function (n) {
    var kind = n.kind ? labelOf(this.g.kinds, n.kind) : "";
    return kind ? n.label + " (" + kind + ")" : n.label;
  };

  Viewer.prototype.fillPicker = function () {
    var self = this;
    var ids = this.nodeView.getIds();
    var seen = dict();
    this.pickIndex = dict();
    var entries = [];
    ids.forEach(function (id) {
      var n = self.g.info[id];
      var text = self.pickerText(n);
      if (seen[text]) text = text + " \u2013 " + id;   // keep the choices unique
      seen[text] = true;
      self.pickIndex[text.toLowerCase()] = id;
      entries.push(text);
    });
    entries.sort(collator().compare);
    var frag = document.createDocumentFragment();
    entries.forEach(function (t) {
      var o = document.createElement("option");
      o.value = t;
      frag.appendChild(o);
    });
    this.datalist.textContent = "";
    this.datalist.appendChild(frag);
  };

  /* --------------------------------------------------- highlight, navigate */

  // open: Enter was pressed. Typing or choosing a suggestion highlights;
  // Enter on the chosen node opens its page.
  Viewer.prototype.onPick = function (open) {
    var text = this.pick.value.trim().toLowerCase();
    var index = this.pickIndex;
    var id = text && Object.prototype.hasOwnProperty.call(index, text) ? index[text] : null;
    if (!id && text && open) {
      // Enter on a partial text with a single match: choose that one.
      var keys = Object.keys(index).filter(function (k) { return k.indexOf(text) !== -1; });
      if (keys.length === 1) {
        id = index[keys[0]];
        this.pick.value = this.pickerText(this.g.info[id]);
        this.choose(id, true);
      }
      return;
    }
    if (id !== this.pickedId) this.choose(id, true);
    if (id && open) this.navigate(id);
  };

  Viewer.prototype.choose = function (id, move) {
    this.pickedId = id || null;
    this.highlight(this.pickedId);
    this.showInfo(this.pickedId);
    if (id && move && this.network) {
      var pos = this.network.getPositions([id])[id];
      if (pos) {
        var dom = this.network.canvasToDOM(pos);
        var w = this.stage.clientWidth;
        var h = this.stage.clientHeight;
        if (dom.x < 20 || dom.y < 20 || dom.x > w - 20 || dom.y > h - 20) {
          this.network.moveTo({ position: pos, animation: animation() });
        }
      }
      this.network.selectNodes([id], false);
    } else if (this.network) {
      this.network.unselectAll();
    }
  };

  Viewer.prototype.clearPick = function () {
    if (this.pick) this.pick.value = "";
    this.choose(null, false);
  };

  Viewer.prototype.showInfo = function (id) {
    var box = this.info;
    box.textContent = "";
    if (!id) {
      box.hidden = true;
      return;
    }
    var n = this.g.info[id];
    box.appendChild(el("strong", { class: "gp-graph__info-title" }, n.label));
    if (n.tooltip) box.appendChild(el("span", { class: "gp-graph__info-text" }, n.tooltip));
    var nb = this.neighbours(id);
    box.appendChild(el("span", { class: "gp-graph__info-text" },
      plural(Object.keys(nb).length - 1, "directe verbinding", "directe verbindingen") + " in beeld."));
    var href = this.href(id);
    if (href) {
      var a = el("a", { class: "gp-graph__button gp-graph__open", href: href }, "Open pagina");
      box.appendChild(a);
    }
    box.hidden = false;
  };

  Viewer.prototype.neighbours = function (id) {
    var self = this;
    var set = dict();
    set[id] = true;
    this.g.info[id].edges.forEach(function (eid) {
      if (!self.shownEdge[eid]) return;
      var e = self.g.edgeInfo[eid];
      set[e.from] = true;
      set[e.to] = true;
    });
    return set;
  };

  Viewer.prototype.hover = function (id) {
    this.hoverId = id || null;
    if (id && this.g.info[id]) fillTooltip(this.g.info[id], this.g);
    this.stage.classList.toggle("gp-graph__canvas--link", !!(id && this.href(id)));
    this.highlight(this.hoverId || this.pickedId);
  };

  // Highlight a node and its direct neighbours, dim the rest (id null:
  // restore). The pinned vis build lets us draw a veil over the finished
  // frame and draw the highlighted items again on top of it: one redraw, no
  // data updates, so it stays fast on large graphs. Without those internals,
  // fall back to updating opacity through the DataSets.
  Viewer.prototype.highlight = function (id) {
    var g = this.g;
    var keep = id && g.info[id] && this.shown[id] ? this.neighbours(id) : null;
    if (this.canVeil()) {
      if (!keep && !this.hl) return;
      this.hl = keep ? { id: id, nodes: Object.keys(keep), edges: this.litEdges(id) } : null;
      this.requestRedraw();
      return;
    }
    this.highlightData(id, keep);
  };

  Viewer.prototype.litEdges = function (id) {
    var self = this;
    return this.g.info[id].edges.filter(function (eid) { return self.shownEdge[eid] === true; });
  };

  Viewer.prototype.canVeil = function () {
    var net = this.network;
    if (this.veilOk === undefined) {
      var body = net && net.body;
      this.veilOk = !!(body && body.nodes && body.edges && body.emitter &&
        typeof net.DOMtoCanvas === "function");
    }
    return this.veilOk;
  };

  Viewer.prototype.requestRedraw = function () {
    var net = this.network;
    if (!net) return;
    if (net.body && net.body.emitter) net.body.emitter.emit("_requestRedraw");
    else net.redraw();
  };

  // afterDrawing handler: ctx is in canvas coordinates here.
  Viewer.prototype.drawVeil = function (ctx) {
    var hl = this.hl;
    if (!hl || !this.canVeil()) return;
    var net = this.network;
    var body = net.body;
    try {
      var w = this.stage.clientWidth;
      var h = this.stage.clientHeight;
      var a = net.DOMtoCanvas({ x: -10, y: -10 });
      var b = net.DOMtoCanvas({ x: w + 10, y: h + 10 });
      ctx.save();
      ctx.globalAlpha = VEIL_ALPHA;
      ctx.fillStyle = this.palette.bg;
      ctx.fillRect(a.x, a.y, b.x - a.x, b.y - a.y);
      ctx.restore();
      var i;
      for (i = 0; i < hl.edges.length; i++) {
        var e = body.edges[hl.edges[i]];
        if (e && e.connected && typeof e.draw === "function") e.draw(ctx);
      }
      for (i = 0; i < hl.edges.length; i++) {
        var e2 = body.edges[hl.edges[i]];
        if (e2 && e2.connected && typeof e2.drawArrows === "function") e2.drawArrows(ctx);
      }
      var labels = [];
      var order = hl.nodes.filter(function (n) { return n !== hl.id; }).concat([hl.id]);
      for (i = 0; i < order.length; i++) {
        var n = body.nodes[order[i]];
        if (!n || typeof n.draw !== "function") continue;
        var later = n.draw(ctx);
        if (later && typeof later.drawExternalLabel === "function") labels.push(later.drawExternalLabel);
      }
      labels.forEach(function (f) { f(); });
    } catch (err) {
      // Internals changed: switch to the data-based highlight for good.
      this.veilOk = false;
      this.hl = null;
      if (window.console && console.warn) console.warn("groei-graph: highlight fallback", err);
    }
  };

  // Level of detail for a crowded figure. In order of importance (the focus, themes, then the largest
  // nodes) every label gets the lowest zoom level (fitted view, then 2, 4, ... times closer) at which
  // it overlaps no label placed before it; its font is sized so that vis, which hides labels smaller
  // on screen than CROWDED_LABEL_PX, starts drawing it at exactly that zoom.
  Viewer.prototype.labelLevels = function () {
    var scale = this.network.getScale();
    var nodes = this.g.visNodes;
    if (nodes.length <= CROWDED_NODES || !(scale > 0)) return;
    var g = this.g;
    var px = CROWDED_LABEL_PX + 1;
    function weight(item) {
      var info = g.info[item.id];
      return info.focus ? 1e9 : info.kind === "thema" ? 1e6 : item.size;
    }
    // Label widths at `px`, measured in the figure's own font.
    var ctx = document.createElement("canvas").getContext("2d");
    ctx.font = px + "px " + this.palette.font;
    var widths = dict();
    nodes.forEach(function (item) { widths[item.id] = ctx.measureText(item.label).width + 4; });
    // A label's box in figure units at a zoom where it shows `screenPx` high; vis draws it under its node.
    function box(item, screenPx, s) {
      var h = (1.3 * screenPx) / s;
      var w = (widths[item.id] * screenPx) / px / s;
      var top = item.y + item.size;
      return [item.x - w / 2, top, item.x + w / 2, top + h];
    }
    // Placed boxes in a grid of cells, so a new box is compared with its neighbours only.
    function Grid(cell) { this.cell = cell; this.cells = dict(); }
    Grid.prototype.keys = function (b) {
      var keys = [];
      for (var i = Math.floor(b[0] / this.cell); i <= Math.floor(b[2] / this.cell); i++) {
        for (var j = Math.floor(b[1] / this.cell); j <= Math.floor(b[3] / this.cell); j++) keys.push(i + ":" + j);
      }
      return keys;
    };
    Grid.prototype.free = function (b) {
      var keys = this.keys(b);
      for (var k = 0; k < keys.length; k++) {
        var near = this.cells[keys[k]] || [];
        for (var i = 0; i < near.length; i++) {
          var o = near[i];
          if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return false;
        }
      }
      return true;
    };
    Grid.prototype.add = function (b) {
      var cells = this.cells;
      this.keys(b).forEach(function (key) { (cells[key] = cells[key] || []).push(b); });
    };
    var waiting = nodes.slice().sort(function (a, b) { return weight(b) - weight(a); });
    var placed = []; // [item, level]
    for (var level = 0; waiting.length && level <= MAX_LABEL_LEVEL; level++) {
      var s = scale * Math.pow(2, level);
      var grid = new Grid((10 * px) / s);
      // Labels placed at an earlier level have grown since (up to vis' maxVisible).
      placed.forEach(function (p) {
        grid.add(box(p[0], Math.min(CROWDED_LABEL_MAX_PX, px * Math.pow(2, level - p[1])), s));
      });
      waiting = waiting.filter(function (item) {
        var b = box(item, px, s);
        if (level < MAX_LABEL_LEVEL && !grid.free(b)) return true;
        placed.push([item, level]);
        grid.add(b);
        return false;
      });
    }
    this.nodes.update(placed.map(function (p) {
      return { id: p[0].id, font: { size: px / (scale * Math.pow(2, p[1])) } };
    }));
  };

  Viewer.prototype.highlightData = function (id, keep) {
    var g = this.g;
    var pal = this.palette;
    var nodeDim = this.nodeDim || (this.nodeDim = dict());
    var edgeState = this.edgeState || (this.edgeState = dict());
    if (!keep && !this.dimmed) return;
    this.dimmed = !!keep;
    var dimFont = pal.fgDim || (pal.fgDim = cssVar(this.figure, "--gp-graph-fg-dim", "rgba(0,0,0,0.3)"));
    var nodeUpdates = [];
    g.ids.forEach(function (nid) {
      var want = keep ? !keep[nid] : false;
      if (!!nodeDim[nid] === want) return;
      nodeDim[nid] = want;
      nodeUpdates.push({ id: nid, opacity: want ? DIM_OPACITY : 1, font: { color: want ? dimFont : pal.fg } });
    });
    var edgeUpdates = [];
    g.edgeIds.forEach(function (eid) {
      var e = g.edgeInfo[eid];
      var want = keep ? (e.from === id || e.to === id ? 2 : 1) : 0;
      if ((edgeState[eid] || 0) === want) return;
      edgeState[eid] = want;
      edgeUpdates.push({
        id: eid,
        color: { color: e.color, opacity: want === 1 ? EDGE_DIM_OPACITY : 1 },
        width: want === 2 ? e.width + 1 : e.width
      });
    });
    if (nodeUpdates.length) this.nodes.update(nodeUpdates);
    if (edgeUpdates.length) this.edges.update(edgeUpdates);
  };

  Viewer.prototype.href = function (id) {
    var n = this.g.info[id];
    return n && n.url ? this.root + n.url : null;
  };

  Viewer.prototype.navigate = function (id) {
    var href = this.href(id);
    if (href) window.location.assign(href);
  };

  Viewer.prototype.click = function (p) {
    var id = p && p.nodes && p.nodes.length ? p.nodes[0] : null;
    if (!id) {
      this.lastTapId = null;
      return;
    }
    var ev = p.event && (p.event.srcEvent || p.event);
    var touch = ev && ev.pointerType === "touch";
    if (touch && this.lastTapId !== id) {
      // First tap on a touch screen shows what it is; the second opens it.
      this.lastTapId = id;
      this.pick.value = this.pickerText(this.g.info[id]);
      this.choose(id, false);
      return;
    }
    this.navigate(id);
  };

  Viewer.prototype.fit = function (animate) {
    if (!this.network) return;
    this.network.fit({ animation: animate ? animation() : false });
  };

  Viewer.prototype.destroy = function () {
    if (this.resizeObserver) this.resizeObserver.disconnect();
    if (this.network) this.network.destroy();
    this.network = null;
  };

  /* ------------------------------------------------------------------- init */

  function waitForVis() {
    function ok() {
      return window.vis && typeof window.vis.Network === "function" && typeof window.vis.DataSet === "function";
    }
    if (ok()) return Promise.resolve(window.vis);
    return new Promise(function (resolve, reject) {
      function check() {
        if (ok()) resolve(window.vis);
        else reject(new Error("vis-network is not loaded"));
      }
      if (document.readyState === "complete") check();
      else window.addEventListener("load", check, { once: true });
    });
  }

  function setup(figure) {
    if (figure.dataset.gpInit) return;
    figure.dataset.gpInit = "1";
    var entry = { figure: figure, network: null, ready: null };
    var viewer = new Viewer(figure, entry);
    entry.viewer = viewer;
    entry.ready = Promise.resolve()
      .then(function () { return viewer.load(); })
      .catch(function (err) {
        viewer.fail(err);
        throw err;
      });
    // The promise is for those who wait on it; do not let a rejection that
    // nobody waits for surface as an uncaught error.
    entry.ready.catch(function () {});
    registry.push(entry);
  }

  function prune() {
    // With instant navigation, old pages' figures leave the document.
    for (var i = registry.length - 1; i >= 0; i--) {
      var e = registry[i];
      if (!e.figure.isConnected) {
        try {
          if (e.viewer) e.viewer.destroy();
        } catch (err) { /* ignore */ }
        registry.splice(i, 1);
      }
    }
  }

  function init() {
    try {
      prune();
      var figs = document.querySelectorAll("figure.gp-graph[data-graph]");
      for (var i = 0; i < figs.length; i++) {
        try {
          setup(figs[i]);
        } catch (err) {
          figs[i].dataset.state = "error";
          if (window.console && console.warn) console.warn("groei-graph:", err);
        }
      }
    } catch (err) {
      if (window.console && console.warn) console.warn("groei-graph:", err);
    }
  }

  var subscribed = false;
  function subscribe() {
    if (subscribed) return true;
    var d$ = window.document$;
    if (d$ && typeof d$.subscribe === "function") {
      subscribed = true;
      d$.subscribe(function () { init(); });
      return true;
    }
    return false;
  }

  window.groeiGraph = { init: init, version: 1 };

  if (!subscribe()) {
    var start = function () {
      if (!subscribe()) init();
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
    else start();
  }
})();
