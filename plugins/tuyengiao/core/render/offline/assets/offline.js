/* tuyengiao search in an offline copy (a folder opened from file://, a ZIM):
   file:// forbids fetch, so each JSON file of search/ is also a script that
   hands its data to __tgSearchData. __tgSearchGet(url) loads it with a <script>
   tag and resolves with that data; loader.js and engine.js use it in place of
   fetch when it is defined. Loaded before loader.js (same folder). */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src.replace(/[^/]*$/, "") : "";
  var waiting = {};
  window.__tgSearchData = function (name, data) {
    var entry = waiting[name];
    if (entry) entry.resolve(data);
  };
  window.__tgSearchGet = function (url) {
    if (!base || url.indexOf(base) !== 0 || !/\.json$/.test(url)) {
      return Promise.reject(new Error(url + ": not in this copy"));
    }
    var name = url.slice(base.length);
    if (waiting[name]) return waiting[name].promise;
    var entry = {};
    entry.promise = new Promise(function (resolve, reject) {
      entry.resolve = resolve;
      entry.reject = reject;
    });
    waiting[name] = entry;
    var tag = document.createElement("script");
    tag.src = url.replace(/\.json$/, ".js");
    tag.async = true;
    tag.addEventListener("error", function () {
      delete waiting[name];
      entry.reject(new Error(url + ": not found"));
    });
    document.head.appendChild(tag);
    return entry.promise;
  };
})();
