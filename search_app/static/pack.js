/* Learning packs: kept in this browser's local storage; nothing is stored on the server.
   A pack is {title, questions, items: [{id, note}]}; a share link carries it base64url-encoded.
   The open pack is kept under "lessonPack", the browser's other packs under "lessonPacks".
   Whatever storage or a link holds is read item by item: what is not a pack item is left
   out, so a damaged value never breaks a page. A shared pack never replaces the user's:
   it is added to it, or opened as a separate pack, as the user chooses. */
(function () {
  "use strict";
  var KEY = "lessonPack";
  var OTHERS = "lessonPacks";
  var LESSON_ID = /^[0-9a-f]{16}-[0-9]{4,6}$/;
  var MAX_ITEMS = 100, MAX_NOTE = 2000, MAX_TITLE = 200, MAX_QUESTIONS = 4000, MAX_PACKS = 20;

  function empty() { return { title: "", questions: "", items: [] }; }

  function text(value, limit) { return typeof value === "string" ? value.slice(0, limit) : ""; }

  /* A pack from any value: its readable items kept (each id once), the rest counted. */
  function clean(value) {
    var pack = empty();
    var dropped = 0;
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      return { pack: pack, dropped: 0, valid: false };
    }
    pack.title = text(value.title, MAX_TITLE);
    pack.questions = text(value.questions, MAX_QUESTIONS);
    var items = Array.isArray(value.items) ? value.items : [];
    items.forEach(function (item) {
      var ok = item && typeof item === "object" && typeof item.id === "string" &&
        LESSON_ID.test(item.id);
      if (!ok || pack.items.length >= MAX_ITEMS) { dropped += 1; return; }
      if (has(pack, item.id)) { return; }
      pack.items.push({ id: item.id, note: text(item.note, MAX_NOTE) });
    });
    return { pack: pack, dropped: dropped, valid: Array.isArray(value.items) };
  }

  function read(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key));
    } catch (e) {
      return null; /* garbage or no storage: start again */
    }
  }

  function write(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* storage full or refused: the page goes on without keeping it */ }
  }

  function load() { return clean(read(KEY)).pack; }

  function others() {
    var list = read(OTHERS);
    if (!Array.isArray(list)) { return []; }
    return list.map(function (p) { return clean(p).pack; }).slice(0, MAX_PACKS);
  }

  function save(pack) {
    write(KEY, pack);
    showCount(pack);
  }

  function has(pack, id) {
    return pack.items.some(function (item) { return item.id === id; });
  }

  function encode(pack) {
    var bytes = new TextEncoder().encode(JSON.stringify(pack));
    var out = "";
    bytes.forEach(function (b) { out += String.fromCharCode(b); });
    return window.btoa(out).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function decode(value) {
    var raw = window.atob(value.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = Uint8Array.from(raw, function (c) { return c.charCodeAt(0); });
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
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
      var id = button.getAttribute("data-lesson") || "";
      if (!LESSON_ID.test(id)) { return; }
      button.hidden = false;
      mark(button, has(pack, id));
      button.addEventListener("click", function () {
        var current = load();
        if (has(current, id)) {
          current.items = current.items.filter(function (item) { return item.id !== id; });
        } else if (current.items.length < MAX_ITEMS) {
          current.items.push({ id: id, note: "" });
        }
        save(current);
        mark(button, has(current, id));
      });
    });
  }

  function element(tag, attrs, content) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (content !== undefined) { node.textContent = content; }
    return node;
  }

  function button(label, onclick) {
    var node = element("button", { type: "button" }, label);
    node.addEventListener("click", onclick);
    return node;
  }

  function packName(pack) { return pack.title || "Untitled pack"; }

  function counted(count, word) { return count + " " + word + (count === 1 ? "" : "s"); }

  function lessons(count) { return counted(count, "lesson"); }

  function refreshLinks(pack) {
    var code = encode(pack);
    document.querySelectorAll("a[data-export]").forEach(function (link) {
      link.href = link.getAttribute("data-export") + "?share=" + code;
    });
    var share = document.getElementById("pack-share");
    if (share) { share.value = window.location.origin + "/pack?share=" + code; }
  }

  /* What to do with a shared pack: add its lessons to the open pack, or open it beside. */
  function merge(into, shared) {
    var added = 0;
    shared.items.forEach(function (item) {
      if (!has(into, item.id) && into.items.length < MAX_ITEMS) {
        into.items.push(item);
        added += 1;
      }
    });
    if (!into.title) { into.title = shared.title; }
    var lines = into.questions.split("\n");
    shared.questions.split("\n").forEach(function (line) {
      if (line.trim() && lines.indexOf(line) < 0) { lines.push(line); }
    });
    into.questions = lines.filter(function (l) { return l.trim(); }).join("\n")
      .slice(0, MAX_QUESTIONS);
    return added;
  }

  function openSeparately(shared) {
    var list = others();
    var current = load();
    if (current.items.length || current.title || current.questions) { list.unshift(current); }
    write(OTHERS, list.slice(0, MAX_PACKS));
    save(shared);
  }

  function say(panel, message) {
    panel.replaceChildren(element("p", { role: "status" }, message));
    panel.hidden = false;
  }

  function offerShared(panel, shared, dropped, done) {
    var pack = shared.pack;
    panel.replaceChildren();
    var what = "This link holds a pack";
    what += pack.title ? " called \u201c" + pack.title + "\u201d" : "";
    what += " with " + lessons(pack.items.length) + ". Your own pack is kept as it is.";
    panel.appendChild(element("p", {}, what));
    if (dropped) {
      panel.appendChild(element("p", { "class": "error" },
        counted(dropped, "item") + " in the link could not be read and " +
        (dropped === 1 ? "was" : "were") + " left out."));
    }
    var actions = element("p", { "class": "pack-tools" });
    actions.appendChild(button("Add to my pack", function () {
      var current = load();
      var added = merge(current, pack);
      save(current);
      say(panel, lessons(added) + " added to your pack.");
      done();
    }));
    actions.appendChild(button("Open as a separate pack", function () {
      openSeparately(pack);
      say(panel, "The shared pack is open. Your own pack is listed under \u201cYour other packs\u201d.");
      done();
    }));
    actions.appendChild(button("Ignore it", function () { panel.hidden = true; }));
    panel.appendChild(actions);
    panel.hidden = false;
  }

  function importShared(panel, done) {
    var params = new URLSearchParams(window.location.search);
    var code = params.get("share");
    if (code === null) { return; }
    window.history.replaceState(null, "", window.location.pathname);
    var shared;
    try {
      shared = clean(decode(code));
    } catch (e) {
      shared = { pack: empty(), dropped: 0, valid: false };
    }
    if (!shared.valid || !shared.pack.items.length) {
      var why = shared.valid ? "none of its lessons could be read" : "it is damaged";
      panel.replaceChildren(element("p", { "class": "error", role: "alert" },
        "This pack link cannot be opened: " + why + ". Your own pack is unchanged."));
      panel.hidden = false;
      return;
    }
    offerShared(panel, shared, shared.dropped, done);
  }

  function renderOthers(root) {
    var box = document.getElementById("pack-others");
    if (!box) { return; }
    var list = others();
    box.replaceChildren();
    box.hidden = !list.length;
    if (!list.length) { return; }
    box.appendChild(element("h2", {}, "Your other packs"));
    var ul = element("ul", {});
    list.forEach(function (pack, index) {
      var li = element("li", {}, packName(pack) + " (" + lessons(pack.items.length) + ") ");
      li.appendChild(button("Open this pack", function () {
        var rest = others();
        var chosen = rest.splice(index, 1)[0] || empty();
        var current = load();
        if (current.items.length || current.title || current.questions) { rest.unshift(current); }
        write(OTHERS, rest.slice(0, MAX_PACKS));
        save(chosen);
        renderPack(root);
      }));
      li.appendChild(button("Delete", function () {
        var rest = others();
        rest.splice(index, 1);
        write(OTHERS, rest);
        renderOthers(root);
      }));
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  function renderItems(root, pack) {
    var list = document.getElementById("pack-items");
    root.querySelector(".pack-empty").hidden = pack.items.length > 0;
    if (!pack.items.length) { list.replaceChildren(); return; }
    var ids = pack.items.map(function (item) { return item.id; }).join(",");
    fetch("/api/lessons?ids=" + encodeURIComponent(ids))
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var byId = {};
        (Array.isArray(data.lessons) ? data.lessons : []).forEach(function (lesson) {
          byId[lesson.lesson_id] = lesson;
        });
        list.replaceChildren();
        pack.items.forEach(function (item, index) {
          var lesson = byId[item.id];
          if (lesson) { list.appendChild(itemView(root, item, index, lesson)); }
        });
      })
      .catch(function () {
        list.replaceChildren(element("li", { "class": "error" },
          "The lessons of this pack could not be loaded. Try again later."));
      });
  }

  function itemView(root, item, index, lesson) {
    var li = element("li", { "class": "pack-item", "data-lesson": item.id });
    li.appendChild(element("p", { "class": "pack-case" },
      (lesson.case || lesson.title || "") + (lesson.section ? " - " + lesson.section : "")));
    li.appendChild(element("p", {}, lesson.text || ""));
    li.appendChild(element("p", { "class": "meta" }, lesson.citation || ""));
    li.appendChild(element("label", { "for": "note-" + index }, "Trainer's note"));
    var note = element("textarea", { id: "note-" + index, rows: "2", maxlength: String(MAX_NOTE) });
    note.value = item.note;
    note.oninput = function () {
      var p = load();
      p.items.forEach(function (it) { if (it.id === item.id) { it.note = note.value; } });
      save(p); refreshLinks(p);
    };
    li.appendChild(note);
    var tools = element("p", { "class": "pack-tools" });
    [["up", "Move up"], ["down", "Move down"], ["remove", "Remove"]].forEach(function (pair) {
      var tool = button(pair[1], function () { change(root, item.id, pair[0]); });
      tool.setAttribute("data-action", pair[0]);
      tools.appendChild(tool);
    });
    li.appendChild(tools);
    return li;
  }

  function change(root, id, action) {
    var p = load();
    var at = p.items.findIndex(function (it) { return it.id === id; });
    if (at < 0) { return; }
    var moved = p.items.splice(at, 1)[0];
    if (action === "up") { p.items.splice(Math.max(0, at - 1), 0, moved); }
    if (action === "down") { p.items.splice(Math.min(p.items.length, at + 1), 0, moved); }
    save(p);
    renderPack(root);
  }

  function renderPack(root) {
    var pack = load();
    showCount(pack);
    var title = document.getElementById("pack-title");
    var questions = document.getElementById("pack-questions");
    title.value = pack.title;
    questions.value = pack.questions;
    title.oninput = function () { var p = load(); p.title = title.value; save(p); refreshLinks(p); };
    questions.oninput = function () {
      var p = load(); p.questions = questions.value; save(p); refreshLinks(p);
    };
    refreshLinks(pack);
    renderItems(root, pack);
    renderOthers(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("pack");
    showCount(load());
    initButtons();
    if (!root) { return; }
    renderPack(root);
    var panel = document.getElementById("pack-shared");
    if (panel) { importShared(panel, function () { renderPack(root); }); }
  });
})();
