/* tuyengiao: registers the service worker (sw.js at the site's root) once the
   page has loaded, so pages read here open again without a connection. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) return;
  var here = script.src;
  if (document.querySelector("[data-tg-saved]")) {
    var list = document.createElement("script");
    list.src = new URL("saved.js", here).href;
    document.head.appendChild(list);
  }
  window.addEventListener("load", function () {
    var sw = navigator.serviceWorker, root = new URL("../../", here).href;
    var first = !sw.controller;
    sw.register(root + "sw.js").then(function () { return sw.ready; }).then(function (reg) {
      if (!first || !reg.active) return;
      // This page was loaded before the worker ran: ask it to keep the page and
      // what it loaded (from the browser's cache).
      var urls = [location.href];
      performance.getEntriesByType("resource").forEach(function (e) {
        if (e.name.indexOf(root) === 0) urls.push(e.name);
      });
      reg.active.postMessage({ keep: urls });
    }).catch(function () {});
  });
})();
