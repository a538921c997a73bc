/* Results tables: sort by any column, filter by words, labels or teacher–student pair, and
 * group the rows by pair (the default) or show them as one list.
 *
 * The table is complete without this script: it is built into the page, grouped by pair and
 * best gain first. The script only reorders and hides rows it finds there; text is only ever
 * read from the page and set as textContent.
 */
(function () {
  "use strict";

  var NUMERIC = { distilled: true, gain: true, year: true };

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

  function enhance(root) {
    var table = root.querySelector("table");
    var heads = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    var keys = heads.map(function (th) { return th.getAttribute("data-sort"); });
    var groups = Array.prototype.slice.call(table.querySelectorAll("tbody.kd-pair"));
    var axes = (root.getAttribute("data-axes") || "").split(" ").filter(Boolean);
    var rows = [];
    groups.forEach(function (group) {
      Array.prototype.forEach.call(group.querySelectorAll("tr.kd-result"), function (tr, i) {
        var values = {};
        Array.prototype.forEach.call(tr.cells, function (td, c) {
          if (keys[c]) values[keys[c]] = td.getAttribute("data-value") || "";
        });
        rows.push({
          tr: tr, group: group, order: i, values: values, pair: group.getAttribute("data-pair"),
          text: fold(tr.textContent + " " + (tr.querySelector("a.kd-method") || {}).title)
        });
      });
    });
    var flat = el("tbody", { "class": "kd-flat", hidden: "" });
    table.appendChild(flat);
    var state = { q: "", pair: "", labels: {}, sort: null, descending: true, grouped: true };

    // --- controls -------------------------------------------------------------------------
    var search = el("input", { type: "search", placeholder: "Filter by method, network, paper…", "aria-label": "Filter results by words" });
    var pairSelect = el("select", { "aria-label": "Teacher–student pair" }, [el("option", { value: "", text: "every pair" })]);
    groups.forEach(function (group) {
      pairSelect.appendChild(el("option", { value: group.getAttribute("data-pair"), text: group.getAttribute("data-label") }));
    });
    var controls = el("div", { "class": "kd-results-controls" }, [
      search, el("label", {}, [document.createTextNode("Pair "), pairSelect])
    ]);
    axes.forEach(function (axis) {
      var column = keys.indexOf(axis);
      var head = heads[column] ? heads[column].textContent : axis;
      var select = el("select", { "aria-label": head, "data-axis": axis }, [el("option", { value: "", text: "any" })]);
      var seen = {};
      rows.forEach(function (row) {
        var ids = (row.tr.getAttribute("data-" + axis) || "").split(" ").filter(Boolean);
        var names = row.values[axis] ? row.values[axis].split(", ") : [];
        ids.forEach(function (id, k) { if (!seen[id]) seen[id] = names[k] || id; });
      });
      Object.keys(seen).sort(function (a, b) { return seen[a] < seen[b] ? -1 : seen[a] > seen[b] ? 1 : 0; }).forEach(function (id) {
        select.appendChild(el("option", { value: id, text: seen[id] }));
      });
      select.addEventListener("change", function () { state.labels[axis] = select.value; update(); });
      controls.appendChild(el("label", {}, [document.createTextNode(head + " "), select]));
    });
    var groupBox = el("input", { type: "checkbox", checked: "" });
    controls.appendChild(el("label", {}, [groupBox, document.createTextNode(" group by teacher–student pair")]));
    var count = el("p", { "class": "kd-results-count", role: "status", "aria-live": "polite" });
    root.insertBefore(controls, table);
    root.insertBefore(count, table);

    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.q = search.value; update(); }, 120);
    });
    pairSelect.addEventListener("change", function () { state.pair = pairSelect.value; update(); });
    groupBox.addEventListener("change", function () { state.grouped = groupBox.checked; update(); });
    heads.forEach(function (th, c) {
      if (!keys[c]) return;
      th.setAttribute("tabindex", "0");
      th.classList.add("kd-sortable");
      function sort() {
        if (state.sort === keys[c]) state.descending = !state.descending;
        else { state.sort = keys[c]; state.descending = !!NUMERIC[keys[c]]; }
        update();
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); } });
    });

    // --- sorting, filtering, drawing ------------------------------------------------------
    function compare(a, b) {
      if (!state.sort) return a.order - b.order;  // as built: best gain first
      var x = a.values[state.sort], y = b.values[state.sort], sign = state.descending ? -1 : 1;
      if (x === "" || y === "") return x === y ? a.order - b.order : (x === "" ? 1 : -1);  // no value: last
      if (NUMERIC[state.sort]) { x = parseFloat(x); y = parseFloat(y); }
      else { x = fold(x); y = fold(y); }
      if (x < y) return -sign;
      if (x > y) return sign;
      return a.order - b.order;
    }

    function matches(row, words) {
      if (state.pair && row.pair !== state.pair) return false;
      for (var axis in state.labels) {
        if (state.labels[axis] && (" " + row.tr.getAttribute("data-" + axis) + " ").indexOf(" " + state.labels[axis] + " ") < 0) return false;
      }
      for (var i = 0; i < words.length; i++) if (row.text.indexOf(words[i]) < 0) return false;
      return true;
    }

    function update() {
      var words = fold(state.q).split(/\s+/).filter(Boolean);
      var shown = 0;
      var sorted = rows.slice().sort(function (a, b) {
        if (state.grouped && a.group !== b.group) return groups.indexOf(a.group) - groups.indexOf(b.group);
        return compare(a, b) || (groups.indexOf(a.group) - groups.indexOf(b.group));
      });
      var visibleIn = {};
      sorted.forEach(function (row) {
        var ok = matches(row, words);
        row.tr.hidden = !ok;
        if (ok) { shown++; visibleIn[row.pair] = true; }
        (state.grouped ? row.group : flat).appendChild(row.tr);
      });
      groups.forEach(function (group) { group.hidden = !state.grouped || !visibleIn[group.getAttribute("data-pair")]; });
      flat.hidden = state.grouped;
      heads.forEach(function (th, c) {
        if (keys[c] && keys[c] === state.sort) th.setAttribute("aria-sort", state.descending ? "descending" : "ascending");
        else th.removeAttribute("aria-sort");
      });
      count.textContent = shown === rows.length ? "All " + rows.length + " results" : shown + " of " + rows.length + " results";
      root.setAttribute("data-shown", String(shown));
    }

    update();
    root.setAttribute("data-ready", "true");
  }

  Array.prototype.forEach.call(document.querySelectorAll(".kd-results"), enhance);
})();
