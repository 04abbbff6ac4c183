/* capdev SCORM 1.2 adapter. It runs in a SCO's launch page (scorm/<item>.html of a package
   written by `capdev export scorm`), which frames one lesson of the site: navigation inside
   the frame then never ends the LMS session, which SCORM 1.2 allows only once per launch.
   Without an LMS (no API object found) it only shows the lesson.
   Reported: cmi.core.lesson_status (completed when the lesson was read to its end or marked
   done; passed/failed once its knowledge checks are answered, against the mastery score),
   cmi.core.score.raw/min/max, cmi.core.lesson_location (the page shown) and
   cmi.suspend_data (this lesson's progress, in the site's own export format). */
(function () {
  "use strict";
  var frame = document.getElementById("capdev-sco");
  if (!frame) return;
  var root = new URL("../", location.href).href;  // the package root
  var home = frame.getAttribute("data-page");     // the lesson, relative to the root
  var LIMIT = 4096;                                // cmi.suspend_data's size in SCORM 1.2

  /* SCORM 1.2 RTE 3.3.6.1: the API is a property of a parent window (searched up to the
     top) or of the opener's window chain. Another origin's window cannot be read: skip. */
  function search(win) {
    for (var n = 0; win && n < 10; n++) {
      try { if (win.API && typeof win.API.LMSInitialize === "function") return win.API; } catch (e) { /* cross-origin */ }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = search(window.parent !== window ? window.parent : null) || search(window.opener);
  if (!api || String(api.LMSInitialize("")) !== "true") { frame.src = root + home; return; }

  function get(name) { return String(api.LMSGetValue(name) || ""); }
  function set(name, value) { api.LMSSetValue(name, String(value)); }
  var started = Date.now(), finished = false, read = false;
  var mastery = parseFloat(get("cmi.student_data.mastery_score"));
  if (isNaN(mastery)) mastery = parseFloat(frame.getAttribute("data-mastery"));
  var saved = parse(get("cmi.suspend_data"));
  if (saved && saved.read) read = true;
  var status = get("cmi.core.lesson_status");
  if (status === "" || status === "not attempted") set("cmi.core.lesson_status", "incomplete");
  var bookmark = get("cmi.core.lesson_location");
  frame.src = root + (inside(bookmark) ? bookmark : home);
  frame.addEventListener("load", attach);
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);

  function parse(text) { try { return text ? JSON.parse(text) : null; } catch (e) { return null; } }
  // a bookmark is a page of this package, never a path out of it or another site
  function inside(path) { return /^[\w-]+(\/[\w.-]+)*\.html(#[\w.:-]*)?$/.test(path) && path.indexOf("..") < 0; }

  function attach() {
    var win = frame.contentWindow, doc;
    try { doc = frame.contentDocument; } catch (e) { return; }
    if (!doc || !win.capdevProgress) return;  // not one of the site's pages (a PDF, a download)
    if (saved) { restore(win, saved); saved = null; }
    var here = win.location.href.split("#")[0];
    if (here.indexOf(root) === 0 && here.length - root.length <= 255) {
      set("cmi.core.lesson_location", here.slice(root.length));
    }
    if (here !== root + home) { api.LMSCommit(""); return; }
    doc.addEventListener("capdev:check", function () { report(win, doc); });
    doc.addEventListener("click", function (ev) {
      // the site's own "mark as done" button: its handler has run once the event is through
      if (ev.target.closest && ev.target.closest(".capdev-progress button")) setTimeout(function () { report(win, doc); }, 0);
    });
    var end = doc.querySelector("article") || doc.body;
    function atEnd() {
      if (!read && end.getBoundingClientRect().bottom <= win.innerHeight + 4) { read = true; report(win, doc); }
    }
    win.addEventListener("scroll", atEnd, { passive: true });
    atEnd();
    report(win, doc);
  }

  /* The LMS's copy of this lesson's progress joins what this browser already holds. */
  function restore(win, data) {
    var mine = parse(win.capdevProgress.export()) || {};
    ["lessons", "checks"].forEach(function (k) {
      mine[k] = mine[k] || {};
      Object.keys(data[k] || {}).forEach(function (id) { mine[k][id] = data[k][id]; });
    });
    win.capdevProgress.import(JSON.stringify(mine));
  }

  function report(win, doc) {
    var all = parse(win.capdevProgress.export()) || {}, checks = all.checks || {};
    var box = doc.querySelector(".capdev-progress[data-capdev-lesson]");
    var key = box && box.getAttribute("data-capdev-lesson");
    var mine = { format: all.format, lessons: {}, checks: {}, read: read };
    if (key && all.lessons && all.lessons[key]) { mine.lessons[key] = all.lessons[key]; mine.read = read = true; }
    var forms = Array.prototype.slice.call(doc.querySelectorAll("form[data-capdev-check]"));
    var right = 0, of = 0, answered = 0;
    forms.forEach(function (form) {
      var id = form.getAttribute("data-capdev-check"), r = checks[id];
      of += form.querySelectorAll(".capdev-quiz__question").length;
      if (!r) return;
      mine.checks[id] = r; answered += 1; right += r.score;
    });
    if (forms.length && answered === forms.length) {
      // reported once every check is answered: a partial score would read as a fail
      var raw = of ? Math.round(100 * right / of) : 0;
      set("cmi.core.score.min", 0); set("cmi.core.score.max", 100); set("cmi.core.score.raw", raw);
      set("cmi.core.lesson_status", isNaN(mastery) || raw >= mastery ? "passed" : "failed");
    } else if (read && !forms.length) {
      set("cmi.core.lesson_status", "completed");
    }
    set("cmi.suspend_data", compact(mine));
    api.LMSCommit("");
  }

  // at most LIMIT characters: without the per-competence detail if need be, then without the checks
  function compact(mine) {
    var text = JSON.stringify(mine);
    if (text.length <= LIMIT) return text;
    Object.keys(mine.checks).forEach(function (id) { delete mine.checks[id].competences; });
    text = JSON.stringify(mine);
    if (text.length <= LIMIT) return text;
    mine.checks = {};
    return JSON.stringify(mine).slice(0, LIMIT);
  }

  function finish() {
    if (finished) return;
    finished = true;
    var s = Math.round((Date.now() - started) / 1000);
    set("cmi.core.session_time", pad(Math.floor(s / 3600), 4) + ":" + pad(Math.floor(s / 60) % 60, 2) + ":" + pad(s % 60, 2));
    set("cmi.core.exit", "suspend");  // the next launch resumes (cmi.core.entry "resume")
    api.LMSCommit("");
    api.LMSFinish("");
  }
  function pad(n, width) { var t = String(n); while (t.length < width) t = "0" + t; return t; }
})();
