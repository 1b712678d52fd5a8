/* tuyengiao service worker, written by the build (see the README, "Offline").
   Keeps the theme and the search code (the shell, precached on install), and
   every page, booklet, font and search file this reader opened (as they are
   opened), so they open again without a connection. A page never opened shows
   the offline page, which lists what this device keeps. Each build has its
   version: its worker replaces the shell, carries the pages and booklets read
   into its own cache, and deletes the old caches. */
"use strict";
var VERSION = "(build version)";
var SHELL = ["assets/stylesheets/main.57a0d79d.min.css", "assets/stylesheets/palette.fb2fffe2.min.css", "assets/stylesheets/fonts.css", "assets/stylesheets/tuyengiao.css", "assets/stylesheets/search.css", "assets/javascripts/tuyengiao/base.js", "assets/tuyengiao/pwa.js", "assets/javascripts/tuyengiao/palette.js", "search/loader.js", "assets/javascripts/tuyengiao/content.js", "assets/javascripts/bundle.a5f9d56c.min.js", "search/engine.js", "search/manifest.json", "ngoai-tuyen/", "manifest.webmanifest", "assets/tuyengiao/icon-192.png", "assets/tuyengiao/icon-512.png", "assets/tuyengiao/saved.js"];
var OFFLINE = "ngoai-tuyen/";
var PREFIX = "tuyengiao-";
var SHELL_CACHE = PREFIX + "shell-" + VERSION;
var READ_CACHE = PREFIX + "read-" + VERSION;
var scope = self.registration.scope;

function isPage(path) { return /\/$|\.html$/.test(path); }
function isBooklet(path) { return /\.pdf$/.test(path); }
function isKept(url) {
  var path = new URL(url).pathname;
  return isPage(path) || isBooklet(path);
}
/* Large downloads (the copies of the whole site) and the worker itself are never kept. */
function isSkipped(url) {
  return /\.(zip|zim)$/.test(url.pathname) || url.href === scope + "sw.js";
}
function key(url) { return url.origin + url.pathname; }

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL_CACHE).then(function (cache) {
    return cache.addAll(SHELL.map(function (path) { return new URL(path, scope).href; }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    var old = names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== SHELL_CACHE && name !== READ_CACHE;
    });
    return caches.open(READ_CACHE).then(function (read) {
      // Pages and booklets read under an older build stay readable; opening them
      // online replaces them with this build's.
      return Promise.all(old.filter(function (name) {
        return name.indexOf(PREFIX + "read-") === 0;
      }).map(function (name) {
        return caches.open(name).then(function (cache) {
          return cache.keys().then(function (requests) {
            return Promise.all(requests.filter(function (r) { return isKept(r.url); })
              .map(function (r) {
                return read.match(r).then(function (have) {
                  return have || cache.match(r).then(function (res) { return res && read.put(r, res); });
                });
              }));
          });
        });
      }));
    }).then(function () {
      return Promise.all(old.map(function (name) { return caches.delete(name); }));
    });
  }).then(function () { return self.clients.claim(); }));
});

function remember(request, response) {
  if (!response || response.status !== 200 || response.type !== "basic") return;
  var copy = response.clone();
  return caches.open(READ_CACHE).then(function (cache) { return cache.put(request, copy); });
}

/* Pages and booklets: the network first (a new build's text), the kept copy
   without a connection, else the offline page. */
function fromNetworkFirst(event, url) {
  var request = event.request;
  return fetch(request).then(function (response) {
    event.waitUntil(Promise.resolve(remember(key(url), response)));
    return response;
  }).catch(function () {
    return caches.match(key(url)).then(function (kept) {
      if (kept) return kept;
      if (request.mode !== "navigate") return Response.error();
      var wanted = url.href.indexOf(scope) === 0 ? url.href.slice(scope.length) : url.pathname;
      return Response.redirect(new URL(OFFLINE, scope).href + "?trang=" +
                               encodeURIComponent(wanted), 302);
    });
  });
}

/* Everything else (theme, fonts, search data, images): what the caches hold, else
   the network, kept for next time. Within one build's version these never change. */
function fromCacheFirst(event, url) {
  return caches.match(key(url)).then(function (kept) {
    return kept || fetch(event.request).then(function (response) {
      event.waitUntil(Promise.resolve(remember(key(url), response)));
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(scope) !== 0) return;
  if (request.headers.has("range")) return;  // audio being played: the network
  var url = new URL(request.url);
  if (isSkipped(url)) return;
  if (request.mode === "navigate" || isPage(url.pathname) || isBooklet(url.pathname)) {
    event.respondWith(fromNetworkFirst(event, url));
  } else {
    event.respondWith(fromCacheFirst(event, url));
  }
});

/* The page that registered this worker was loaded before it ran: pwa.js sends its
   address and what it loaded, to be kept like any page opened later. */
self.addEventListener("message", function (event) {
  var urls = event.data && event.data.keep;
  if (!Array.isArray(urls)) return;
  event.waitUntil(caches.open(READ_CACHE).then(function (cache) {
    return Promise.all(urls.map(function (href) {
      var url = new URL(href, scope);
      if (url.href.indexOf(scope) !== 0 || isSkipped(url)) return null;
      return caches.match(key(url)).then(function (kept) {
        if (kept) return null;
        return fetch(url.href).then(function (response) {
          return remember(key(url), response);
        }).catch(function () { return null; });
      });
    }));
  }));
});
