/* Learning packs: kept in this browser's local storage; nothing is stored on the server.
   A pack is {title, questions, items: [{id, note}]}; its title is its name. A share link
   carries a pack base64url-encoded. The open pack is kept under "lessonPack", the browser's
   other packs (a list) under "lessonPacks"; "Add to pack" on every page adds to the open one.
   Whatever storage or a link holds is read item by item: what is not a pack item is left
   out, so a damaged value never breaks a page. Nothing is lost without a confirm or an
   undo: a shared pack is added to the open one or opened beside it, as the user chooses;
   a deleted pack can be restored; a full list of packs refuses a new one. */
(function () {
  "use strict";
  var KEY = "lessonPack";
  var OTHERS = "lessonPacks";
  var LESSON_ID = /^[0-9a-f]{16}-[0-9]{4,6}$/;
  var MAX_ITEMS = 100, MAX_NOTE = 2000, MAX_TITLE = 200, MAX_QUESTIONS = 4000, MAX_PACKS = 50;

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
      return true;
    } catch (e) {
      return false; /* storage full or refused: the page goes on, and says so where it matters */
    }
  }

  function load() { return clean(read(KEY)).pack; }

  function others() {
    var list = read(OTHERS);
    if (!Array.isArray(list)) { return []; }
    return list.map(function (p) { return clean(p).pack; });
  }

  function save(pack) {
    var kept = write(KEY, pack);
    showCount(pack);
    return kept;
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

  function quoted(pack) { return "\u201c" + packName(pack) + "\u201d"; }

  function counted(count, word) { return count + " " + word + (count === 1 ? "" : "s"); }

  function lessons(count) { return counted(count, "lesson"); }

  function blank(pack) { return !pack.items.length && !pack.title && !pack.questions; }

  /* The other packs with the open one put first (an empty, unnamed pack holds nothing to
     keep); false when the list is full, so that nothing is pushed out of it. */
  function withOpenKept(list) {
    var current = load();
    if (blank(current)) { return true; }
    if (list.length >= MAX_PACKS) { return false; }
    list.unshift(current);
    return true;
  }

  var FULL = "You have " + MAX_PACKS + " other packs, the most this browser keeps. " +
    "Delete one you no longer need first; nothing has been changed.";
  var UNSAVED = "This browser did not keep the change (its storage is full or turned off).";

  /* A message in the page's status line, with an Undo button when the change can be undone. */
  function announce(message, undo) {
    var box = document.getElementById("pack-status");
    if (!box) { return; }
    box.replaceChildren(element("span", {}, message));
    if (undo) {
      var again = button("Undo", function () {
        box.replaceChildren();
        undo();
      });
      again.className = "pack-button";
      box.appendChild(document.createTextNode(" "));
      box.appendChild(again);
    }
  }

  function refreshLinks(pack) {
    var code = encode(pack);
    document.querySelectorAll("a[data-export]").forEach(function (link) {
      link.href = link.getAttribute("data-export") + "?share=" + code;
    });
    var share = document.getElementById("pack-share");
    if (share) { share.value = window.location.origin + "/pack?share=" + code; }
    var copied = document.getElementById("pack-copied");
    if (copied) { copied.textContent = ""; }
    var print = document.getElementById("pack-print");
    if (print) { print.setAttribute("data-href", print.getAttribute("data-export") + "?share=" + code); }
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
    if (!withOpenKept(list)) { return false; }
    if (!shared.title) { shared.title = "Shared pack"; }
    return write(OTHERS, list) && save(shared);
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
      if (!openSeparately(pack)) {
        panel.appendChild(element("p", { "class": "error", role: "alert" }, FULL));
        return;
      }
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

  /* -- several packs: open, create, delete (with a confirm, then an undo) ------------------ */

  function openOther(root, index) {
    var rest = others();
    var chosen = rest.splice(index, 1)[0];
    if (!chosen) { return; }
    withOpenKept(rest); /* one left the list, so there is room */
    write(OTHERS, rest);
    save(chosen);
    renderPack(root);
    announce(quoted(chosen) + " is open.");
  }

  function createPack(root, name) {
    var list = others();
    if (!withOpenKept(list)) { announce(FULL); return; }
    var pack = empty();
    pack.title = text(name.trim(), MAX_TITLE) || "New pack";
    if (!write(OTHERS, list) || !save(pack)) { announce(UNSAVED); return; }
    renderPack(root);
    announce(quoted(pack) + " is created and open; add lessons from any search, case or " +
      "document page.");
  }

  function deleteOpen(root) {
    var deleted = load();
    var rest = others();
    var next = rest.shift() || empty();
    write(OTHERS, rest);
    save(next);
    renderPack(root);
    announce(quoted(deleted) + " is deleted." + (blank(next) ? "" : " " + quoted(next) +
      " is open."), function () {
      var list = others();
      if (!withOpenKept(list)) { announce(FULL); return; }
      write(OTHERS, list);
      save(deleted);
      renderPack(root);
      announce(quoted(deleted) + " is back and open.");
    });
  }

  function deleteOther(root, index) {
    var rest = others();
    var deleted = rest.splice(index, 1)[0];
    if (!deleted) { return; }
    write(OTHERS, rest);
    renderOthers(root);
    announce(quoted(deleted) + " is deleted.", function () {
      var list = others();
      list.splice(Math.min(index, list.length), 0, deleted);
      write(OTHERS, list);
      renderOthers(root);
      announce(quoted(deleted) + " is back.");
    });
  }

  /* "Delete" asks first, in place: the question and its two answers replace the button. */
  function confirmIn(box, pack, onYes, onNo) {
    var question = element("span", { "class": "pack-confirm" },
      "Delete " + quoted(pack) + (pack.items.length ? " and its " + lessons(pack.items.length) : "") +
      "? ");
    var yes = button("Yes, delete it", onYes);
    yes.className = "pack-button pack-danger";
    var no = button("Cancel", onNo);
    no.className = "pack-button";
    box.replaceChildren(question, yes, document.createTextNode(" "), no);
    no.focus();
  }

  function initPackTools(root) {
    var remove = document.getElementById("pack-delete");
    var confirmBox = document.getElementById("pack-delete-confirm");
    if (remove && confirmBox) {
      remove.addEventListener("click", function () {
        remove.hidden = true;
        confirmBox.hidden = false;
        var restore = function () {
          confirmBox.hidden = true;
          confirmBox.replaceChildren();
          remove.hidden = false;
        };
        confirmIn(confirmBox, load(), function () { restore(); deleteOpen(root); },
          function () { restore(); remove.focus(); });
      });
    }
    var form = document.getElementById("pack-new");
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var name = document.getElementById("pack-new-name");
        createPack(root, name.value);
        name.value = "";
      });
    }
    var copy = document.getElementById("pack-copy");
    if (copy) { copy.addEventListener("click", copyShareLink); }
    var print = document.getElementById("pack-print");
    if (print) {
      print.addEventListener("click", function () {
        window.location.href = print.getAttribute("data-href") + "&print=1";
      });
    }
  }

  /* The share link to the clipboard, said with a visible "Copied"; where the clipboard is
     refused, the link is selected for the user to copy. */
  function copyShareLink() {
    var share = document.getElementById("pack-share");
    var copied = document.getElementById("pack-copied");
    function tell(message) { copied.textContent = message; }
    function selectIt() {
      share.focus();
      share.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { done = false; }
      tell(done ? "Copied" : "The link is selected: press Ctrl+C (\u2318C on a Mac) to copy it.");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(share.value).then(function () {
        share.select();
        tell("Copied");
      }, selectIt);
    } else {
      selectIt();
    }
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
      var li = element("li", {});
      li.appendChild(element("span", { "class": "pack-name" },
        packName(pack) + " (" + lessons(pack.items.length) + ")"));
      var tools = element("span", { "class": "pack-tools" });
      var open = button("Open this pack", function () { openOther(root, index); });
      var remove = button("Delete", function () {
        confirmIn(tools, pack, function () { deleteOther(root, index); },
          function () { renderOthers(root); });
      });
      open.className = "pack-button";
      remove.className = "pack-button";
      tools.append(open, remove);
      li.appendChild(tools);
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  var rendering = 0; /* the latest render: a slower, older fetch does not overwrite it */

  function renderItems(root, pack) {
    var list = document.getElementById("pack-items");
    var mine = ++rendering;
    root.querySelector(".pack-empty").hidden = pack.items.length > 0;
    if (!pack.items.length) { list.replaceChildren(); return; }
    var ids = pack.items.map(function (item) { return item.id; }).join(",");
    fetch("/api/lessons?ids=" + encodeURIComponent(ids))
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (mine !== rendering) { return; }
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
        if (mine !== rendering) { return; }
        list.replaceChildren(element("li", { "class": "error" },
          "The lessons of this pack could not be loaded. Try again later."));
      });
  }

  function itemView(root, item, index, lesson) {
    var li = element("li", { "class": "pack-item", "data-lesson": item.id });
    li.appendChild(element("p", { "class": "pack-case" },
      (lesson.case || lesson.title || "") + (lesson.section ? " - " + lesson.section : "")));
    li.appendChild(element("p", {}, lesson.text || ""));
    var cite = element("p", { "class": "pack-cite" }, lesson.reference || lesson.citation || "");
    var links = [];
    if (typeof lesson.archived_url === "string" && /^\/[^/]/.test(lesson.archived_url)) {
      links.push(element("a", { href: lesson.archived_url },
        lesson.archived_url.indexOf("#page=") > 0 ? "Archived copy, page " + lesson.page
          : "Archived copy"));
    }
    if (typeof lesson.source_url === "string" && /^https?:\/\//.test(lesson.source_url)) {
      links.push(element("a", { href: lesson.source_url, "class": "original" }, "Original"));
    }
    links.forEach(function (link) {
      cite.appendChild(document.createTextNode(" \u00b7 "));
      cite.appendChild(link);
    });
    li.appendChild(cite);
    li.appendChild(element("label", { "for": "note-" + index }, "Trainer's note"));
    var note = element("textarea", { id: "note-" + index, rows: "2", maxlength: String(MAX_NOTE),
      placeholder: "What you want to say about this lesson (optional)" });
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
      tool.className = "pack-button";
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
    if (action === "remove") {
      announce("The lesson is removed from the pack.", function () {
        var again = load();
        if (!has(again, id) && again.items.length < MAX_ITEMS) {
          again.items.splice(Math.min(at, again.items.length), 0, moved);
          save(again);
        }
        renderPack(root);
      });
    }
  }

  function showName(pack) {
    var heading = document.getElementById("pack-name");
    if (heading) { heading.textContent = packName(pack); }
  }

  function renderPack(root) {
    var pack = load();
    showCount(pack);
    showName(pack);
    var title = document.getElementById("pack-title");
    var questions = document.getElementById("pack-questions");
    title.value = pack.title;
    questions.value = pack.questions;
    title.oninput = function () {
      var p = load(); p.title = title.value; save(p); refreshLinks(p); showName(p);
    };
    questions.oninput = function () {
      var p = load(); p.questions = questions.value; save(p); refreshLinks(p);
    };
    refreshLinks(pack);
    renderItems(root, pack);
    renderOthers(root);
  }

  /* The printable page: its Print button, and printing at once when asked to by the
     pack page's Print button. */
  function initPrintView() {
    document.querySelectorAll("button[data-print]").forEach(function (node) {
      node.hidden = false;
      node.addEventListener("click", function () { window.print(); });
    });
    var params = new URLSearchParams(window.location.search);
    if (params.get("print") === "1") {
      params.delete("print");
      window.history.replaceState(null, "", window.location.pathname + "?" + params.toString());
      window.print();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (document.body.classList.contains("pack-print")) { initPrintView(); return; }
    var root = document.getElementById("pack");
    showCount(load());
    initButtons();
    if (!root) { return; }
    initPackTools(root);
    renderPack(root);
    var panel = document.getElementById("pack-shared");
    if (panel) { importShared(panel, function () { renderPack(root); }); }
  });
})();
