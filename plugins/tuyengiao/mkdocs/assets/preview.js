/* tuyengiao serve: reloads the page when a build is done, and shows the errors of a
   build that failed over the page being previewed. Served by the preview only (never
   part of a built site), as a file: no inline script, no eval, text set as text.

   The script tag gives the epoch of the site the page was served from
   (data-epoch) and an id of this page (data-request); /livereload/<epoch>/<id> is
   MkDocs' long poll, which answers when a newer build is visible. The status
   (status.json) holds the problems and the overlay's words. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) {
    return;
  }
  var base = script.src.replace(/preview\.js(\?.*)?$/, "");
  var epoch = script.getAttribute("data-epoch");
  var requestId = script.getAttribute("data-request");
  var overlayId = "tuyengiao-preview-error";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function stylesheet() {
    if (document.getElementById(overlayId + "-css")) {
      return;
    }
    var link = element("link");
    link.id = overlayId + "-css";
    link.rel = "stylesheet";
    link.href = base + "preview.css";
    document.head.appendChild(link);
  }

  function problemItem(problem, words) {
    var item = element("li", "tg-preview-problem");
    var where = element("code", "tg-preview-where", problem.path);
    item.appendChild(where);
    if (problem.line) {
      item.appendChild(document.createTextNode(", "));
      item.appendChild(element("span", "tg-preview-line", words.line + " " + problem.line));
    }
    item.appendChild(document.createTextNode(": "));
    item.appendChild(element("span", "tg-preview-message", problem.message));
    return item;
  }

  function show(status) {
    var old = document.getElementById(overlayId);
    if (old) {
      old.parentNode.removeChild(old);
    }
    var broken = status.built && !status.ok;
    var empty = !status.built;
    if (!broken && !empty) {
      return;
    }
    var words = status.words;
    stylesheet();
    var box = element("section", "tg-preview-overlay");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    box.setAttribute("lang", "vi");
    var head = element("div", "tg-preview-head");
    head.appendChild(element("h2", "tg-preview-title", words.title));
    var hide = element("button", "tg-preview-hide", words.hide);
    hide.type = "button";
    hide.addEventListener("click", function () {
      box.hidden = true;
    });
    head.appendChild(hide);
    box.appendChild(head);
    var list = element("ul", "tg-preview-problems");
    (status.problems || []).forEach(function (problem) {
      list.appendChild(problemItem(problem, words));
    });
    if (status.failure) {
      list.appendChild(element("li", "tg-preview-problem", status.failure));
    }
    (status.booklets || []).forEach(function (booklet) {
      list.appendChild(element("li", "tg-preview-problem",
                               words.booklets + ": " + booklet.message));
    });
    if (status.more) {
      list.appendChild(element("li", "tg-preview-more",
                               words.more.replace("{n}", String(status.more))));
    }
    box.appendChild(list);
    box.appendChild(element("p", "tg-preview-kept", empty ? words.waiting : words.kept));
    document.body.appendChild(box);
  }

  function readStatus() {
    var req = new XMLHttpRequest();
    req.onload = function () {
      if (req.status === 200) {
        try {
          show(JSON.parse(req.responseText));
        } catch (e) {
          /* a status that does not parse shows nothing */
        }
      }
    };
    req.open("GET", base + "status.json");
    req.send();
  }

  /* MkDocs' live reload: wait for a newer build, then reload. */
  var poller, timeout;
  function poll() {
    stop();
    poller = new XMLHttpRequest();
    poller.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    poller.open("GET", "/livereload/" + epoch + "/" + requestId);
    poller.send();
  }
  function stop() {
    if (poller) {
      poller.onloadend = null;
      poller.abort();
    }
    if (timeout) {
      clearTimeout(timeout);
    }
    poller = timeout = undefined;
  }

  function start() {
    readStatus();
    if (document.visibilityState === "visible") {
      poll();
    }
  }
  if (document.readyState === "complete") {
    start();
  } else {
    window.addEventListener("load", start);
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      poll();
    } else {
      stop();
    }
  });
  window.addEventListener("beforeunload", stop);
})();
