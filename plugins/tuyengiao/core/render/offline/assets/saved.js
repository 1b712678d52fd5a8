/* tuyengiao: the offline page's list of the pages and booklets this device keeps
   (the service worker's caches), and, when the worker sent the reader here, which
   page could not be opened. */
(function () {
  "use strict";
  var box = document.querySelector("[data-tg-saved]");
  if (!box || !window.caches) return;
  var root = new URL("../", location.href).href;
  var wanted = new URLSearchParams(location.search).get("trang");
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  if (wanted !== null) {
    var note = el("div", "", "admonition warning tg-offline-note");
    note.appendChild(el("p", "Không có kết nối mạng", "admonition-title"));
    note.appendChild(el("p", "Trang “" + "/" + wanted +
      "” chưa được lưu trên máy này nên chưa mở được. Khi có mạng, mở lại trang đó;" +
      " trong lúc chờ, có thể đọc các trang đã lưu dưới đây."));
    box.parentNode.insertBefore(note, box.parentNode.firstChild);
  }
  function title(response) {
    return response.text().then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var h1 = doc.querySelector("article h1, h1");
      return (h1 ? h1.textContent : doc.title || "").replace(/\s+/g, " ").trim();
    });
  }
  caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf("tuyengiao-read-") === 0; })
      .map(function (n) {
        return caches.open(n).then(function (cache) {
          return cache.keys().then(function (requests) {
            return Promise.all(requests.map(function (r) {
              var path = new URL(r.url).pathname;
              if (r.url.indexOf(root) !== 0) return null;
              if (/\.pdf$/.test(path)) {
                return { url: r.url, title: decodeURIComponent(path.split("/").pop()), pdf: true };
              }
              if (!/\/$|\.html$/.test(path) || r.url.indexOf(location.pathname) >= 0) return null;
              return cache.match(r).then(title).then(function (t) {
                return { url: r.url, title: t || path };
              });
            }));
          });
        });
      }));
  }).then(function (groups) {
    var seen = {}, items = [];
    groups.forEach(function (g) {
      g.forEach(function (i) { if (i && !seen[i.url]) { seen[i.url] = 1; items.push(i); } });
    });
    items.sort(function (a, b) {
      return (a.pdf === b.pdf ? 0 : a.pdf ? 1 : -1) || a.title.localeCompare(b.title, "vi");
    });
    box.textContent = "";
    if (!items.length) {
      box.appendChild(el("p", "Máy này chưa lưu trang nào. Khi có mạng, mỗi trang và tài liệu" +
        " in bạn mở sẽ được lưu lại để đọc khi không có mạng.", "tg-muted"));
      return;
    }
    box.appendChild(el("p", "Máy này đã lưu " + items.length +
      " trang và tài liệu, đọc được khi không có mạng:"));
    var list = el("ul", "", "tg-saved-list");
    items.forEach(function (i) {
      var li = el("li"), a = el("a", i.title);
      a.href = i.url;
      li.appendChild(a);
      if (i.pdf) li.appendChild(el("span", " (tài liệu in, PDF)", "tg-muted"));
      list.appendChild(li);
    });
    box.appendChild(list);
  }).catch(function () {});
})();
