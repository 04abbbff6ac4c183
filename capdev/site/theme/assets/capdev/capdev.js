/* capdev: knowledge checks and lesson progress. Everything stays in this browser:
   no request, no cookie; progress lives in localStorage under "capdev:progress" (lessons)
   and "capdev:checks" (knowledge-check results), exported and cleared together. */
(function () {
  "use strict";
  var KEY = "capdev:progress";
  function load() { try { return JSON.parse(localStorage.getItem(KEY) || "{}"); } catch (e) { return {}; } }
  function save(p) { try { localStorage.setItem(KEY, JSON.stringify(p)); } catch (e) { /* private mode */ } }

  /* Knowledge checks: each question is right when exactly its correct options are chosen.
     The feedback of the options chosen is shown (all of it once every question is right);
     the score goes to the live status, focus to the first question still wrong, and the
     result to localStorage "capdev:checks" (and a "capdev:check" event, for an LMS). */
  var CHECKS = "capdev:checks";
  function loadChecks() { try { return JSON.parse(localStorage.getItem(CHECKS) || "{}"); } catch (e) { return {}; } }
  function saveChecks(c) { try { localStorage.setItem(CHECKS, JSON.stringify(c)); } catch (e) { /* private mode */ } }
  function showWhy(input, show) {
    var why = input.dataset.why && document.getElementById(input.dataset.why);
    if (!why) return;
    why.hidden = !show;
    // described only once visible: a hidden description would give the answer away
    if (show) input.setAttribute("aria-describedby", why.id); else input.removeAttribute("aria-describedby");
  }
  function scoreQuestion(q, form) {
    var inputs = q.querySelectorAll("input"), any = false, ok = true;
    inputs.forEach(function (i) {
      if (i.checked) any = true;
      if (i.checked !== i.hasAttribute("data-correct")) ok = false;
      showWhy(i, i.checked);
    });
    ok = ok && any;
    var result = q.querySelector(".capdev-quiz__result");
    result.dataset.state = ok ? "ok" : "bad";
    result.textContent = ok ? form.dataset.questionOk : (any ? form.dataset.questionBad : form.dataset.unansweredText);
    return { ok: ok, competence: q.dataset.competence || "" };
  }
  function record(form, results, score) {
    var all = loadChecks(), id = form.dataset.capdevCheck, prev = all[id] || {};
    var competences = {};
    results.forEach(function (r) {
      if (!r.competence) return;
      var c = competences[r.competence] = competences[r.competence] || { right: 0, of: 0 };
      c.of += 1; if (r.ok) c.right += 1;
    });
    all[id] = { score: score, total: results.length, passed: !!prev.passed || score === results.length,
                attempts: (prev.attempts || 0) + 1, date: new Date().toISOString().slice(0, 10),
                page: location.pathname.split("/").pop(), competences: competences };
    saveChecks(all);
    form.dispatchEvent(new CustomEvent("capdev:check", { bubbles: true, detail: { id: id, result: all[id] } }));
  }
  function setupQuiz(form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var questions = Array.prototype.slice.call(form.querySelectorAll(".capdev-quiz__question"));
      var results = questions.map(function (q) { return scoreQuestion(q, form); });
      var score = results.filter(function (r) { return r.ok; }).length, done = score === results.length;
      if (done) form.querySelectorAll("input").forEach(function (i) { showWhy(i, true); });
      var status = form.querySelector("[role=status]");
      var text = done ? form.dataset.correctText : form.dataset.wrongText;
      if (results.length > 1) text += " " + form.dataset.scoreText.replace("{n}", score).replace("{total}", results.length);
      status.dataset.state = done ? "ok" : "bad";
      status.textContent = text;
      if (done) form.querySelector("details").open = true;
      record(form, results, score);
      var wrong = questions.filter(function (q, k) { return !results[k].ok; });
      if (wrong.length && results.length > 1) wrong[0].querySelector("fieldset").focus();
    });
  }

  function setupProgress() {
    var p = load();
    document.querySelectorAll(".capdev-progress[data-capdev-lesson]").forEach(function (box) {
      var key = box.dataset.capdevLesson, btn = box.querySelector("button");
      var base = btn.textContent, done = btn.dataset.labelDone;
      function paint() { var d = !!p[key]; btn.setAttribute("aria-pressed", d ? "true" : "false"); btn.textContent = d ? done : base; }
      // bound once: import() paints again, and a second handler would undo every click
      if (!btn.dataset.capdevBound) {
        btn.dataset.capdevBound = "1";
        btn.addEventListener("click", function () { p = load(); if (p[key]) delete p[key]; else p[key] = new Date().toISOString().slice(0, 10); save(p); paint(); });
      }
      paint();
    });
    document.querySelectorAll(".capdev-done[data-capdev-lesson]").forEach(function (el) {
      var done = !!p[el.dataset.capdevLesson];
      el.dataset.done = done ? "true" : "false";
      // the tick is drawn by CSS; screen readers get the words
      el.innerHTML = done ? '<span class="capdev-sr">' + (el.dataset.labelDone || "completed") + "</span>" : "";
    });
    document.querySelectorAll(".capdev-module-progress[data-capdev-lessons]").forEach(function (el) {
      var keys = el.dataset.capdevLessons.split(" ").filter(Boolean);
      var n = keys.filter(function (k) { return p[k]; }).length;
      el.textContent = n ? " " + n + "/" + keys.length + " ✓" : "";
    });
  }
  window.capdevProgress = {
    export: function () { return JSON.stringify({ format: "capdev-progress@1", lessons: load(), checks: loadChecks() }); },
    import: function (text) { var d = JSON.parse(text); if (d && d.lessons) { save(d.lessons); if (d.checks) saveChecks(d.checks); setupProgress(); } },
    clear: function () { try { localStorage.removeItem(KEY); localStorage.removeItem(CHECKS); } catch (e) {} setupProgress(); }
  };
  /* Material's search panel is role="dialog" without a name (axe aria-dialog-name); name it
     after its own, already localized, search field rather than copying Material's partial. */
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var input = dialog && dialog.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder || "Search");
    }
  }
  /* A region that scrolls sideways must be reachable by keyboard (axe scrollable-region-focusable). */
  /* A box that scrolls sideways (a notebook output; a Markdown table in Material's
     .md-typeset__scrollwrap on a phone) can be reached and scrolled from the keyboard,
     and a screen reader names it after the section it is in (WCAG 2.1.1). */
  function sectionName(el) {
    for (var n = el.previousElementSibling; n; n = n.previousElementSibling) {
      if (/^H[1-6]$/.test(n.tagName)) return n.textContent.replace("\u00b6", "").trim();
    }
    return "";
  }
  function focusableScrollers() {
    document.querySelectorAll(".md-typeset .nb-output, .md-typeset .md-typeset__scrollwrap").forEach(function (el) {
      if (el.scrollWidth <= el.clientWidth || el.hasAttribute("tabindex")) return;
      el.setAttribute("tabindex", "0");
      if (!el.hasAttribute("role") && el.classList.contains("md-typeset__scrollwrap")) {
        var name = sectionName(el.closest("details") || el);
        if (name) { el.setAttribute("role", "region"); el.setAttribute("aria-label", name); }
      }
    });
  }
  function setupPanel() {
    var panel = document.querySelector(".capdev-progress-panel");
    if (!panel) return;
    var status = panel.querySelector("[role=status]");
    function count() {
      var el = panel.querySelector(".capdev-progress-count"), p = load();
      var keys = el.dataset.capdevLessons.split(" ").filter(Boolean);
      var n = keys.filter(function (k) { return p[k]; }).length;
      el.textContent = el.dataset.template.replace("{n}", n).replace("{total}", keys.length);
    }
    panel.querySelector("[data-capdev-progress=export]").addEventListener("click", function () {
      var blob = new Blob([window.capdevProgress.export()], { type: "application/json" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob); a.download = "capdev-progress.json";
      document.body.appendChild(a); a.click(); a.remove();
    });
    panel.querySelector("[data-capdev-progress=import]").addEventListener("change", function (ev) {
      var file = ev.target.files[0]; if (!file) return;
      file.text().then(function (t) { window.capdevProgress.import(t); count(); status.textContent = status.dataset.loaded; });
    });
    panel.querySelector("[data-capdev-progress=clear]").addEventListener("click", function () {
      window.capdevProgress.clear(); count(); status.textContent = status.dataset.cleared;
    });
    count();
  }
  function init() {
    nameSearchDialog();
    focusableScrollers();
    document.querySelectorAll("form[data-capdev-quiz]").forEach(setupQuiz);
    setupProgress();
    setupPanel();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  // Material wraps tables once its own scripts have run: look again then, and on resize
  window.addEventListener("load", focusableScrollers);
  window.addEventListener("resize", focusableScrollers);
})();
