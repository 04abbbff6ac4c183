/* capdev: knowledge checks and lesson progress. Everything stays in this browser:
   no request, no cookie; progress lives in localStorage under "capdev:progress". */
(function () {
  "use strict";
  var KEY = "capdev:progress";
  function load() { try { return JSON.parse(localStorage.getItem(KEY) || "{}"); } catch (e) { return {}; } }
  function save(p) { try { localStorage.setItem(KEY, JSON.stringify(p)); } catch (e) { /* private mode */ } }

  function setupQuiz(form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var inputs = form.querySelectorAll("input");
      var ok = true, any = false;
      inputs.forEach(function (i) {
        if (i.checked) any = true;
        if (i.checked !== i.hasAttribute("data-correct")) ok = false;
      });
      var status = form.querySelector("[role=status]");
      status.dataset.state = ok && any ? "ok" : "bad";
      status.textContent = ok && any ? form.dataset.correctText : form.dataset.wrongText;
      if (ok && any) form.querySelector("details").open = true;
    });
  }

  function setupProgress() {
    var p = load();
    document.querySelectorAll(".capdev-progress[data-capdev-lesson]").forEach(function (box) {
      var key = box.dataset.capdevLesson, btn = box.querySelector("button");
      var base = btn.textContent, done = btn.dataset.labelDone;
      function paint() { var d = !!p[key]; btn.setAttribute("aria-pressed", d ? "true" : "false"); btn.textContent = d ? done : base; }
      btn.addEventListener("click", function () { p = load(); if (p[key]) delete p[key]; else p[key] = new Date().toISOString().slice(0, 10); save(p); paint(); });
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
    export: function () { return JSON.stringify({ format: "capdev-progress@1", lessons: load() }); },
    import: function (text) { var d = JSON.parse(text); if (d && d.lessons) { save(d.lessons); setupProgress(); } },
    clear: function () { try { localStorage.removeItem(KEY); } catch (e) {} setupProgress(); }
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
  function focusableScrollers() {
    document.querySelectorAll(".md-typeset .nb-output").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth && !el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
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
})();
