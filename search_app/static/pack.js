/* Learning packs: kept in this browser's local storage; nothing is stored on the server.
   A pack is {title, questions, items: [{id, note}]}; a share link carries it base64url-encoded. */
(function () {
  "use strict";
  var KEY = "lessonPack";

  function empty() { return { title: "", questions: "", items: [] }; }

  function load() {
    try {
      var pack = JSON.parse(window.localStorage.getItem(KEY));
      if (pack && Array.isArray(pack.items)) { return pack; }
    } catch (e) { /* a damaged pack starts again empty */ }
    return empty();
  }

  function save(pack) {
    window.localStorage.setItem(KEY, JSON.stringify(pack));
    showCount(pack);
  }

  function has(pack, id) {
    return pack.items.some(function (item) { return item.id === id; });
  }

  function encode(pack) {
    var bytes = new TextEncoder().encode(JSON.stringify(pack));
    var text = "";
    bytes.forEach(function (b) { text += String.fromCharCode(b); });
    return window.btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function decode(value) {
    var text = window.atob(value.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = Uint8Array.from(text, function (c) { return c.charCodeAt(0); });
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  function showCount(pack) {
    var count = document.getElementById("pack-count");
    if (count) { count.textContent = String(pack.items.length); }
  }

  function mark(button, inPack) {
    button.textContent = inPack ? "In your pack" : "Add to pack";
    button.setAttribute("aria-pressed", inPack ? "true" : "false");
  }

  function initButtons() {
    var pack = load();
    document.querySelectorAll("button.add-to-pack").forEach(function (button) {
      var id = button.getAttribute("data-lesson");
      button.hidden = false;
      mark(button, has(pack, id));
      button.addEventListener("click", function () {
        var current = load();
        if (has(current, id)) {
          current.items = current.items.filter(function (item) { return item.id !== id; });
        } else {
          current.items.push({ id: id, note: "" });
        }
        save(current);
        mark(button, has(current, id));
      });
    });
  }

  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function refreshLinks(pack) {
    var code = encode(pack);
    document.querySelectorAll("a[data-export]").forEach(function (link) {
      link.href = link.getAttribute("data-export") + "?share=" + code;
    });
    var share = document.getElementById("pack-share");
    if (share) { share.value = window.location.origin + "/pack?share=" + code; }
  }

  function renderPack(root) {
    var pack = load();
    var list = document.getElementById("pack-items");
    var title = document.getElementById("pack-title");
    var questions = document.getElementById("pack-questions");
    title.value = pack.title || "";
    questions.value = pack.questions || "";
    title.oninput = function () { var p = load(); p.title = title.value; save(p); refreshLinks(p); };
    questions.oninput = function () {
      var p = load(); p.questions = questions.value; save(p); refreshLinks(p);
    };
    refreshLinks(pack);
    root.querySelector(".pack-empty").hidden = pack.items.length > 0;
    if (!pack.items.length) { list.replaceChildren(); return; }
    var ids = pack.items.map(function (item) { return item.id; }).join(",");
    fetch("/api/lessons?ids=" + encodeURIComponent(ids))
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var byId = {};
        (data.lessons || []).forEach(function (lesson) { byId[lesson.lesson_id] = lesson; });
        list.replaceChildren();
        pack.items.forEach(function (item, index) {
          var lesson = byId[item.id];
          if (!lesson) { return; }
          var li = element("li", { "class": "pack-item", "data-lesson": item.id });
          li.appendChild(element("p", { "class": "pack-case" },
            (lesson.case || lesson.title) + (lesson.section ? " - " + lesson.section : "")));
          li.appendChild(element("p", {}, lesson.text));
          li.appendChild(element("p", { "class": "meta" }, lesson.citation));
          var label = element("label", { "for": "note-" + index }, "Trainer's note");
          var note = element("textarea", { id: "note-" + index, rows: "2" });
          note.value = item.note || "";
          note.oninput = function () {
            var p = load();
            p.items.forEach(function (it) { if (it.id === item.id) { it.note = note.value; } });
            save(p); refreshLinks(p);
          };
          li.appendChild(label);
          li.appendChild(note);
          var tools = element("p", { "class": "pack-tools" });
          [["up", "Move up"], ["down", "Move down"], ["remove", "Remove"]].forEach(function (pair) {
            var button = element("button", { type: "button", "data-action": pair[0] }, pair[1]);
            button.onclick = function () { change(item.id, pair[0]); };
            tools.appendChild(button);
          });
          li.appendChild(tools);
          list.appendChild(li);
        });
      });

    function change(id, action) {
      var p = load();
      var at = p.items.findIndex(function (it) { return it.id === id; });
      if (at < 0) { return; }
      var moved = p.items.splice(at, 1)[0];
      if (action === "up") { p.items.splice(Math.max(0, at - 1), 0, moved); }
      if (action === "down") { p.items.splice(Math.min(p.items.length, at + 1), 0, moved); }
      save(p);
      renderPack(root);
    }
  }

  function importShared() {
    var params = new URLSearchParams(window.location.search);
    var shared = params.get("share");
    if (!shared) { return; }
    try {
      var pack = decode(shared);
      if (pack && Array.isArray(pack.items)) { save(pack); }
    } catch (e) { /* a damaged link leaves the pack as it was */ }
    window.history.replaceState(null, "", window.location.pathname);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("pack");
    if (root) { importShared(); }
    showCount(load());
    initButtons();
    if (root) { renderPack(root); }
  });
})();
