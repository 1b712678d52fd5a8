/* tuyengiao search, step 1 of 2: wires the header's search box and loads
   engine.js (same folder) and the manifest once the page is idle, or at once on
   the first focus or key press, so the engine is ready when the visitor types.
   Term shards and result cards are fetched only for a query. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src.replace(/[^/]*$/, "") : "";
  var root = document.querySelector("[data-tg-search]");
  if (!root || !base) return;
  var input = root.querySelector("input[name=query]");
  var toggle = document.getElementById("__search");
  var started = false;
  window.__tgSearch = { base: base, root: root };
  function start() {
    if (toggle) toggle.checked = true;
    load();
  }
  function load() {
    if (started) return;
    started = true;
    // The manifest and the engine load side by side.
    // An offline copy reads the index from scripts (search/offline.js).
    window.__tgSearch.manifest = window.__tgSearchGet
      ? window.__tgSearchGet(base + "manifest.json")
      : fetch(base + "manifest.json").then(function (r) {
        if (!r.ok) throw new Error(base + "manifest.json: " + r.status);
        return r.json();
      });
    var engine = document.createElement("script");
    engine.src = base + "engine.js";
    engine.async = true;
    document.head.appendChild(engine);
  }
  function idle() {
    if (window.requestIdleCallback) window.requestIdleCallback(load, { timeout: 3000 });
    else setTimeout(load, 200);
  }
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle);
  function isField(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  ["focus", "keydown", "pointerdown"].forEach(function (name) {
    input.addEventListener(name, start, { passive: true });
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) { start(); setTimeout(function () { input.focus(); }, 0); }
    });
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || isField(e.target)) return;
    if (e.key === "/" || e.key === "s" || e.key === "f") {
      e.preventDefault();
      if (toggle) toggle.checked = true;
      input.focus();
    }
  });
})();
