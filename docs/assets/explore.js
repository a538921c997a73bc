/* Explore: every paper in one table, with faceted filters whose state lives in the address.
 *
 * Reads the JSON that `sitegen build` writes (explore/papers.json). Filters combine with AND
 * across facets and OR within one facet; each value's count is the number of papers it would
 * show given the other facets. A node matches the papers of its sub-nodes too. Text from the
 * records is only ever set as textContent, never parsed as HTML.
 */
(function () {
  "use strict";

  var root = document.getElementById("kd-explore");
  if (!root) return;

  var RESERVED = ["q", "venue", "scope", "results", "from", "to", "sort"];
  var PAGE = 500;  // rows drawn at a time: a table of ten thousand rows is slow to lay out
  var SORTS = { title: "Title", authors: "Authors", year: "Year", venue: "Venue" };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function axisParam(id) { return RESERVED.indexOf(id) >= 0 ? "axis-" + id : id; }

  fetch(root.getAttribute("data-src"))
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(function (data) { start(data); })
    .catch(function (error) {
      root.querySelector(".kd-explore-status").textContent = "The list of papers could not be loaded (" + error.message + ").";
    });

  function start(data) {
    var paperBase = root.getAttribute("data-papers");
    var col = {};
    data.columns.forEach(function (name, i) { col[name] = i; });
    var parent = {}, label = {};
    data.axes.forEach(function (axis) {
      axis.nodes.forEach(function (n) { parent[n.id] = n.parent; label[n.id] = n.label; });
    });
    var venues = {};
    data.venues.forEach(function (v) { venues[v.id] = v; });

    var papers = data.papers.map(function (row) {
      var expanded = {};
      row[col.labels].forEach(function (id) {
        for (var n = id; n; n = parent[n]) expanded[n] = true;
      });
      var venue = venues[row[col.venue]];
      return {
        id: row[col.id], title: row[col.title], short: row[col.short], authors: row[col.authors],
        year: row[col.year], venue: row[col.venue], scope: row[col.scope], labels: expanded,
        results: row[col.results] || 0,
        venueShort: venue ? venue.short : "",
        text: fold([row[col.id], row[col.title], row[col.short], row[col.authors], row[col.year],
                    venue ? venue.short + " " + venue.name : ""].join(" "))
      };
    });
    var years = papers.map(function (p) { return p.year; })
      .filter(function (y, i, all) { return all.indexOf(y) === i; })
      .sort(function (a, b) { return a - b; });

    // Facets: each has a test of one paper against the selected values.
    var facets = data.axes.map(function (axis) {
      return {
        key: axisParam(axis.id), title: axis.label, selected: [],
        values: axis.nodes.map(function (n) {
          var depth = 0;
          for (var p = n.parent; p; p = parent[p]) depth++;
          return { id: n.id, label: n.label, depth: depth };
        }),
        has: function (paper, value) { return paper.labels[value] === true; }
      };
    });
    facets.push({
      key: "venue", title: "Venue", selected: [],
      values: data.venues.map(function (v) { return { id: v.id, label: v.short, title: v.name, depth: 0 }; }),
      has: function (paper, value) { return paper.venue === value; }
    });
    facets.push({
      key: "scope", title: "Scope", selected: [],
      values: [{ id: "core", label: "core (distillation)", depth: 0 }, { id: "related", label: "related (background)", depth: 0 }],
      has: function (paper, value) { return paper.scope === value; }
    });
    facets.push({
      key: "results", title: "Results", selected: [],
      values: [{ id: "yes", label: "has results", title: "benchmark results recorded from a table", depth: 0 }],
      has: function (paper, value) { return value === "yes" && paper.results > 0; }
    });
    var state = { q: "", from: null, to: null, sort: "-year", limit: PAGE };

    function matchesFacet(paper, facet) {
      if (!facet.selected.length) return true;
      for (var i = 0; i < facet.selected.length; i++) if (facet.has(paper, facet.selected[i])) return true;
      return false;
    }
    function matchesRest(paper, words) {
      if (state.from !== null && paper.year < state.from) return false;
      if (state.to !== null && paper.year > state.to) return false;
      for (var i = 0; i < words.length; i++) if (paper.text.indexOf(words[i]) < 0) return false;
      return true;
    }

    // --- controls -------------------------------------------------------------------------
    var search = el("input", { type: "search", placeholder: "Filter by words in title, authors, venue, short name…", "aria-label": "Filter papers by text", name: "q" });
    var fromSelect = el("select", { "aria-label": "From year", name: "from" });
    var toSelect = el("select", { "aria-label": "To year", name: "to" });
    var yearBox = el("fieldset", { "class": "kd-facet", "data-facet": "year" }, [
      el("legend", { text: "Years" }), el("label", {}, [document.createTextNode("from "), fromSelect]),
      el("label", {}, [document.createTextNode("to "), toSelect])
    ]);
    var controls = el("div", { "class": "kd-explore-controls" });
    facets.forEach(function (facet) {
      var list = el("div", { "class": "kd-facet-values" });
      facet.inputs = {};
      facet.counts = {};
      facet.labels = {};
      facet.values.forEach(function (value) {
        var box = el("input", { type: "checkbox", value: value.id, "data-facet": facet.key });
        var n = el("span", { "class": "kd-n" });
        var item = el("label", value.title ? { title: value.title } : {}, [box, el("span", { text: value.label }), n]);
        item.style.paddingLeft = value.depth + "em";
        box.addEventListener("change", function () {
          var at = facet.selected.indexOf(value.id);
          if (box.checked && at < 0) facet.selected.push(value.id);
          if (!box.checked && at >= 0) facet.selected.splice(at, 1);
          update(true);
        });
        facet.inputs[value.id] = box;
        facet.counts[value.id] = n;
        facet.labels[value.id] = item;
        list.appendChild(item);
      });
      controls.appendChild(el("fieldset", { "class": "kd-facet", "data-facet": facet.key }, [el("legend", { text: facet.title }), list]));
    });
    controls.appendChild(yearBox);

    var count = el("span", { "class": "kd-explore-count", role: "status", "aria-live": "polite" });
    var clear = el("button", { type: "button", text: "Clear all filters" });
    var more = el("button", { type: "button", "class": "kd-explore-more" });
    more.addEventListener("click", function () { state.limit += PAGE; draw(); });
    var bar = el("div", { "class": "kd-explore-bar" }, [count, clear]);
    var headRow = el("tr");
    var heads = {};
    Object.keys(SORTS).forEach(function (key) {
      var th = el("th", { "data-sort": key, scope: "col", tabindex: "0", text: SORTS[key] });
      th.addEventListener("click", function () { sortBy(key); });
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") sortBy(key); });
      heads[key] = th;
    });
    [heads.title, heads.authors, heads.year, heads.venue].forEach(function (th) { headRow.appendChild(th); });
    var tbody = el("tbody");
    var table = el("table", { "class": "kd-explore-table" }, [el("thead", {}, [headRow]), tbody]);

    root.textContent = "";
    root.appendChild(search);
    root.appendChild(controls);
    root.appendChild(bar);
    root.appendChild(table);
    root.appendChild(more);

    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.q = search.value; update(true); }, 150);
    });
    fromSelect.addEventListener("change", function () { state.from = fromSelect.value ? Number(fromSelect.value) : null; update(true); });
    toSelect.addEventListener("change", function () { state.to = toSelect.value ? Number(toSelect.value) : null; update(true); });
    clear.addEventListener("click", function () {
      facets.forEach(function (f) { f.selected = []; });
      state.q = ""; state.from = null; state.to = null;
      update(true);
    });

    function sortBy(key) {
      state.sort = state.sort === key ? "-" + key : state.sort === "-" + key ? key : (key === "year" ? "-year" : key);
      update(true);
    }

    // --- the address ----------------------------------------------------------------------
    function readAddress() {
      var params = new URLSearchParams(window.location.search);
      facets.forEach(function (facet) {
        var known = {};
        facet.values.forEach(function (v) { known[v.id] = true; });
        facet.selected = (params.get(facet.key) || "").split(",").filter(function (v) { return known[v]; });
      });
      state.q = params.get("q") || "";
      var from = parseInt(params.get("from"), 10), to = parseInt(params.get("to"), 10);
      state.from = isNaN(from) ? null : from;
      state.to = isNaN(to) ? null : to;
      var sort = params.get("sort") || "-year";
      state.sort = SORTS[sort.replace(/^-/, "")] ? sort : "-year";
    }
    function writeAddress() {
      var params = new URLSearchParams();
      if (state.q) params.set("q", state.q);
      facets.forEach(function (facet) { if (facet.selected.length) params.set(facet.key, facet.selected.join(",")); });
      if (state.from !== null) params.set("from", state.from);
      if (state.to !== null) params.set("to", state.to);
      if (state.sort !== "-year") params.set("sort", state.sort);
      var query = params.toString();
      var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      if (address !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(null, "", address);
      }
    }

    // --- filtering, counting, drawing -----------------------------------------------------
    function compare(a, b) {
      var key = state.sort.replace(/^-/, ""), sign = state.sort.charAt(0) === "-" ? -1 : 1, x, y;
      if (key === "year") { x = a.year; y = b.year; }
      else if (key === "venue") { x = a.venueShort.toLowerCase(); y = b.venueShort.toLowerCase(); }
      else if (key === "authors") { x = fold(a.authors); y = fold(b.authors); }
      else { x = fold(a.title); y = fold(b.title); }
      if (x < y) return -sign;
      if (x > y) return sign;
      if (a.year !== b.year) return b.year - a.year;
      return a.title < b.title ? -1 : a.title > b.title ? 1 : (a.id < b.id ? -1 : 1);
    }

    function yearOptions(select, chosen, counts, placeholder) {
      select.textContent = "";
      select.appendChild(el("option", { value: "", text: placeholder }));
      years.forEach(function (y) {
        var option = el("option", { value: String(y), text: y + " (" + (counts[y] || 0) + ")" });
        if (chosen === y) option.selected = true;
        select.appendChild(option);
      });
    }

    var shown = [];

    function update(fromUser) {
      state.limit = PAGE;
      var words = fold(state.q).split(/\s+/).filter(Boolean);
      var passes = papers.map(function (paper) {
        return facets.map(function (facet) { return matchesFacet(paper, facet); });
      });
      var rest = papers.map(function (paper) { return matchesRest(paper, words); });
      shown = [];
      papers.forEach(function (paper, i) {
        if (rest[i] && passes[i].every(Boolean)) shown.push(paper);
      });
      // Counts: a value's count is the papers it would show with every other filter kept.
      facets.forEach(function (facet, f) {
        var counts = {};
        papers.forEach(function (paper, i) {
          if (!rest[i]) return;
          for (var g = 0; g < facets.length; g++) if (g !== f && !passes[i][g]) return;
          facet.values.forEach(function (value) { if (facet.has(paper, value.id)) counts[value.id] = (counts[value.id] || 0) + 1; });
        });
        facet.values.forEach(function (value) {
          var n = counts[value.id] || 0;
          facet.counts[value.id].textContent = String(n);
          facet.labels[value.id].classList.toggle("kd-zero", n === 0);
          facet.inputs[value.id].checked = facet.selected.indexOf(value.id) >= 0;
        });
      });
      var yearCounts = {};
      papers.forEach(function (paper, i) {
        if (passes[i].every(Boolean) && words.every(function (w) { return paper.text.indexOf(w) >= 0; })) {
          yearCounts[paper.year] = (yearCounts[paper.year] || 0) + 1;
        }
      });
      yearOptions(fromSelect, state.from, yearCounts, "any");
      yearOptions(toSelect, state.to, yearCounts, "any");
      if (search.value !== state.q) search.value = state.q;

      shown.sort(compare);
      draw();
      Object.keys(heads).forEach(function (key) {
        var order = state.sort === key ? "ascending" : state.sort === "-" + key ? "descending" : null;
        if (order) heads[key].setAttribute("aria-sort", order); else heads[key].removeAttribute("aria-sort");
      });
      count.textContent = shown.length === papers.length
        ? "All " + papers.length.toLocaleString("en") + " papers"
        : shown.length.toLocaleString("en") + " of " + papers.length.toLocaleString("en") + " papers";
      root.setAttribute("data-shown", String(shown.length));
      if (fromUser) writeAddress();
    }

    function draw() {
      var rows = document.createDocumentFragment();
      shown.slice(0, state.limit).forEach(function (paper) {
        var title = el("td", {}, [el("a", { href: paperBase + paper.id + "/", text: paper.title })]);
        if (paper.short) {
          title.appendChild(document.createTextNode(" "));
          title.appendChild(el("span", { "class": "kd-short", text: paper.short }));
        }
        if (paper.scope === "related") {
          title.appendChild(document.createTextNode(" "));
          title.appendChild(el("span", { "class": "kd-related", text: "related" }));
        }
        var venue = venues[paper.venue];
        rows.appendChild(el("tr", { "data-id": paper.id }, [
          title,
          el("td", { text: paper.authors }),
          el("td", { "class": "kd-num", text: String(paper.year) }),
          el("td", venue ? { title: venue.name, text: venue.short } : { text: "" })
        ]));
      });
      tbody.textContent = "";
      tbody.appendChild(rows);
      var rest = shown.length - Math.min(shown.length, state.limit);
      more.hidden = rest === 0;
      more.textContent = "Show " + Math.min(rest, PAGE).toLocaleString("en") + " more (" + rest.toLocaleString("en") + " not shown)";
      root.setAttribute("data-drawn", String(Math.min(shown.length, state.limit)));
    }

    readAddress();
    update(false);
    root.setAttribute("data-ready", "true");
  }
})();
