/* Explore: every paper in one table, with faceted filters whose state lives in the address.
 *
 * Reads the JSON that `sitegen build` writes (explore/papers.json). Filters combine with AND
 * across facets and OR within one facet; each value's count is the number of papers it would
 * show given the other facets. A node matches the papers of its sub-nodes too.
 *
 * The address always says what the table shows: its parameters are Explore's own (`text`, an
 * axis id, `venue`, `scope`, `from`, `to`, `sort`; never `q`, which the theme's search reads),
 * every change of filter is a history entry (Back undoes it, Forward redoes it; typing one
 * text is one entry), and the table is redrawn from the address on Back and Forward, so a
 * reloaded or shared link shows the same papers. Text from the records is only ever set as
 * textContent, never parsed as HTML, and links only ever point to http(s) addresses.
 */
(function () {
  "use strict";

  var root = document.getElementById("kd-explore");
  if (!root) return;

  var RESERVED = ["text", "venue", "scope", "results", "from", "to", "sort", "q"];
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
    var parent = {};
    data.axes.forEach(function (axis) {
      axis.nodes.forEach(function (n) { parent[n.id] = n.parent; });
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
        links: row[col.links] || [], venueShort: venue ? venue.short : "",
        text: fold([row[col.id], row[col.title], row[col.short], row[col.authors], row[col.year],
                    venue ? venue.short + " " + venue.name : ""].join(" "))
      };
    });
    var byId = {};
    papers.forEach(function (p) { byId[p.id] = p; });
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
    facets.forEach(function (facet) {
      facet.byId = {};
      facet.values.forEach(function (v) { facet.byId[v.id] = v; });
    });
    var state = { text: "", from: null, to: null, sort: "-year", limit: PAGE };

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
    var search = el("input", {
      type: "search", placeholder: "Filter by words in title, authors, venue, short name…",
      "aria-label": "Filter papers by text", name: "text", autocomplete: "off", "class": "kd-explore-text"
    });
    var badge = el("span", { "class": "kd-badge" });
    var toggle = el("button", {
      type: "button", "class": "kd-filters-toggle", "aria-expanded": "false", "aria-controls": "kd-explore-filters"
    }, [document.createTextNode("Filters"), badge]);
    var fromSelect = el("select", { "aria-label": "From year", name: "from" });
    var toSelect = el("select", { "aria-label": "To year", name: "to" });
    var yearBox = el("fieldset", { "class": "kd-facet", "data-facet": "year" }, [
      el("legend", { text: "Years" }), el("label", {}, [document.createTextNode("from "), fromSelect]),
      el("label", {}, [document.createTextNode("to "), toSelect])
    ]);
    var skip = el("a", { "class": "kd-skip", href: "#kd-explore-results", text: "Skip to the results" });
    var panel = el("div", { id: "kd-explore-filters", "class": "kd-explore-filters", role: "group", "aria-label": "Filters" }, [skip]);
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
          change("filter");
        });
        facet.inputs[value.id] = box;
        facet.counts[value.id] = n;
        facet.labels[value.id] = item;
        list.appendChild(item);
      });
      panel.appendChild(el("fieldset", { "class": "kd-facet", "data-facet": facet.key }, [el("legend", { text: facet.title }), list]));
    });
    panel.appendChild(yearBox);

    var count = el("span", { "class": "kd-explore-count", role: "status", "aria-live": "polite" });
    var bibtexButton = el("button", { type: "button", "class": "kd-download", "data-format": "bibtex", text: "BibTeX" });
    var cslButton = el("button", { type: "button", "class": "kd-download", "data-format": "csl", text: "CSL-JSON" });
    var downloads = el("span", { "class": "kd-explore-downloads" }, [
      document.createTextNode("Download these: "), bibtexButton, document.createTextNode(" · "), cslButton
    ]);
    var chips = el("ul", { "class": "kd-chips", "aria-label": "Active filters" });
    var more = el("button", { type: "button", "class": "kd-explore-more" });
    more.addEventListener("click", function () { state.limit += PAGE; draw(); });
    var bar = el("div", { "class": "kd-explore-bar" }, [count, downloads]);
    var headRow = el("tr");
    var heads = {};
    Object.keys(SORTS).forEach(function (key) {
      var th = el("th", { "data-sort": key, scope: "col", tabindex: "0", text: SORTS[key] });
      th.addEventListener("click", function () { sortBy(key); });
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(key); }
      });
      heads[key] = th;
    });
    [heads.title, heads.authors, heads.year, heads.venue].forEach(function (th) { headRow.appendChild(th); });
    var tbody = el("tbody");
    var table = el("table", { "class": "kd-explore-table" }, [el("thead", {}, [headRow]), tbody]);
    var results = el("section", { id: "kd-explore-results", "class": "kd-explore-results", tabindex: "-1", "aria-label": "Papers" },
      [bar, chips, table, more]);

    root.textContent = "";
    root.appendChild(el("div", { "class": "kd-explore-top" }, [search, toggle]));
    root.appendChild(el("div", { "class": "kd-explore-layout" }, [panel, results]));

    toggle.addEventListener("click", function () {
      var open = !panel.classList.contains("kd-open");
      panel.classList.toggle("kd-open", open);
      toggle.setAttribute("aria-expanded", String(open));
    });
    skip.addEventListener("click", function (event) {
      event.preventDefault();
      results.focus();
      results.scrollIntoView({ block: "start" });
    });

    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.text = search.value; change("text"); }, 150);
    });
    fromSelect.addEventListener("change", function () { state.from = fromSelect.value ? Number(fromSelect.value) : null; change("filter"); });
    toSelect.addEventListener("change", function () { state.to = toSelect.value ? Number(toSelect.value) : null; change("filter"); });
    bibtexButton.addEventListener("click", function () { download("bibtex"); });
    cslButton.addEventListener("click", function () { download("csl"); });

    function sortBy(key) {
      state.sort = state.sort === key ? "-" + key : state.sort === "-" + key ? key : (key === "year" ? "-year" : key);
      change("sort");
    }
    function clearAll() {
      facets.forEach(function (f) { f.selected = []; });
      state.text = ""; state.from = null; state.to = null;
      change("filter");
    }

    // --- the address ----------------------------------------------------------------------
    function readAddress() {
      var params = new URLSearchParams(window.location.search);
      facets.forEach(function (facet) {
        facet.selected = (params.get(facet.key) || "").split(",").filter(function (v) { return facet.byId[v]; });
      });
      // Links made before Explore had its own name for the text kept it in `q`.
      state.text = params.get("text") || params.get("q") || "";
      var from = parseInt(params.get("from"), 10), to = parseInt(params.get("to"), 10);
      state.from = isNaN(from) ? null : from;
      state.to = isNaN(to) ? null : to;
      var sort = params.get("sort") || "-year";
      state.sort = SORTS[sort.replace(/^-/, "")] ? sort : "-year";
    }
    function address() {
      var params = new URLSearchParams();
      if (state.text) params.set("text", state.text);
      facets.forEach(function (facet) { if (facet.selected.length) params.set(facet.key, facet.selected.join(",")); });
      if (state.from !== null) params.set("from", state.from);
      if (state.to !== null) params.set("to", state.to);
      if (state.sort !== "-year") params.set("sort", state.sort);
      var query = params.toString();
      return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    }
    // A new history entry for each change; typing goes on in the entry its first keys made.
    function writeAddress(kind) {
      var next = address();
      if (next === window.location.pathname + window.location.search + window.location.hash) return;
      var typing = kind === "text" && window.history.state && window.history.state.kdExplore === "text";
      if (typing) window.history.replaceState({ kdExplore: kind }, "", next);
      else window.history.pushState({ kdExplore: kind }, "", next);
    }
    window.addEventListener("popstate", function () {
      clearTimeout(timer);
      readAddress();
      update();
    });

    function change(kind) {
      update();
      writeAddress(kind);
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

    function chip(text, label, remove) {
      var button = el("button", { type: "button", "class": "kd-chip", "aria-label": "Remove filter: " + label }, [
        el("span", { text: text }), el("span", { "class": "kd-chip-x", "aria-hidden": "true", text: "×" })
      ]);
      button.addEventListener("click", function () {
        remove();
        change("filter");
        var next = chips.querySelector(".kd-chip");
        (next || search).focus();
      });
      return el("li", {}, [button]);
    }

    function drawChips() {
      chips.textContent = "";
      var active = 0;
      if (state.text) {
        active++;
        chips.appendChild(chip("“" + state.text + "”", "text “" + state.text + "”", function () { state.text = ""; }));
      }
      facets.forEach(function (facet) {
        facet.selected.forEach(function (id) {
          active++;
          var label = facet.byId[id].label;
          chips.appendChild(chip(label, facet.title + ": " + label, function () {
            facet.selected = facet.selected.filter(function (v) { return v !== id; });
          }));
        });
      });
      if (state.from !== null) {
        active++;
        chips.appendChild(chip("from " + state.from, "from year " + state.from, function () { state.from = null; }));
      }
      if (state.to !== null) {
        active++;
        chips.appendChild(chip("to " + state.to, "to year " + state.to, function () { state.to = null; }));
      }
      if (active > 1) {
        var all = el("button", { type: "button", "class": "kd-chip kd-chip-clear", text: "Clear all filters" });
        all.addEventListener("click", function () { clearAll(); search.focus(); });
        chips.appendChild(el("li", {}, [all]));
      }
      chips.hidden = active === 0;
      badge.textContent = active ? String(active) : "";
      toggle.setAttribute("aria-label", active ? "Filters, " + active + " active" : "Filters");
      root.setAttribute("data-active", String(active));
    }

    var shown = [];

    function update() {
      state.limit = PAGE;
      var words = fold(state.text).split(/\s+/).filter(Boolean);
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
      if (search.value !== state.text) search.value = state.text;

      shown.sort(compare);
      draw();
      drawChips();
      Object.keys(heads).forEach(function (key) {
        var order = state.sort === key ? "ascending" : state.sort === "-" + key ? "descending" : null;
        if (order) heads[key].setAttribute("aria-sort", order); else heads[key].removeAttribute("aria-sort");
      });
      count.textContent = shown.length === papers.length
        ? "All " + papers.length.toLocaleString("en") + " papers"
        : shown.length.toLocaleString("en") + " of " + papers.length.toLocaleString("en") + " papers";
      downloads.hidden = shown.length === 0;
      root.setAttribute("data-shown", String(shown.length));
    }

    function quickLinks(paper) {
      var span = el("span", { "class": "kd-quick" });
      paper.links.forEach(function (link) {
        if (/^https?:\/\//i.test(link[1])) span.appendChild(el("a", { href: link[1], rel: "noopener", text: link[0] }));
      });
      return span.childNodes.length ? span : null;
    }

    function draw() {
      var rows = document.createDocumentFragment();
      shown.slice(0, state.limit).forEach(function (paper) {
        var title = el("td", { "class": "kd-title-cell" }, [el("a", { href: paperBase + paper.id + "/", text: paper.title })]);
        if (paper.short) {
          title.appendChild(document.createTextNode(" "));
          title.appendChild(el("span", { "class": "kd-short", text: paper.short }));
        }
        if (paper.scope === "related") {
          title.appendChild(document.createTextNode(" "));
          title.appendChild(el("span", { "class": "kd-related", text: "related" }));
        }
        var links = quickLinks(paper);
        if (links) {
          title.appendChild(document.createTextNode(" "));
          title.appendChild(links);
        }
        var venue = venues[paper.venue];
        rows.appendChild(el("tr", { "data-id": paper.id }, [
          title,
          el("td", { "class": "kd-authors-cell", text: paper.authors }),
          el("td", { "class": "kd-num", text: String(paper.year) }),
          el("td", venue ? { "class": "kd-venue-cell", title: venue.name, text: venue.short } : { "class": "kd-venue-cell", text: "" })
        ]));
      });
      tbody.textContent = "";
      tbody.appendChild(rows);
      var left = shown.length - Math.min(shown.length, state.limit);
      more.hidden = left === 0;
      more.textContent = "Show " + Math.min(left, PAGE).toLocaleString("en") + " more (" + left.toLocaleString("en") + " not shown)";
      root.setAttribute("data-drawn", String(Math.min(shown.length, state.limit)));
    }

    // --- downloads of what is on view -------------------------------------------------------
    var sources = {};
    function fetchJson(url) {
      if (!sources[url]) {
        sources[url] = fetch(url).then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        });
        sources[url].catch(function () { delete sources[url]; });
      }
      return sources[url];
    }
    function download(format) {
      var ids = shown.map(function (p) { return p.id; });
      var made = format === "bibtex"
        ? fetchJson(root.getAttribute("data-bibtex")).then(function (entries) {
            return { text: ids.map(function (id) { return entries[id]; }).join("\n"), type: "application/x-bibtex", name: "kd-explore.bib" };
          })
        : fetchJson(root.getAttribute("data-csl")).then(function (items) {
            var byKey = {};
            items.forEach(function (item) { byKey[item.id] = item; });
            return { text: JSON.stringify(ids.map(function (id) { return byKey[id]; }), null, 2) + "\n", type: "application/json", name: "kd-explore.csl.json" };
          });
      made.then(function (file) {
        var url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
        var link = el("a", { href: url, download: file.name, hidden: "" });
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      }).catch(function (error) {
        count.textContent = "The download could not be made (" + error.message + ").";
      });
    }

    readAddress();
    update();
    if (new URLSearchParams(window.location.search).has("q")) window.history.replaceState(window.history.state, "", address());
    root.setAttribute("data-ready", "true");
  }
})();
