/* tuyengiao search, step 2 of 2: queries the static index in search/ (and, on a
   province portal, the search/ folders of the district sites it lists).
   Folding and number rules come from the manifest (a copy of rules.json), the
   same rules the Python indexer used. No framework, no outside request. */
(function () {
  "use strict";
  var ctx = window.__tgSearch;
  if (!ctx || ctx.engine) return;
  var PAGE = 10;
  var T = {
    idle: "Nhập từ khóa (có dấu hoặc không dấu) hoặc số văn bản",
    busy: "Đang tìm…",
    none: "Không tìm thấy kết quả phù hợp",
    count: function (n) { return n + " kết quả"; },
    partial: function (n) { return "Không có kết quả chứa mọi từ; " + n + " kết quả gần đúng"; },
    more: "Xem thêm kết quả",
    anyType: "Mọi loại",
    anyYear: "Mọi năm",
    type: "Loại tài liệu",
    year: "Năm",
    mong: "Mông",
    failed: "Không tải được chỉ mục tìm kiếm"
  };

  /* ---- the shared rules ------------------------------------------------- */
  function Rules(raw) {
    var letters = raw.letters;
    var lettersRe = new RegExp("[" + Object.keys(letters).join("") + "]", "g");
    this.raw = raw;
    this.token = new RegExp(raw.token, "gu");
    this.fold = function (s) {
      return s.replace(lettersRe, function (c) { return letters[c]; })
        .normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC").toLowerCase();
    };
    var n = raw.number;
    this.num = { serial: new RegExp(n.serial), year: new RegExp(n.year), code: new RegExp(n.code),
      min: n.min_codes, max: n.max_codes, prefix: n.key_prefix };
  }
  Rules.prototype.tokens = function (s) { return s.toLowerCase().match(this.token) || []; };
  /* Same algorithm as rules.query_number_keys in Python. */
  Rules.prototype.numberKeys = function (folded) {
    var r = this.num, keys = [];
    folded.forEach(function (tok, i) {
      if (!r.serial.test(tok)) return;
      var head = tok.replace(/^0+(?=.)/, ""), rest = folded.slice(i + 1);
      var heads = [[head, rest]];
      if (rest.length && r.year.test(rest[0])) heads.push([head + rest[0], rest.slice(1)]);
      heads.forEach(function (h) {
        var run = [];
        for (var k = 0; k < Math.min(h[1].length, r.max); k++) {
          if (!r.code.test(h[1][k])) break;
          run.push(h[1][k]);
          if (run.length >= r.min) keys.push(r.prefix + h[0] + run.join(""));
        }
      });
    });
    return keys.filter(function (k, i) { return keys.indexOf(k) === i; });
  };

  /* ---- one site's index ------------------------------------------------- */
  function getJSON(url) {
    if (window.__tgSearchGet) return window.__tgSearchGet(url);  // an offline copy
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }
  function Index(base, root, name) {
    this.base = base; this.root = root; this.name = name;
    this.shards = {}; this.frags = {}; this.docs = null;
  }
  Index.prototype.open = function () {
    var self = this;
    var url = this.base + "manifest.json";
    var first = this === own && ctx.manifest ? ctx.manifest : getJSON(url);
    return this.ready || (this.ready = first.then(function (m) {
      self.m = m; self.rules = new Rules(m.rules); return self;
    }));
  };
  Index.prototype.entry = function (term) {
    var list = this.m.shards, lo = 0, hi = list.length - 1;
    if (!list.length || term < list[0]) return Promise.resolve(null);
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (list[mid] <= term) lo = mid; else hi = mid - 1;
    }
    var url = this.base + "t/" + lo + ".json";
    var p = this.shards[lo] || (this.shards[lo] = getJSON(url));
    return p.then(function (shard) { return shard[term] || null; });
  };
  Index.prototype.fragment = function (id) {
    return this.frags[id] || (this.frags[id] = getJSON(this.base + "d/" + id + ".json"));
  };
  Index.prototype.table = function () {
    return this.docs || (this.docs = getJSON(this.base + "docs.json"));
  };

  /* ---- ranking ---------------------------------------------------------- */
  function rowsOf(entry, cb) {
    (entry || []).forEach(function (row) {
      var id = 0;
      for (var i = 1; i < row.length; i += 2) { id += row[i]; cb(row[0], id, row[i + 1]); }
    });
  }
  function idf(n, entry, mark, stamp) {
    var df = 0;
    rowsOf(entry, function (f, id) { if (mark[id] !== stamp) { mark[id] = stamp; df++; } });
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
  function analyse(rules, q) {
    var words = rules.tokens(q), folded = words.map(rules.fold);
    var pairs = [];
    for (var i = 0; i + 1 < folded.length; i++) pairs.push(folded[i] + " " + folded[i + 1]);
    /* The words that make up a number of the query ("14", "kh", "tu" of "14 kh tu"): they
       are highlighted as that number only, never alone ("tự", the KH of other numbers). */
    var inNumber = {};
    folded.forEach(function (tok, k) {
      if (!rules.num.serial.test(tok) || !rules.numberKeys(folded.slice(k)).length) return;
      inNumber[k] = 1;
      for (var j = k + 1; j < folded.length && j <= k + rules.num.max + 1; j++) {
        if (!(rules.num.code.test(folded[j]) || (j === k + 1 && rules.num.year.test(folded[j])))) break;
        inNumber[j] = 1;
      }
    });
    return { words: words, folded: folded, pairs: pairs, numbers: rules.numberKeys(folded),
             inNumber: inNumber };
  }
  /* Scores of one index's documents for a query: {hits: [{ix, id, score}] sorted, query}.
     Typed arrays over all n documents: a query touches tens of thousands of postings. */
  function rank(ix, q) {
    var a = analyse(ix.rules, q), w = ix.m.rules.ranking, n = ix.m.n;
    var terms = a.folded.concat(a.pairs, a.numbers);
    return Promise.all(terms.map(function (t) { return ix.entry(t); })).then(function (entries) {
      var score = new Float64Array(n), hits = new Uint32Array(n), mark = new Uint32Array(n);
      var numbered = new Uint8Array(n);
      var touched = [], stamp = 0, slots = {}, distinct = 0;
      function add(id, s, bit) {
        if (!score[id] && !hits[id]) touched.push(id);
        score[id] += s;
        hits[id] |= bit;
      }
      a.folded.forEach(function (term, k) {
        if (slots[term] !== undefined || distinct >= 31) return;
        var bit = 1 << distinct;
        slots[term] = distinct++;
        var e = entries[k], weight = idf(n, e, mark, ++stamp), marked = a.words[k] !== term;
        rowsOf(e, function (form, id, imp) {
          var exact = marked && (form || term) === a.words[k];
          add(id, weight * imp / 10 * (exact ? 1 + w.exact_form_bonus : 1), bit);
        });
      });
      a.pairs.forEach(function (pair, k) {
        var e = entries[a.folded.length + k], weight = idf(n, e, mark, ++stamp);
        rowsOf(e, function (form, id, imp) { add(id, weight * imp / 10 * w.bigram_weight, 0); });
      });
      a.numbers.forEach(function (key, k) {
        rowsOf(entries[a.folded.length + a.pairs.length + k], function (form, id, imp) {
          add(id, imp >= w.own_number_impact ? 1000 * key.length : imp, 0);
          numbered[id] = 1;
        });
      });
      var out = touched.map(function (id) {
        var bits = hits[id], matched = 0;
        while (bits) { matched += bits & 1; bits >>>= 1; }
        var coord = distinct ? Math.pow(Math.max(matched, 0.5) / distinct, w.coordination_power) : 1;
        /* A match has every word of the query, or the number it names; the others
           only share a word with it ("tự" for "14 kh tu"). */
        var full = matched >= distinct || (a.numbers.length > 0 && numbered[id] === 1);
        return { ix: ix, id: id, score: score[id] * coord, full: full };
      });
      out.sort(function (x, y) { return y.score - x.score || x.id - y.id; });
      return { hits: out, query: a };
    });
  }

  /* ---- excerpts and highlighting ----------------------------------------- */
  function esc(s) {
    return s.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }
  /* Document numbers as printed ("271-KH/HU", "30/2020/NĐ-CP"): kept on one line in
     results, and highlighted whole when the query is that number. */
  var NUMBER = /(^|[^\p{L}\p{N}_\/-])(\d{1,5}[ \t]*[-\/][ \t]*(?:(?:19|20)\d\d[ \t]*\/[ \t]*)?[A-ZĐ][A-Za-zĐđ]{0,3}[ \t]*[-\/][ \t]*[A-ZĐ][A-ZĐ0-9]{0,11}(?:-[A-ZĐ][A-ZĐ0-9]{0,11})*)(?![\p{L}\p{N}_\/-])/gu;
  function numberRanges(rules, text, keys) {
    var found = [], m;
    NUMBER.lastIndex = 0;
    while ((m = NUMBER.exec(text))) {
      var start = m.index + m[1].length, end = start + m[2].length;
      var own = rules.numberKeys(rules.tokens(m[2]).map(rules.fold));
      found.push({ start: start, end: end,
                   hit: own.some(function (k) { return keys.indexOf(k) >= 0; }) });
      NUMBER.lastIndex = end;
    }
    return found;
  }
  /* want: {folded word: 1} to highlight; keys: the query's number keys. */
  function marked(rules, text, want, keys) {
    var nums = numberRanges(rules, text, keys || []), out = "", last = 0, m;
    var re = new RegExp(rules.token.source, "gu");
    var spans = [];
    while ((m = re.exec(text))) {
      if (want[rules.fold(m[0])]) spans.push([m.index, m.index + m[0].length]);
    }
    nums.forEach(function (n) { if (n.hit) spans.push([n.start, n.end]); });
    spans.sort(function (x, y) { return x[0] - y[0]; });
    function piece(from, to) {  /* text with highlights, inside one number or outside all */
      var s = "", at = from;
      spans.forEach(function (sp) {
        var a = Math.max(sp[0], at), b = Math.min(sp[1], to);
        if (a >= b) return;
        s += esc(text.slice(at, a)) + "<mark>" + esc(text.slice(a, b)) + "</mark>";
        at = b;
      });
      return s + esc(text.slice(at, to));
    }
    nums.forEach(function (n) {
      out += piece(last, n.start) + '<span class="tg-num">' + piece(n.start, n.end) + "</span>";
      last = n.end;
    });
    return out + piece(last, text.length);
  }
  function excerpt(rules, text, want, keys) {
    var m, re = new RegExp(rules.token.source, "gu"), at = -1;
    var hit = numberRanges(rules, text, keys || []).filter(function (n) { return n.hit; })[0];
    if (hit) at = hit.start;
    else while ((m = re.exec(text))) if (want[rules.fold(m[0])]) { at = m.index; break; }
    var start = Math.max(0, at - 60);
    if (start > 0) start = text.indexOf(" ", start) + 1;
    var end = Math.min(text.length, start + 240);
    if (end < text.length) end = Math.max(text.lastIndexOf(" ", end), start + 1);
    return (start > 0 ? "… " : "") + marked(rules, text.slice(start, end), want, keys) +
      (end < text.length ? " …" : "");
  }

  /* ---- the user interface -------------------------------------------------- */
  var root = ctx.root, input = root.querySelector("input[name=query]");
  var list = root.querySelector("[data-tg-results]"), meta = root.querySelector("[data-tg-meta]");
  var filters = root.querySelector("[data-tg-filters]"), toggle = document.getElementById("__search");
  var siteRoot = ctx.base.replace(/search\/$/, "");
  var own = new Index(ctx.base, siteRoot, "");
  var indexes = [own], state = { hits: [], shown: 0, query: null }, seq = 0;
  var typeSel, yearSel;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function select(label, any, options) {
    var s = el("select", "tg-search-filter");
    s.setAttribute("aria-label", label);
    s.appendChild(new Option(any, ""));
    options.forEach(function (o) { s.appendChild(new Option(o[1], o[0])); });
    s.addEventListener("change", run);
    filters.appendChild(s);
    return s;
  }
  function setup() {
    var types = {}, years = {};
    indexes.forEach(function (ix) {
      if (!ix.m) return;
      Object.keys(ix.m.types).forEach(function (k) { types[k] = ix.m.types[k]; });
      ix.m.years.forEach(function (y) { years[y] = 1; });
    });
    typeSel = select(T.type, T.anyType, Object.keys(types).map(function (k) { return [k, types[k]]; }));
    yearSel = select(T.year, T.anyYear, Object.keys(years).sort().reverse()
      .map(function (y) { return [y, y]; }));
  }
  function filtered(hits) {
    var ty = typeSel && typeSel.value, yr = yearSel && +yearSel.value;
    if (!ty && !yr) return Promise.resolve(hits);
    return Promise.all(indexes.map(function (ix) { return ix.m ? ix.table() : null; }))
      .then(function () {
        return Promise.all(hits.map(function (h) { return h.ix.table(); })).then(function (tables) {
          return hits.filter(function (h, i) {
            var t = tables[i];
            return (!ty || t.ty[h.id] === ty) && (!yr || t.y[h.id] === yr);
          });
        });
      });
  }
  function card(hit, frag, a) {
    var rules = hit.ix.rules, want = {};
    a.folded.forEach(function (f, k) { if (!a.inNumber[k]) want[f] = 1; });
    var li = el("li", "md-search-result__item"), link = el("a", "md-search-result__link");
    link.href = hit.ix.root + frag.u;
    var art = el("article", "md-search-result__article md-typeset");
    var line = el("div", "tg-search-meta");
    [frag.k, frag.n, frag.d].forEach(function (p, i) {
      if (p) line.appendChild(el("span", i === 1 ? "tg-num" : "", p));
    });
    if (frag.l === "hmn") line.appendChild(el("span", "tg-search-lang", T.mong));
    if (hit.ix.name) line.appendChild(el("span", "tg-search-site", hit.ix.name));
    var title = el("h1");
    title.innerHTML = marked(rules, frag.t, want, a.numbers);
    var text = el("p");
    text.innerHTML = excerpt(rules, frag.x || "", want, a.numbers);
    if (frag.l) { title.lang = frag.l; text.lang = frag.l; }
    art.appendChild(line); art.appendChild(title); art.appendChild(text);
    link.appendChild(art); li.appendChild(link);
    return li;
  }
  function showMore(my) {
    var next = state.hits.slice(state.shown, state.shown + PAGE);
    state.shown += next.length;
    var old = list.querySelector(".tg-search-more");
    if (old) old.remove();
    /* Fetched side by side, shown in order as soon as each one is there. */
    var chain = Promise.resolve();
    next.map(function (h) { return h.ix.fragment(h.id); }).forEach(function (p, i) {
      chain = chain.then(function () { return p; }).then(function (f) {
        if (my !== seq) return;
        list.appendChild(card(next[i], f, state.query));
        if (!i) ctx.firstShown = input.value.trim();
      });
    });
    return chain.then(function () {
      if (my !== seq) return;
      if (state.shown < state.hits.length) {
        var li = el("li", "tg-search-more"), b = el("button", "md-button", T.more);
        b.type = "button";
        b.addEventListener("click", function () { showMore(seq); });
        li.appendChild(b); list.appendChild(li);
      }
    });
  }
  /* Every index's hits for q, merged by score. */
  function query(q) {
    var ready = indexes.filter(function (ix) { return ix.m && ix.m.n; });
    return Promise.all(ready.map(function (ix) { return rank(ix, q); })).then(function (ranked) {
      var all = [];
      ranked.forEach(function (r) { all = all.concat(r.hits); });
      all.sort(function (x, y) { return y.score - x.score; });
      return { hits: all, query: ranked.length ? ranked[0].query : analyse(own.rules, q) };
    });
  }
  /* For tests and benchmarks: the URLs of the first n results. */
  function top(q, n) {
    return query(q).then(function (found) {
      return Promise.all(found.hits.slice(0, n).map(function (h) {
        return h.ix.fragment(h.id).then(function (f) { return h.ix.root + f.u; });
      }));
    });
  }
  function run() {
    var q = input.value.trim(), my = ++seq;
    ctx.shown = ctx.firstShown = null;
    pending = false;
    if (!q) {
      list.textContent = "";
      meta.textContent = T.idle;
      ctx.shown = "";
      return Promise.resolve();
    }
    meta.textContent = T.busy;
    return query(q).then(function (found) {
      return filtered(found.hits).then(function (hits) {
        if (my !== seq) return;
        /* The count says how many match; when none has every word, the closest ones
           are shown, said as such. */
        var full = hits.filter(function (h) { return h.full; });
        state = { hits: full.length ? full : hits, shown: 0, query: found.query };
        list.textContent = "";
        meta.textContent = full.length ? T.count(full.length)
          : hits.length ? T.partial(hits.length) : T.none;
        return showMore(my).then(function () { if (my === seq) ctx.shown = q; });
      });
    }).catch(function (err) {
      if (my === seq) meta.textContent = T.failed;
      if (window.console) console.error(err);
    });
  }
  /* On a weak line a keystroke must not cost a search: the query runs once the typist
     pauses, a pause being 1.6 times their own recent gap between keys (150-700 ms; a
     paste is one input event and runs after 150 ms). Only the words already finished
     (a space after them) are fetched at once: the word being typed is superseded by
     the next key. A query of one letter fetches nothing. */
  var timer = 0, lastKey = 0, gaps = [], pending = false;
  function pause() {
    if (!gaps.length) return 150;
    var sorted = gaps.slice().sort(function (x, y) { return x - y; });
    return Math.min(700, Math.max(150, 1.6 * sorted[sorted.length >> 1]));
  }
  function prefetch(q) {
    var done = q.replace(/\S+$/, "");  /* the words before the one being typed */
    if (!done.trim()) return;
    indexes.forEach(function (ix) {
      if (!ix.rules) return;
      var a = analyse(ix.rules, done);
      a.folded.concat(a.pairs, a.numbers).forEach(function (t) {
        ix.entry(t).catch(function () {});
      });
    });
  }
  input.addEventListener("input", function () {
    var now = Date.now();
    if (lastKey && now - lastKey < 2000) gaps = gaps.concat(now - lastKey).slice(-5);
    lastKey = now;
    clearTimeout(timer);
    ctx.shown = ctx.firstShown = null;  /* what is shown is for an older query */
    var q = input.value.trim();
    if (own.rules && q && own.rules.fold(q).replace(/[^\p{L}\p{N}]/gu, "").length < 2) {
      ++seq;
      pending = false;
      list.textContent = "";
      meta.textContent = T.idle;
      ctx.shown = "";
      return;
    }
    pending = true;
    timer = setTimeout(run, pause());
    if (ctx.ready) prefetch(input.value);
  });
  input.addEventListener("focus", function () { if (toggle) toggle.checked = true; });
  root.querySelector("form").addEventListener("submit", function (e) {
    e.preventDefault();
    function open() {
      var first = list.querySelector("a");
      if (first) first.click();
    }
    if (!pending) { open(); return; }
    clearTimeout(timer);  /* Enter before the pause: the query runs now */
    run().then(open);
  });
  root.querySelector("form").addEventListener("reset", function () {
    setTimeout(run, 0);
    input.focus();
  });
  function links() { return [].slice.call(list.querySelectorAll("a")); }
  root.addEventListener("keydown", function (e) {
    var items = links(), at = items.indexOf(document.activeElement);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!items.length) return;
      e.preventDefault();
      var next = e.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) { input.focus(); return; }
      items[Math.min(next, items.length - 1)].focus();
    }
  });

  ctx.engine = { indexes: indexes, query: query, top: top, run: run, Rules: Rules };
  own.open().then(function (ix) {
    return Promise.all(ix.m.sites.map(function (s) {
      var remote = new Index(s.url + "search/", s.url, s.name);
      indexes.push(remote);
      return remote.open().catch(function (err) {
        if (window.console) console.error(err);
      });
    }));
  }).then(function () {
    setup();
    ctx.ready = true;
    run();
  }).catch(function (err) {
    meta.textContent = T.failed;
    if (window.console) console.error(err);
  });
})();
