/* Site search: a search box in the header where the theme's stood, results and filters below it.
   Pagefind's JS API (pagefind/pagefind.js, made by `groei build`) loads nothing before the first
   search and then only the index chunks the query needs, from this site. Everything shown is set
   as text (titles, labels) or rebuilt from text (excerpts, with only <mark> kept). */
(function () {
  "use strict";

  var SHOWN = 10; // results per step of "Meer resultaten"
  var FILTERS = [
    ["soort", "Soort"],
    ["thema", "Thema"],
  ];
  var pagefind = null;
  var loading = null;
  var names = {}; // the names an entry is found first by (search.names_of): lower case, single spaces
  var values = {}; // per filter, its values; a checkbox holds the index (editors' words stay text, never attributes)
  var shown = SHOWN;
  var ui = null;

  function siteRoot() {
    var base = ".";
    try {
      base = JSON.parse(document.getElementById("__config").textContent).base || ".";
    } catch (e) { /* not Material's page: the search box sits at the site's root */ }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function build(header) {
    var form = el("form", { class: "gp-search", role: "search", "aria-label": "Zoeken op deze site" });
    var label = el("label", { for: "gp-search-input", class: "gp-search__label" }, "Zoeken");
    var input = el("input", {
      id: "gp-search-input",
      class: "gp-search__input",
      type: "search",
      name: "q",
      placeholder: "Zoeken",
      autocomplete: "off",
      spellcheck: "false",
      "aria-controls": "gp-search-panel",
      "aria-keyshortcuts": "/",
    });
    var panel = el("div", { id: "gp-search-panel", class: "gp-search__panel", hidden: "" });
    var status = el("p", { class: "gp-search__status", role: "status" });
    var filters = el("details", { class: "gp-search__filters" });
    filters.appendChild(el("summary", {}, "Filter op soort en thema"));
    var list = el("ol", { class: "gp-search__results", "aria-label": "Zoekresultaten" });
    var more = el("button", { type: "button", class: "gp-search__more", hidden: "" }, "Meer resultaten");
    panel.append(filters, status, list, more);
    form.append(label, input, panel);
    var title = header.querySelector(".md-header__title");
    if (title && title.nextSibling) header.insertBefore(form, title.nextSibling);
    else header.appendChild(form);
    return { form: form, input: input, panel: panel, status: status, filters: filters, list: list, more: more };
  }

  function load() {
    if (!loading) {
      var root = siteRoot();
      loading = import(new URL("pagefind/pagefind.js", root).href)
        .then(function (module) {
          pagefind = module;
          return pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
        })
        .then(function () { return pagefind.filters(); })
        .then(showFilters)
        .catch(function () {
          loading = null;
          ui.status.textContent = "Zoeken is nu niet beschikbaar: de zoekindex ontbreekt of laadt niet.";
          throw new Error("pagefind");
        });
    }
    return loading;
  }

  function showFilters(available) {
    names = available.naam || {};
    FILTERS.forEach(function (pair) {
      var list = Object.keys(available[pair[0]] || {}).sort(function (a, b) { return a.localeCompare(b, "nl"); });
      if (!list.length) return;
      values[pair[0]] = list;
      var set = el("fieldset", { class: "gp-search__filter" });
      set.appendChild(el("legend", {}, pair[1]));
      list.forEach(function (value, index) {
        var box = el("input", { type: "checkbox", name: pair[0], value: String(index) });
        var label = el("label", {});
        label.append(box, " " + value + " ", el("span", { class: "gp-search__count" }, "(" + available[pair[0]][value] + ")"));
        set.appendChild(label);
      });
      ui.filters.appendChild(set);
    });
  }

  function chosen() {
    var filters = {};
    var any = false;
    FILTERS.forEach(function (pair) {
      var picked = [].map.call(ui.filters.querySelectorAll('input[name="' + pair[0] + '"]:checked'), function (b) {
        return values[pair[0]][Number(b.value)];
      });
      if (picked.length) {
        filters[pair[0]] = { any: picked };
        any = true;
      }
    });
    return any ? filters : null;
  }

  // An excerpt is text with <mark> around the words found: rebuilt from text nodes, nothing else kept.
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var p = el("p", { class: "gp-search__excerpt" });
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") p.appendChild(el("mark", {}, node.textContent));
      else p.appendChild(document.createTextNode(node.textContent));
    });
    return p;
  }

  function result(data) {
    var item = el("li", { class: "gp-search__result" });
    var link = el("a", { class: "gp-search__link", href: data.url }, (data.meta && data.meta.title) || data.url);
    var heading = el("p", { class: "gp-search__title" });
    heading.appendChild(link);
    if (data.meta && data.meta.soort) heading.append(" ", el("span", { class: "gp-search__kind" }, data.meta.soort));
    item.append(heading, excerpt(data.excerpt || ""));
    return item;
  }

  var generation = 0;

  function search(immediate) {
    var query = ui.input.value.trim();
    var filters = chosen();
    ui.panel.hidden = false;
    if (!query) {
      // Filters narrow a search; on their own they would load the whole index.
      ui.list.replaceChildren();
      ui.more.hidden = true;
      ui.status.textContent = "Typ een woord om te zoeken, bijvoorbeeld een gemeente of een project" +
        (filters ? "; de filters beperken dan de resultaten." : ".");
      return;
    }
    var mine = ++generation;
    load().then(function () {
      var options = filters ? { filters: filters } : {};
      var search = immediate ? pagefind.search(query, options) : pagefind.debouncedSearch(query, options, 250);
      return Promise.all([search, named(query, filters)]);
    }).then(function (both) {
      var found = both[0];
      if (!found || mine !== generation) return; // a later keystroke took over
      // An organisation or theme searched by its own name comes first, then Pagefind's ranking.
      var first = both[1];
      var ids = first.map(function (r) { return r.id; });
      var results = first.concat(found.results.filter(function (r) { return ids.indexOf(r.id) < 0; }));
      return Promise.all(results.slice(0, shown).map(function (r) { return r.data(); })).then(function (datas) {
        if (mine !== generation) return;
        ui.list.replaceChildren.apply(ui.list, datas.map(result));
        ui.more.hidden = results.length <= shown;
        var words = " voor ‘" + query + "’";
        ui.status.textContent = results.length
          ? (results.length === 1 ? "1 resultaat" : results.length + " resultaten") + words +
            (results.length > shown ? ", de eerste " + Math.min(shown, results.length) + " hieronder" : "") + "."
          : "Niets gevonden" + words + ". Probeer een ander woord of minder filters.";
      });
    }).catch(function () { /* the status says why */ });
  }

  // The pages whose own name is the query, within the chosen filters: the same words, narrowed by the
  // "naam" filter, so it loads no index chunk the search itself does not (a search without words would
  // load the whole index).
  function named(query, filters) {
    var name = query.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
    if (!name || !Object.prototype.hasOwnProperty.call(names, name)) return Promise.resolve([]);
    var only = Object.assign({}, filters || {}, { naam: name });
    return pagefind.search(query, { filters: only }).then(function (found) { return found ? found.results : []; });
  }

  function close() { ui.panel.hidden = true; }

  function init() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.getElementById("gp-search-input")) return;
    ui = build(header);
    ui.form.addEventListener("submit", function (event) {
      event.preventDefault();
      search(true);
    });
    ui.input.addEventListener("input", function () {
      shown = SHOWN;
      search(false);
    });
    ui.input.addEventListener("focus", function () {
      load().catch(function () {});
      if (ui.input.value.trim() || chosen()) ui.panel.hidden = false;
    });
    ui.filters.addEventListener("change", function () {
      shown = SHOWN;
      search(true);
    });
    ui.more.addEventListener("click", function () {
      var first = ui.list.children.length;
      shown += SHOWN;
      search(true);
      // Keyboard users land on the first new result, not back at the top.
      var observer = new MutationObserver(function () {
        observer.disconnect();
        var link = ui.list.children[first] && ui.list.children[first].querySelector("a");
        if (link) link.focus();
      });
      observer.observe(ui.list, { childList: true });
    });
    ui.form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault(); // the box keeps its words (a search box's default clears them)
        close();
        ui.input.focus();
      } else if (event.key === "ArrowDown" && event.target === ui.input) {
        var link = ui.list.querySelector("a");
        if (link) {
          event.preventDefault();
          link.focus();
        }
      }
    });
    ui.form.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !ui.form.contains(event.relatedTarget)) close();
    });
    document.addEventListener("click", function (event) {
      if (!ui.form.contains(event.target)) close();
    });
    // "/" goes to the search box, as on most sites (and as with the theme's own search before).
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        ui.input.focus();
      }
    });
  }

  window.groeiReady(init);
})();
