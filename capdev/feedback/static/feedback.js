/* capdev feedback and consultation forms.
 * Privacy: no fetch(), no XMLHttpRequest, no cookies. Answers are kept in localStorage only,
 * in this browser, until the person downloads them (JSON) or deletes them. The file says
 * which form and version it answers, in which language and when, for
 * `capdev feedback aggregate`. */
(function () {
  "use strict";
  var FORMAT = "capdev-form-response/1";
  var CODE = /^[A-Za-z0-9][A-Za-z0-9_\-]{2,39}$/;

  function $(id) { return document.getElementById(id); }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  function FormPage(box) {
    this.box = box;
    this.data = JSON.parse($("fb-form-data").textContent);
    this.t = JSON.parse($("fb-strings").textContent);
    this.form = $("fb-form");
    this.key = "capdev:form:" + this.data.form + "@" + this.data.version;
    this.told = false;
  }

  FormPage.prototype.inputs = function (qid) {
    return Array.prototype.slice.call(this.form.querySelectorAll("[name='" + qid + "']"));
  };

  /* The answers as the response file holds them: only what was answered. */
  FormPage.prototype.collect = function () {
    var answers = {};
    var self = this;
    this.data.questions.forEach(function (q) {
      var inputs = self.inputs(q.id);
      if (q.type === "text") {
        var text = inputs[0].value.trim();
        if (text) { answers[q.id] = text; }
      } else if (q.type === "multiple") {
        var chosen = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
        if (chosen.length) { answers[q.id] = chosen; }
      } else {
        var one = inputs.filter(function (i) { return i.checked; })[0];
        if (one) { answers[q.id] = q.type === "rating" ? parseInt(one.value, 10) : one.value; }
      }
    });
    var out = { format: FORMAT, form: this.data.form, version: this.data.version,
                language: this.data.lang, answers: answers };
    var code = $("fb-code").value.trim();
    if (code) { out.code = code; }
    return out;
  };

  FormPage.prototype.apply = function (saved) {
    var self = this;
    $("fb-code").value = saved.code || "";
    this.data.questions.forEach(function (q) {
      var value = (saved.answers || {})[q.id];
      if (value === undefined) { return; }
      self.inputs(q.id).forEach(function (i) {
        if (q.type === "text") { i.value = String(value); }
        else if (q.type === "multiple") { i.checked = Array.isArray(value) && value.indexOf(i.value) >= 0; }
        else { i.checked = String(value) === i.value; }
      });
    });
    this.counts();
  };

  FormPage.prototype.save = function () {
    try { window.localStorage.setItem(this.key, JSON.stringify(this.collect())); } catch (e) { return; }
    if (!this.told) { this.say(this.t.saved); this.told = true; }  // once: never chatty
  };

  FormPage.prototype.restore = function () {
    var text = null;
    try { text = window.localStorage.getItem(this.key); } catch (e) { return; }
    if (!text) { return; }
    try { this.apply(JSON.parse(text)); } catch (e) { return; }
    this.say(this.t.restored);
    this.told = true;
  };

  FormPage.prototype.say = function (text) { $("fb-status").textContent = text; };

  /* Characters left under each free-text answer, and its printable copy. */
  FormPage.prototype.counts = function () {
    var self = this;
    this.data.questions.forEach(function (q) {
      if (q.type !== "text") { return; }
      var area = self.inputs(q.id)[0];
      $("fbq-" + q.id + "-count").textContent = fill(self.t.chars_left,
        { n: Math.max(0, q.max_length - area.value.length) });
      $("fbq-" + q.id).querySelector(".fb-print-text").textContent = area.value;
    });
  };

  FormPage.prototype.problems = function (response) {
    var t = this.t;
    var out = [];
    this.data.questions.forEach(function (q) {
      var value = response.answers[q.id];
      if (q.required && value === undefined) {
        out.push({ id: q.id, text: fill(t.error_required, { q: q.text }) });
      } else if (q.type === "text" && value !== undefined && value.length > q.max_length) {
        out.push({ id: q.id, text: fill(t.error_long, { q: q.text, n: q.max_length }) });
      }
    });
    if (response.code !== undefined && !CODE.test(response.code)) {
      out.unshift({ id: "code", text: t.error_code });
    }
    return out;
  };

  FormPage.prototype.clearErrors = function () {
    Array.prototype.forEach.call(this.box.querySelectorAll(".fb-field-error"), function (p) {
      p.hidden = true; p.textContent = "";
    });
    Array.prototype.forEach.call(this.form.querySelectorAll("[aria-invalid]"), function (i) {
      i.removeAttribute("aria-invalid");
    });
    $("fb-error").hidden = true;
  };

  /* Errors are announced (role=alert), listed with links to their questions, and written
     beside each question, which its controls are marked invalid by. */
  FormPage.prototype.showErrors = function (problems) {
    var self = this;
    var list = $("fb-error-list");
    list.textContent = "";
    problems.forEach(function (p) {
      var slot = p.id === "code" ? $("fb-code-error") : $("fbq-" + p.id + "-error");
      slot.textContent = p.text;
      slot.hidden = false;
      var controls = p.id === "code" ? [$("fb-code")] : self.inputs(p.id);
      controls.forEach(function (i) { i.setAttribute("aria-invalid", "true"); });
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + (p.id === "code" ? "fb-code" : "fbq-" + p.id);
      a.textContent = p.text;
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        controls[0].focus();
      });
      li.appendChild(a);
      list.appendChild(li);
    });
    $("fb-error").hidden = false;
    $("fb-error").focus();
  };

  FormPage.prototype.download = function () {
    var response = this.collect();
    this.clearErrors();
    var problems = this.problems(response);
    if (problems.length) { this.showErrors(problems); return; }
    response.submitted = new Date().toISOString();
    var stamp = response.submitted.replace(/[:.]/g, "-");
    var name = response.form + "-" + response.language + "-" + stamp + ".json";
    var blob = new Blob([JSON.stringify(response, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    this.save();
    this.say(fill(this.t.exported, { file: name }));
  };

  FormPage.prototype.forget = function () {
    try { window.localStorage.removeItem(this.key); } catch (e) { /* nothing stored */ }
    this.form.reset();
    this.clearErrors();
    this.counts();
    this.told = false;
    this.say(this.t.deleted);
  };

  FormPage.prototype.start = function () {
    var self = this;
    this.restore();
    this.counts();
    this.form.addEventListener("input", function () { self.counts(); self.save(); });
    this.form.addEventListener("change", function () { self.save(); });
    this.form.addEventListener("submit", function (ev) { ev.preventDefault(); self.download(); });
    $("fb-print").addEventListener("click", function () { self.counts(); window.print(); });
    $("fb-delete").addEventListener("click", function () { self.forget(); });
    window.addEventListener("beforeprint", function () { self.counts(); });
  };

  var box = document.getElementById("capdev-feedback");
  if (box) { new FormPage(box).start(); }
})();
