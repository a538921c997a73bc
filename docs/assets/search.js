/* Site search: a box in the header (press / to reach it) over the Pagefind index that
 * `sitegen build` writes to pagefind/ (see sitegen/site/search.py and pagefind_plugin.py).
 *
 * Papers come first, then authors, topics and venues, then the site's own pages; within the
 * papers, an exact short name or retired id comes first, then papers that have every word of
 * the query (those whose titles say it most nearly first), and papers that have only some of
 * the words last, marked as such. Words such as
 * "of" and "the" are left out of a query; Pagefind stems words ("distil" finds distillation);
 * a word that is no word of the collection is read as the nearest one in its vocabulary,
 * within one or two typing slips. Topics and years are asked for by adding a marker word to
 * the query (search.py says why); which results are entries or site pages rather than papers,
 * the kinds file beside the terms file says (Pagefind's ids of those few documents).
 *
 * Everything loads from this site, once the page is idle. Text from the index is only ever
 * set as textContent, and links only ever point to http(s) addresses.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var header = document.querySelector(".md-header__inner");
  if (!script || !header) return;
  var ROOT = new URL("../", script.src);  // this file is assets/search.js, one folder below the site root
  var PAPERS_SHOWN = 8, OTHERS_SHOWN = 5, PAGES_SHOWN = 3;
  var NAME_WORDS = 3;  // a query of more words names no one: its people are not sought
  // The papers with every word that the first screen shows are ordered again by their titles
  // (see `byTitle`). Each costs its fragment, fetched before anything is shown: at 10,000 papers,
  // re-ordering 24 put the first results 0.7-1 s after the last key; the 8 shown are fetched anyway.
  var REORDERED = PAPERS_SHOWN;
  var SETTLE = 250;
  // A key this soon after the one before means the reader is still typing: the query waits
  // for a pause this long instead of searching every half-typed word, which fetched parts of
  // the index ('ma' spans two) and results that the next key replaced at once.
  var TYPING_PAUSE = 150;
  var ANSWERS_KEPT = 64;  // ms without a key before papers with only some of the words are sought
  var EMPTY = { results: [] };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  // The form names are compared in; sitegen/site/search.py `fold` makes the same.
  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]/g, "");
  }

  function wordsOf(text) {
    return String(text).normalize("NFKC").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // --- the vocabulary, for words the collection does not have ----------------------------

  function Vocabulary(words) {
    this.byFrequency = words.map(fold).filter(Boolean);
    this.sorted = this.byFrequency.slice().sort();
  }
  // Whether some word of the collection starts with `word` (Pagefind matches prefixes).
  Vocabulary.prototype.known = function (word) {
    var list = this.sorted, low = 0, high = list.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (list[mid] < word) low = mid + 1; else high = mid;
    }
    return low < list.length && list[low].lastIndexOf(word, 0) === 0;
  };
  // The most frequent word within one slip (two for long words), or null. A slip is a letter
  // added, dropped, changed or two letters swapped; short words get no guess, having too many.
  Vocabulary.prototype.nearest = function (word) {
    var limit = word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
    var best = null, bestDistance = limit + 1;
    for (var i = 0; i < this.byFrequency.length && bestDistance > 1; i++) {
      var candidate = this.byFrequency[i];
      if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
      var d = slips(word, candidate, bestDistance - 1);
      if (d < bestDistance) { best = candidate; bestDistance = d; }
    }
    return best;
  };
  // Optimal-string-alignment distance, giving up (returning limit + 1) past `limit`. Written
  // here because the whole need is these lines; no library of the site's offers it.
  function slips(a, b, limit) {
    var previous2 = null, previous = [], current, i, j;
    for (j = 0; j <= b.length; j++) previous.push(j);
    for (i = 1; i <= a.length; i++) {
      current = [i];
      var rowBest = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (previous2 && i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
          value = Math.min(value, previous2[j - 2] + 1);
        }
        current.push(value);
        if (value < rowBest) rowBest = value;
      }
      if (rowBest > limit) return limit + 1;
      previous2 = previous;
      previous = current;
    }
    return previous[b.length];
  }

  // --- the box and the panel -------------------------------------------------------------

  var input = el("input", {
    type: "search", role: "combobox", id: "kd-search-input", "class": "kd-search-input", placeholder: "Search papers",
    autocomplete: "off", autocapitalize: "off", spellcheck: "false", enterkeyhint: "search",
    "aria-label": "Search papers, authors and topics (press / to come here)", "aria-keyshortcuts": "/",
    "aria-controls": "kd-search-panel", "aria-expanded": "false"
  });
  var hint = el("kbd", { "class": "kd-search-key", "aria-hidden": "true", text: "/" });
  var form = el("form", { "class": "kd-search-form", role: "search" }, [input, hint]);
  var opener = el("button", { type: "button", "class": "kd-search-opener md-header__button md-icon", "aria-label": "Search", title: "Search (/)" });
  opener.innerHTML = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';
  var topicSelect = el("select", { "class": "kd-search-topic", "aria-label": "Only papers on this topic" }, [el("option", { value: "", text: "Any topic" })]);
  var yearSelect = el("select", { "class": "kd-search-year", "aria-label": "Only papers published from this year" }, [el("option", { value: "", text: "Any year" })]);
  var filters = el("div", { "class": "kd-search-filters" }, [topicSelect, yearSelect]);
  var status = el("p", { "class": "kd-search-status", role: "status", "aria-live": "polite" });
  var results = el("div", { "class": "kd-search-results" });
  var panel = el("div", { id: "kd-search-panel", "class": "kd-search-panel", hidden: "" }, [filters, status, results]);
  var box = el("div", { "class": "kd-search" }, [opener, form, panel]);
  header.insertBefore(box, header.querySelector(".md-header__source"));

  function open() {
    box.classList.add("kd-search--open");
    panel.hidden = false;
    input.setAttribute("aria-expanded", "true");
    load();
  }
  function close(refocus) {
    box.classList.remove("kd-search--open");
    panel.hidden = true;
    input.setAttribute("aria-expanded", "false");
    if (refocus) input.blur();
  }

  // Load the search once the page has loaded and the browser is idle, so the first query
  // does not wait for it; the files are the same on every page, so the browser keeps them.
  window.addEventListener("load", function () {
    if (window.requestIdleCallback) window.requestIdleCallback(function () { load(); }, { timeout: 3000 });
    else window.setTimeout(load, 1000);
  });
  opener.addEventListener("click", function () { open(); input.focus(); });
  input.addEventListener("focus", open);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = results.querySelector("a.kd-search-hit");
    if (first) window.location.href = first.href;
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    open();
    input.focus();
    input.select();
  });
  document.addEventListener("mousedown", function (event) {
    if (!box.contains(event.target)) close(false);
  });
  box.addEventListener("keydown", function (event) {
    var hits = Array.prototype.slice.call(results.querySelectorAll("a.kd-search-hit"));
    var at = hits.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      if (document.activeElement !== input) input.focus();
      else close(true);
    } else if (event.key === "ArrowDown" && hits.length && (document.activeElement === input || at >= 0)) {
      event.preventDefault();
      hits[Math.min(at + 1, hits.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      if (at === 0) input.focus(); else hits[at - 1].focus();
    }
  });

  // --- loading Pagefind and the terms file, once ------------------------------------------

  var engine = null;
  function load() {
    if (engine) return engine;
    if (window.location.protocol === "file:") {  // a browser loads no module from a file
      status.textContent = "Search needs the site served over HTTP: run sitegen serve, or open the published site.";
      engine = new Promise(function () {});  // never settles: nothing to search
      return engine;
    }
    var pagefind = import(new URL("pagefind/pagefind.js", ROOT).href).then(function (module) {
      // Links are kept in the results' metadata only to be shown: a word of an address
      // ("github") must not rank a paper.
      return module.options({ baseUrl: ROOT.pathname, excerptLength: 16, ranking: { metaWeights: { links: 0 } } })
        .then(function () { return module.init(); })
        .then(function () { return module; });
    });
    var terms = fetch(new URL("search/terms.json", ROOT).href).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
    var kinds = terms.then(function (data) {
      return fetch(new URL(data.kinds, ROOT).href).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
    });
    engine = Promise.all([pagefind, terms, kinds]).then(function (parts) {
      var kindOf = {};
      Object.keys(parts[2]).forEach(function (kind) { parts[2][kind].forEach(function (id) { kindOf[id] = kind; }); });
      var loaded = {
        pagefind: parts[0], terms: parts[1], kinds: kindOf, vocabulary: new Vocabulary(parts[1].words),
        stop: asSet(parts[1].stop), common: asSet(parts[1].common)
      };
      fillFilters(loaded.terms);
      return loaded;
    });
    engine.catch(function () { status.textContent = "The search index could not be loaded."; });
    return engine;
  }

  function asSet(words) {
    var set = {};
    words.forEach(function (word) { set[fold(word)] = true; });
    return set;
  }

  function fillFilters(terms) {
    var groups = {};
    terms.topics.forEach(function (topic) {
      var group = groups[topic[0]];
      if (!group) topicSelect.appendChild(group = groups[topic[0]] = el("optgroup", { label: topic[0] }));
      group.appendChild(el("option", { value: topic[2], text: topic[1] }));
    });
    terms.years.forEach(function (year) {
      yearSelect.appendChild(el("option", { value: year[1], text: "Published in " + year[0] }));
    });
  }
  topicSelect.addEventListener("change", function () { schedule(); });
  yearSelect.addEventListener("change", function () { schedule(); });

  // The markers that narrow papers to the chosen topic and year (see sitegen/site/search.py).
  function paperFilters() {
    var markers = [topicSelect.value, yearSelect.value].filter(Boolean);
    return markers.length ? markers : null;
  }

  // --- searching ----------------------------------------------------------------------------

  // One search at a time; while it runs, only the newest query waits, so results follow
  // the typing without a queue of stale searches.
  var pending = null, busy = false, wake = null, typing = null, lastKey = 0;
  input.addEventListener("input", function () {
    var now = Date.now(), quick = now - lastKey < TYPING_PAUSE;
    lastKey = now;
    if (typing) window.clearTimeout(typing);
    typing = null;
    if (!quick) { schedule(); return; }
    if (wake) wake();  // what waits for a pause in the typing stops waiting: it is stale
    typing = window.setTimeout(function () { typing = null; schedule(); }, TYPING_PAUSE);
  });
  function schedule() {
    pending = { query: input.value, filters: paperFilters() };
    if (wake) wake();
    if (!busy) pump();
  }
  // Resolves after `ms`, or at once when the reader types again (the caller then finds the
  // query stale): work that can wait for a pause in the typing waits without delaying a key.
  function settle(ms) {
    if (stale()) return Promise.resolve();  // the reader typed while the results were drawn
    return new Promise(function (resolve) {
      var timer = window.setTimeout(function () { wake = null; resolve(); }, ms);
      wake = function () { window.clearTimeout(timer); wake = null; resolve(); };
    });
  }
  function pump() {
    if (pending === null) { busy = false; return; }
    busy = true;
    var job = pending;
    pending = null;
    run(job.query, job.filters).catch(function (error) {
      status.textContent = "The search failed (" + error.message + ").";
      panel.setAttribute("data-state", "failed");
      if (window.console) window.console.error(error);
    }).then(pump);
  }
  function stale() { return pending !== null || typing !== null; }

  // Results for `words` (words the reader typed, and markers); a result that only a weightless
  // word matched (a marker, an address) is no match.
  // The answers of the last searches are kept: finding papers asks what finding entries and
  // pages asks too, and the words of a query come back as the reader types on.
  var answers = {}, asked = [];
  function matching(pagefind, words) {
    var query = words.join(" ");
    if (!answers[query]) {
      answers[query] = pagefind.search(query).then(function (found) {
        return found.results.filter(function (result) { return result.score > 0; });
      }, function (error) { delete answers[query]; throw error; });
      asked.push(query);
      if (asked.length > ANSWERS_KEPT) delete answers[asked.shift()];
    }
    return answers[query];
  }
  // Results of one kind: `kind` is "paper", "entry" or "page"; `kinds` maps the ids of the
  // entries and pages to their kind (the kinds file); every other result is a paper. One search
  // answers all three kinds, so the kinds of one query cost no more than the query.
  function find(pagefind, kinds, words, kind) {
    return matching(pagefind, words).then(function (found) {
      return found.filter(function (result) { return (kinds[result.id] || "paper") === kind; });
    });
  }

  function run(query, filters) {
    return load().then(function (engine) {
      var pagefind = engine.pagefind, terms = engine.terms, kinds = engine.kinds;
      var typed = wordsOf(query).filter(function (word) { return fold(word).lastIndexOf(terms.marker, 0) !== 0; });
      var name = fold(query);
      // Words that say what is sought: not "of" or "the", which every paper has, nor a single
      // letter still being typed.
      var content = typed.filter(function (word) { var f = fold(word); return f.length > 1 && !engine.stop[f]; });
      if (!typed.length && !filters) return show(query, null);
      if (!content.length && !filters) {
        // Nothing to search for but, perhaps, a short name such as "AT".
        return exactMatches(engine.pagefind, terms, kinds, name.length > 1 ? name : "", []).then(function (exact) {
          if (stale()) return null;
          if (!exact.length) return showHint(query, "Type a word to search for.");
          var papers = exact.map(function (result) { return { result: result, partial: false }; });
          return show(query, { papers: papers, others: [], pages: [], fixed: [], unknown: [] }, true);
        });
      }
      var kept = [], fixed = [], unknown = [];
      content.forEach(function (word) {
        var folded = fold(word);
        if (folded.length < 3 || /\d/.test(folded) || engine.vocabulary.known(folded)) kept.push(word);
        else {
          var near = engine.vocabulary.nearest(folded);
          if (near) { kept.push(near); fixed.push([word, near]); } else unknown.push(word);
        }
      });
      var narrow = filters || [];
      // Papers with some of the words are sought by the words few papers have.
      var telling = kept.filter(function (word) { var f = fold(word); return f.length >= 3 && !engine.common[f]; }).slice(0, 4);
      var searches = [
        kept.length || filters ? find(pagefind, kinds, kept.concat(narrow), "paper") : Promise.resolve([]),
        exactMatches(pagefind, terms, kinds, name, narrow),
        kept.length && !filters && !unknown.length ? entries(pagefind, terms, kinds, kept) : Promise.resolve([]),
        content.length && !filters ? find(pagefind, kinds, content, "page") : Promise.resolve([])
      ];
      return Promise.all(searches).then(function (found) {
        return byTitle(found[0], kept, engine.stop).then(function (ordered) { found[0] = ordered; return found; });
      }).then(function (found) {
        if (stale()) return null;
        var all = found[0];
        function papers(partial) {
          var order = [], seen = {};
          function take(list, isPartial) {
            list.forEach(function (result) {
              if (seen[result.id]) return;
              seen[result.id] = true;
              order.push({ result: result, partial: isPartial });
            });
          }
          take(found[1], false);
          take(all, unknown.length > 0);  // with a word no paper has, these have only some of the words
          take(partial, true);
          return { papers: order, others: found[2], pages: found[3], fixed: fixed, unknown: unknown };
        }
        panel.setAttribute("data-narrow", narrow.join(" "));
        if (!(kept.length > 1 && telling.length && all.length < PAPERS_SHOWN)) return show(query, papers([]), true);
        // Few papers have every word: show them at once, then, once the typing pauses, add those
        // with some of the words (a search per word: on a large collection, run at every key they
        // held up the results of the next one).
        return show(query, papers([]), false).then(function () { return settle(SETTLE); }).then(function () {
          if (stale()) return null;
          return someWords(pagefind, kinds, telling, narrow, all).then(function (partial) {
            if (stale()) return null;
            return show(query, papers(partial), true);
          });
        });
      });
    });
  }

  // Pagefind ranks a paper by its whole search document, so of two papers whose titles have
  // every word, the one with fewer authors came first. A reader expects the paper whose title
  // says what they typed: the first papers are ordered by how many query words their title
  // or authors have as typed ("distilling" before "distillation"), then titles that have the
  // query's words together and in order ("… via attention transfer" before "Attention bridging
  // network for knowledge transfer"), then by the share of the title's words the query covers ("Relational knowledge distillation" before "Few-shot
  // class-incremental learning via relation knowledge distillation"), then as Pagefind had them.
  function byTitle(results, words, stop) {
    if (!words.length || results.length < 2) return Promise.resolve(results);
    var head = results.slice(0, REORDERED);
    var query = words.map(fold).filter(Boolean);
    return Promise.all(head.map(function (r) { return r.data(); })).then(function (rows) {
      var keyed = rows.map(function (data, i) {
        var meta = data.meta || {};
        var title = wordsOf(meta.title || "").map(fold).filter(function (w) { return w && !stop[w]; });
        var names = wordsOf(meta.byline || "").map(fold);
        var exact = query.filter(function (q) { return title.indexOf(q) >= 0 || names.indexOf(q) >= 0; }).length;
        var covered = title.filter(function (w) { return query.some(function (q) { return sameStem(w, q); }); }).length;
        var phrase = query.length > 1 && title.some(function (_, start) {
          return query.every(function (q, k) { return start + k < title.length && sameStem(title[start + k], q); });
        }) ? 1 : 0;
        return { result: head[i], exact: exact, phrase: phrase, share: title.length ? covered / title.length : 0, rank: i };
      });
      keyed.sort(function (a, b) {
        return b.exact - a.exact || b.phrase - a.phrase || b.share - a.share || a.rank - b.rank;
      });
      return keyed.map(function (k) { return k.result; }).concat(results.slice(REORDERED));
    });
  }
  // Two folded words of one stem, roughly as Pagefind's stemmer would have them: equal, or
  // sharing their first six letters (or all of the shorter, if it has four or five).
  function sameStem(a, b) {
    if (a === b) return true;
    var n = Math.min(6, a.length, b.length);
    return n >= 4 && a.slice(0, n) === b.slice(0, n);
  }

  // Papers whose short name or retired id is the query, earliest first, as results: each is
  // found by its id, a word of its document.
  // One of the small files the build splits a list into (exact names by first letter, people
  // by two letters): fetched once, and only if the build wrote it (`keys`); `empty` otherwise.
  var shardFiles = {};
  function shard(folder, key, keys, empty) {
    if (keys.indexOf(key) < 0) return Promise.resolve(empty);
    var file = new URL(folder + "/" + key + ".json", ROOT).href;
    if (!shardFiles[file]) {
      shardFiles[file] = fetch(file).then(function (response) { return response.ok ? response.json() : empty; });
    }
    return shardFiles[file];
  }
  function namesLike(terms, name) {
    return shard(terms.names.folder, name.charAt(0), terms.names.letters, {});
  }

  function exactMatches(pagefind, terms, kinds, name, narrow) {
    if (!name) return Promise.resolve([]);
    return namesLike(terms, name).then(function (names) { return matchesOf(pagefind, kinds, names[name] || [], narrow); });
  }
  function matchesOf(pagefind, kinds, ids, narrow) {
    return Promise.all(ids.map(function (id) {
      return find(pagefind, kinds, [id].concat(narrow), "paper").then(function (results) {
        return Promise.all(results.slice(0, 3).map(function (r) { return r.data(); })).then(function (rows) {
          for (var i = 0; i < rows.length; i++) {
            if (rows[i].url.replace(/\/$/, "").split("/").pop() === id) return results[i];
          }
          return null;
        });
      });
    })).then(function (found) { return found.filter(Boolean); });
  }

  // Entries: the people one of whose names has every word (people are not in the Pagefind
  // index: see the people files in sitegen/site/search.py), most papers first, then the topics
  // and venues Pagefind finds. A name is sought only in a query of a few words.
  function peopleLike(terms, prefix) {
    return shard(terms.people.folder, prefix, terms.people.prefixes, []);
  }
  function people(terms, words) {
    var folded = words.map(fold);
    if (!folded.length || folded.length > NAME_WORDS || folded.some(function (w) { return w.length < 2; })) return Promise.resolve([]);
    return peopleLike(terms, folded[0].slice(0, 2)).then(function (rows) {
      return rows.filter(function (row) {
        var own = row[3].split(" ");
        return folded.every(function (word) { return own.some(function (w) { return w.lastIndexOf(word, 0) === 0; }); });
      }).map(function (row) {
        var data = { url: new URL(row[1], ROOT).href, meta: { title: row[0], byline: row[2] } };
        return { id: "person:" + row[1], data: function () { return Promise.resolve(data); } };
      });
    });
  }
  function entries(pagefind, terms, kinds, words) {
    return Promise.all([people(terms, words), find(pagefind, kinds, words, "entry")]).then(function (found) {
      return found[0].concat(found[1]);
    });
  }

  // Papers with some of the words: those with more of them first, then by score.
  function someWords(pagefind, kinds, words, narrow, exclude) {
    var skip = {};
    exclude.forEach(function (r) { skip[r.id] = true; });
    return Promise.all(words.map(function (word) {
      return find(pagefind, kinds, [word].concat(narrow), "paper");
    })).then(function (each) {
      var tally = {};
      each.forEach(function (results) {
        results.forEach(function (result) {
          if (skip[result.id]) return;
          var entry = tally[result.id] || (tally[result.id] = { result: result, words: 0, score: 0 });
          entry.words += 1;
          entry.score += result.score;
        });
      });
      return Object.keys(tally).map(function (id) { return tally[id]; })
        .sort(function (a, b) { return b.words - a.words || b.score - a.score || (a.result.id < b.result.id ? -1 : 1); })
        .map(function (entry) { return entry.result; });
    });
  }

  // --- showing -------------------------------------------------------------------------------

  // Shows the results; `final` is false while papers with some of the words are still sought.
  function show(query, found, final) {
    panel.setAttribute("data-query", query);
    if (!found) {
      results.textContent = "";
      status.textContent = "";
      panel.setAttribute("data-state", "idle");
      return Promise.resolve();
    }
    if (panel.getAttribute("data-state") !== "shown") panel.setAttribute("data-state", "loading");
    var full = found.papers.filter(function (p) { return !p.partial; }).map(function (p) { return p.result; });
    var partial = found.papers.filter(function (p) { return p.partial; }).map(function (p) { return p.result; });
    var others = found.others.slice(0, OTHERS_SHOWN), pages = found.pages.slice(0, PAGES_SHOWN);
    return Promise.resolve().then(function () {
      return Promise.all([
        Promise.all(full.slice(0, PAPERS_SHOWN).map(function (r) { return r.data(); })),
        Promise.all(partial.slice(0, full.length ? 0 : PAPERS_SHOWN).map(function (r) { return r.data(); })),
        Promise.all(others.map(function (r) { return r.data(); })),
        Promise.all(pages.map(function (r) { return r.data(); }))
      ]).then(function (data) {
        if (stale()) return;
        results.textContent = "";
        var notes = [];
        found.fixed.forEach(function (pair) { notes.push("“" + pair[0] + "” read as “" + pair[1] + "”"); });
        if (found.unknown.length) notes.push("no paper has " + found.unknown.map(function (w) { return "“" + w + "”"; }).join(" or "));
        var count = found.papers.length === 0 ? "No paper found"
          : !partial.length ? plural(full.length, "paper")
          : plural(full.length, "paper") + " with every word, " + partial.length.toLocaleString("en") + " with some";
        status.textContent = count + (notes.length ? " (" + notes.join("; ") + ")" : "") + ".";
        // Papers with every word, then authors, topics and venues, then pages of the site;
        // papers with only some of the words come last.
        if (full.length) results.appendChild(paperGroup("Papers", full, data[0], false));
        if (data[2].length) results.appendChild(group("Authors, topics and venues", simpleList(data[2])));
        if (data[3].length) results.appendChild(group("Site pages", simpleList(data[3])));
        if (partial.length) results.appendChild(paperGroup("Papers with some of the words", partial, data[1], true));
        panel.setAttribute("data-state", final ? "done" : "shown");
      });
    });
  }

  function showHint(query, text) {
    results.textContent = "";
    status.textContent = text;
    panel.setAttribute("data-query", query);
    panel.setAttribute("data-state", "done");
    return Promise.resolve();
  }

  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }

  function group(title, content) {
    return el("section", { "class": "kd-search-group" }, [el("h2", { text: title }), content]);
  }

  // A group of papers: the first few loaded, the rest a button away. Papers with only some
  // of the query's words show folded away when papers with all of them were found.
  function paperGroup(title, entries, firstRows, partial) {
    var list = el("ol", { "class": "kd-search-list" + (partial ? " kd-search-partial" : "") });
    var section = group(title, list);
    var shown = 0;
    var more = el("button", { type: "button", "class": "kd-search-more" });
    function label() {
      var left = entries.length - shown;
      more.textContent = shown ? "Show " + Math.min(left, PAPERS_SHOWN) + " more of " + left.toLocaleString("en") : "Show " + plural(left, "paper");
      more.hidden = left <= 0;
    }
    function add(rows) {
      rows.forEach(function (data) { list.appendChild(paperItem(data)); });
      shown += rows.length;
      label();
    }
    more.addEventListener("click", function () {
      var next = entries.slice(shown, shown + PAPERS_SHOWN);
      Promise.all(next.map(function (r) { return r.data(); })).then(function (rows) {
        var before = shown;
        add(rows);
        var hits = list.querySelectorAll("a.kd-search-hit");
        if (hits[before]) hits[before].focus();
      });
    });
    add(firstRows);
    section.appendChild(more);
    return section;
  }

  function safeHref(address) {
    return /^https?:\/\//i.test(address) ? address : null;
  }

  function paperItem(data) {
    var meta = data.meta || {};
    var item = el("li", {}, [el("a", { "class": "kd-search-hit", href: data.url, text: meta.title || data.url })]);
    if (meta.short) {
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", { "class": "kd-short", text: meta.short }));
    }
    // "PDF https://… arXiv https://…": a label, then its address (addresses have no spaces).
    var parts = (meta.links || "").split(" ").filter(Boolean);
    var quick = el("span", { "class": "kd-quick" });
    for (var i = 0; i + 1 < parts.length; i += 2) {
      var href = safeHref(parts[i + 1]);
      if (href) quick.appendChild(el("a", { href: href, rel: "noopener", text: parts[i] }));
    }
    if (quick.childNodes.length) {
      item.appendChild(document.createTextNode(" "));
      item.appendChild(quick);
    }
    if (meta.byline) item.appendChild(el("span", { "class": "kd-byline", text: meta.byline }));
    return item;
  }

  function simpleList(rows) {
    var list = el("ol", { "class": "kd-search-list" });
    rows.forEach(function (data) {
      var meta = data.meta || {};
      var item = el("li", {}, [el("a", { "class": "kd-search-hit", href: data.url, text: meta.title || data.url })]);
      item.appendChild(el("span", { "class": "kd-byline", text: meta.byline || "Page of this site" }));
      list.appendChild(item);
    });
    return list;
  }
})();
