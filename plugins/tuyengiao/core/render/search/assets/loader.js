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
  var opener = null, lastOutside = null;
  function opened() {
    root.setAttribute("aria-modal", "true");
    opener = lastOutside;
  }
  function close() {
    if (toggle) toggle.checked = false;
    root.removeAttribute("aria-modal");
    input.blur();
    if (opener && opener.isConnected && opener.getClientRects().length) opener.focus();
    opener = null;
  }
  function start() {
    if (toggle && !toggle.checked) { toggle.checked = true; opened(); }
    load();
  }
  function load() {
    if (started) return;
    started = true;
    var css = document.querySelector("link[data-tg-search-css]");
    if (css) css.media = "all";
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
      if (toggle.checked) { opened(); start(); setTimeout(function () { input.focus(); }, 0); }
      else root.removeAttribute("aria-modal");
    });
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || isField(e.target)) return;
    if (e.key === "/" || e.key === "s" || e.key === "f") {
      e.preventDefault();
      if (toggle && !toggle.checked) { opened(); toggle.checked = true; }
      input.focus();
    }
  });
  /* While the box is open the keyboard stays in it: Tab and Shift+Tab cycle through
     the box, the filters and the results; Esc on a result goes back to the box, Esc
     in the box closes it and returns focus to where it was. */
  function focusables() {
    return [].slice.call(root.querySelectorAll(
      "input, select, button:not([tabindex='-1']), a[href], [tabindex='0']"))
      .filter(function (el) { return !el.disabled && el.getClientRects().length; });
  }
  root.addEventListener("keydown", function (e) {
    if (toggle && !toggle.checked) return;
    if (e.key === "Escape") {
      e.preventDefault();
      if (document.activeElement !== input) input.focus();
      else close();
    } else if (e.key === "Tab") {
      var all = focusables(), at = all.indexOf(document.activeElement);
      if (!all.length) return;
      if (e.shiftKey && at <= 0) { e.preventDefault(); all[all.length - 1].focus(); }
      else if (!e.shiftKey && at === all.length - 1) { e.preventDefault(); all[0].focus(); }
    }
  });
  /* Focus that leaves the open box (a click or a screen reader's move) is brought back. */
  document.addEventListener("focusin", function (e) {
    if (root.contains(e.target)) return;
    if (toggle && toggle.checked) input.focus();
    else lastOutside = e.target;
  });
})();
