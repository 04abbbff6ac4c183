/* capdev competence self-assessment — runs entirely in the browser.
 *
 * Privacy: no fetch(), no XMLHttpRequest, no cookies. Answers are kept in localStorage only
 * after the user turns on "remember my answers on this device" (key capdev:<id>@<version>).
 * The framework is embedded in the page (<script type="application/json" id="capdev-framework">)
 * so the page also works when opened from file://.
 *
 * capdevScore() is the JavaScript twin of capdev/assessment/scoring.py: keep them identical.
 * Both run against tests/fixtures/assessment/vectors.json.
 */
(function (root) {
  "use strict";

  /* ---------- scoring (twin of scoring.py) ---------- */

  var OPTIMISTIC_FROM_LEVEL = 2;

  function round3(x) { return Math.floor(x * 1000 + 0.5) / 1000; }

  function isRating(v) { return typeof v === "number" && Number.isInteger(v); }

  function competences(fw) {
    var out = [];
    fw.areas.forEach(function (a) { a.competences.forEach(function (c) { out.push(c); }); });
    return out;
  }

  function evidenceOf(ratings, ranks, metAt) {
    var out = [], counting = true;
    ranks.forEach(function (rank) {
      var vals = ratings.filter(function (r) { return r.item.level === rank; })
        .map(function (r) { return r.value; });
      var sum = vals.reduce(function (s, v) { return s + v; }, 0);
      var met = vals.length > 0 && sum >= metAt * vals.length;
      counting = counting && met;
      out.push({ rank: rank, rated: vals.length, met: met, counted: counting });
    });
    return out;
  }

  function levelOf(evidence) {
    return evidence.reduce(function (best, e) { return e.counted ? Math.max(best, e.rank) : best; }, 0);
  }

  function averageTenths(total, answered) { return Math.floor((20 * total + answered) / (2 * answered)); }

  function missingLevels(level, target, hasProfile, top) {
    var out = [], r;
    if (level === null) { return out; }
    if (hasProfile) {
      if (target === null) { return out; }
      for (r = level + 1; r <= target; r++) { out.push(r); }
      return out;
    }
    return level < top ? [level + 1] : [];
  }

  function byRelationThenName(a, b) {
    var ka = a.relation === "core" ? 0 : 1, kb = b.relation === "core" ? 0 : 1;
    if (ka !== kb) { return ka - kb; }
    return a.module < b.module ? -1 : (a.module > b.module ? 1 : 0);
  }

  function modulesFor(comp, missing) {
    return comp.modules.filter(function (m) {
      return m.addresses_levels.some(function (l) { return missing.indexOf(l) >= 0; });
    }).slice().sort(byRelationThenName).map(function (m) {
      return { module: m.module, relation: m.relation };
    });
  }

  function checksFor(comp, checks) {
    var items = comp.items.filter(function (it) {
      return it.type === "knowledge_check" && !it.deprecated;
    });
    var answered = items.filter(function (it) { return typeof checks[it.id] === "string"; });
    var correct = answered.filter(function (it) { return checks[it.id] === it.answer; }).length;
    return { total: items.length, answered: answered.length, correct: correct };
  }

  function scoreCompetence(fw, comp, response, prof) {
    var answers = response.answers || {};
    var scale = fw.scale;
    var top = Math.max.apply(null, scale.points.map(function (p) { return p.value; }));
    var ranks = fw.levels.map(function (l) { return l.rank; });
    var items = comp.items.filter(function (it) { return it.type === "self_rating" && !it.deprecated; });
    var ratings = items.filter(function (it) { return isRating(answers[it.id]); })
      .map(function (it) { return { item: it, value: answers[it.id] }; });
    var enough = items.length > 0 && 3 * ratings.length >= 2 * items.length;
    var total = ratings.reduce(function (s, r) { return s + r.value; }, 0);
    var evidence = enough ? evidenceOf(ratings, ranks, scale.met_at) : [];
    var level = enough ? levelOf(evidence) : null;
    var target = null;
    if (prof && Object.prototype.hasOwnProperty.call(prof.targets, comp.id)) { target = prof.targets[comp.id]; }
    var checks = checksFor(comp, response.checks || {});
    var missing = missingLevels(level, target, !!prof, Math.max.apply(null, ranks));
    return {
      id: comp.id,
      status: enough ? "ok" : "insufficient",
      items: items.length,
      answered: ratings.length,
      score: enough ? round3(total / (top * ratings.length)) : null,
      average: enough ? averageTenths(total, ratings.length) / 10 : null,
      evidence: evidence,
      level: level,
      target: target,
      gap: (target !== null && level !== null) ? Math.max(0, target - level) : null,
      checks: checks,
      optimistic: level !== null && level >= OPTIMISTIC_FROM_LEVEL && checks.answered > 0 &&
        2 * checks.correct < checks.answered,
      modules: modulesFor(comp, missing)
    };
  }

  function plan(results) {
    var byId = {}, order = [];
    results.forEach(function (res) {
      res.modules.forEach(function (m) {
        if (!byId[m.module]) {
          byId[m.module] = { module: m.module, relation: "optional", competences: [] };
          order.push(byId[m.module]);
        }
        if (m.relation === "core") { byId[m.module].relation = "core"; }
        byId[m.module].competences.push(res.id);
      });
    });
    return order.sort(byRelationThenName);
  }

  function score(fw, response, profile) {
    var prof = null;
    if (profile) { prof = fw.profiles.filter(function (p) { return p.id === profile; })[0] || null; }
    var results = competences(fw).filter(function (c) { return !c.deprecated; })
      .map(function (c) { return scoreCompetence(fw, c, response, prof); });
    return {
      framework: fw.id + "@" + fw.version,
      profile: prof ? prof.id : null,
      competences: results,
      plan: plan(results)
    };
  }

  root.capdevScore = score;
  if (typeof module === "object" && module.exports) { module.exports = { score: score }; }

  if (typeof document === "undefined") { return; }

  /* ---------- the page ---------- */

  var FORMAT = "capdev-assessment-response/1";
  var CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{2,39}$/;  // as in schemas/response.schema.json

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function svgEl(tag, attrs, text) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m;
    });
  }

  function Page(box) {
    this.box = box;
    this.form = $("capdev-form");
    this.fw = JSON.parse($("capdev-framework").textContent);
    this.t = JSON.parse($("capdev-strings").textContent);
    this.key = "capdev:" + this.fw.id + "@" + this.fw.version;
    this.base = box.getAttribute("data-module-base") || "";
  }

  Page.prototype.collect = function () {
    var fd = new FormData(this.form), answers = {}, checks = {};
    var fw = this.fw;
    competences(fw).forEach(function (c) {
      c.items.forEach(function (it) {
        var v = fd.get(it.id);
        if (v === null || v === "") { return; }
        if (it.type === "self_rating") { answers[it.id] = v === "na" ? "na" : parseInt(v, 10); }
        else { checks[it.id] = v; }
      });
    });
    var response = {
      format: FORMAT, framework: fw.id, version: fw.version, lang: this.t.lang,
      profile: fd.get("capdev-profile") || null,
      date: new Date().toISOString().slice(0, 10), answers: answers, checks: checks
    };
    var code = (fd.get("capdev-code") || "").trim();
    if (code) { response.code = code; }
    return response;
  };

  Page.prototype.apply = function (response) {
    var form = this.form;
    form.reset();
    function check(name, value) {
      var inputs = form.querySelectorAll("input[type=radio]");
      for (var i = 0; i < inputs.length; i++) {
        if (inputs[i].name === name && inputs[i].value === String(value)) { inputs[i].checked = true; }
      }
    }
    Object.keys(response.answers || {}).forEach(function (k) { check(k, response.answers[k]); });
    Object.keys(response.checks || {}).forEach(function (k) { check(k, response.checks[k]); });
    check("capdev-profile", response.profile || "");
    $("capdev-code").value = response.code || "";
  };

  Page.prototype.problem = function (response) {
    if (!response || typeof response !== "object" || response.format !== FORMAT) { return this.t.import_bad_format; }
    if (response.framework !== this.fw.id || response.version !== this.fw.version) {
      return fill(this.t.import_other_version, { found: response.framework + "@" + response.version, expected: this.fw.id + "@" + this.fw.version });
    }
    return "";
  };

  Page.prototype.remembering = function () { return $("capdev-remember").checked; };

  Page.prototype.save = function () {
    if (!this.remembering()) { return; }
    try { root.localStorage.setItem(this.key, JSON.stringify(this.collect())); } catch (e) { /* storage off: nothing kept */ }
  };

  Page.prototype.forget = function () {
    try { root.localStorage.removeItem(this.key); } catch (e) { /* nothing stored */ }
  };

  Page.prototype.restore = function () {
    var raw = null;
    try { raw = root.localStorage.getItem(this.key); } catch (e) { return; }
    if (!raw) { return; }
    try {
      var response = JSON.parse(raw);
      if (this.problem(response)) { return; }
      this.apply(response);
      this.progress();
      $("capdev-remember").checked = true; /* after apply(): its form.reset() clears the switch */
      this.say(this.t.restored);
    } catch (e) { this.forget(); }
  };

  Page.prototype.say = function (text) { $("capdev-status").textContent = text; };

  Page.prototype.error = function (text) {
    var box = $("capdev-error");
    box.hidden = !text;
    $("capdev-error-text").textContent = text || "";
    if (text) { box.focus(); }
  };

  Page.prototype.moduleTitle = function (id) { return (this.t.modules && this.t.modules[id]) || id; };

  /* ---------- results in plain words (twin of explain.py) ---------- */

  Page.prototype.top = function () {
    return Math.max.apply(null, this.fw.scale.points.map(function (p) { return p.value; }));
  };

  Page.prototype.levelName = function (rank) {
    return this.fw.levels.filter(function (l) { return l.rank === rank; })[0].name;
  };

  Page.prototype.averageText = function (average) {
    if (average === null) { return "—"; }
    return fill(this.t.avg, { avg: average.toFixed(1).replace(".", this.t.decimal), top: this.top() });
  };

  Page.prototype.metLabel = function () {
    var scale = this.fw.scale;
    var point = scale.points.filter(function (p) { return p.value === scale.met_at; })[0];
    return scale.met_at + " — " + point.label;
  };

  Page.prototype.summary = function (res) {
    var t = this.t, top = this.fw.levels.length;
    if (res.level === null) {
      return fill(t.x_insufficient, { answered: res.answered, items: res.items, needed: Math.floor((2 * res.items + 2) / 3) });
    }
    if (res.level === 0) { return t.x_none; }
    var shown = this.levelText(res);
    if (res.level === top) { return fill(t.x_all_met, { top: top, level_text: shown }); }
    var key = res.level === 1 ? "x_first_only" : (res.level === 2 ? "x_two" : "x_up_to");
    return fill(t[key], { level: res.level, next: res.level + 1, level_text: shown });
  };

  Page.prototype.levelLine = function (step) {
    var key = step.counted ? "x_met" : (step.met ? "x_not_counted" : (step.rated ? "x_not_met" : "x_not_rated"));
    return fill(this.t[key], { rank: step.rank, name: this.levelName(step.rank), met: this.metLabel() });
  };

  Page.prototype.rating = function (value) {
    var scale = this.fw.scale;
    if (value === "na") { return scale.not_applicable.label; }
    var point = scale.points.filter(function (p) { return p.value === value; })[0];
    return point ? point.value + " — " + point.label : this.t.x_blank;
  };

  Page.prototype.explain = function (result, response, titles) {
    var self = this, t = this.t, byId = {};
    competences(this.fw).forEach(function (c) { byId[c.id] = c; });
    var box = el("section", { "class": "capdev-explain", "aria-labelledby": "capdev-explain-title" }, [
      el("h3", { id: "capdev-explain-title" }, [t.x_title]),
      el("p", {}, [fill(t.x_why, { met: this.metLabel() })])]);
    result.competences.forEach(function (res) {
      var items = byId[res.id].items.filter(function (it) { return it.type === "self_rating" && !it.deprecated; });
      var levels = el("ul", {});
      res.evidence.forEach(function (step) {
        var statements = el("ul", {});
        items.filter(function (it) { return it.level === step.rank; }).forEach(function (it) {
          statements.appendChild(el("li", {}, [fill(t.x_statement, { text: it.text, rating: self.rating(response.answers[it.id]) })]));
        });
        levels.appendChild(el("li", {}, statements.childNodes.length ? [self.levelLine(step), statements] : [self.levelLine(step)]));
      });
      var head = el("p", { "class": "capdev-explain-summary", id: "capdev-explain-" + res.id }, [
        el("strong", {}, [res.id + " " + titles[res.id] + ":"]), " " + self.summary(res)]);
      var part = el("div", { "class": "capdev-explain-competence", "data-competence": res.id }, [head]);
      if (levels.childNodes.length) { part.appendChild(levels); }
      box.appendChild(part);
    });
    return box;
  };

  Page.prototype.levelText = function (res) {
    var t = this.t;
    if (res.level === null) { return t.insufficient; }
    if (res.level === 0) { return t.below_first; }
    var lv = this.fw.levels.filter(function (l) { return l.rank === res.level; })[0];
    return res.level + " — " + lv.name;
  };

  Page.prototype.render = function (result) {
    var t = this.t, self = this, fw = this.fw;
    var titles = {};
    competences(fw).forEach(function (c) { titles[c.id] = c.title; });
    var tbody = el("tbody");
    result.competences.forEach(function (res) {
      var mods = el("ul", { "class": "capdev-modules" });
      res.modules.forEach(function (m) {
        var a = el("a", { href: self.base + m.module + "/index.html" }, [self.moduleTitle(m.module)]);
        mods.appendChild(el("li", {}, [a, " (" + (m.relation === "core" ? t.core : t.optional) + ")"]));
      });
      var levelCell = el("td", {}, [self.levelText(res)]);
      if (res.optimistic) {
        levelCell.appendChild(el("p", { "class": "capdev-flag" }, [fill(t.optimistic, { correct: res.checks.correct, answered: res.checks.answered })]));
      }
      tbody.appendChild(el("tr", {}, [
        el("th", { scope: "row" }, [res.id + " " + titles[res.id]]),
        levelCell,
        el("td", {}, [self.averageText(res.average)]),
        el("td", {}, [res.target === null ? "—" : String(res.target)]),
        el("td", {}, [res.gap === null ? "—" : String(res.gap)]),
        el("td", {}, res.modules.length ? [mods] : [res.status === "ok" ? t.no_modules : t.answer_more])
      ]));
    });
    var head = el("tr", {}, [t.col_competence, t.col_level, t.col_score, t.col_target, t.col_gap, t.col_modules]
      .map(function (h) { return el("th", { scope: "col" }, [h]); }));
    var table = el("table", { "class": "capdev-results-table" }, [
      el("caption", {}, [result.profile ? fill(t.caption_profile, { profile: this.profileTitle(result.profile) }) : t.caption]),
      el("thead", {}, [head]), tbody]);
    var out = $("capdev-results-body");
    out.textContent = "";
    var response = this.collect();
    $("capdev-results").hidden = false;  /* shown first: the chart is drawn at its width */
    out.appendChild(this.meta(result, response));
    out.appendChild(el("div", { "class": "capdev-table-wrap", role: "region", tabindex: "0",
                                "aria-label": t.results_title }, [table]));
    out.appendChild(this.chart(result, titles));
    out.appendChild(this.explain(result, response, titles));
    out.appendChild(this.studyPlan(result));
    out.appendChild(this.runsBox(result));
    out.appendChild(this.feedback(response));
    this.box.classList.add("capdev-has-results");  /* print: the results alone, as a report */
    var done = result.competences.filter(function (r) { return r.status === "ok"; }).length;
    this.say(fill(t.results_ready, { done: done, total: result.competences.length }));
    $("capdev-results-title").focus();
  };

  Page.prototype.feedback = function (response) {
    var t = this.t, list = el("ul", { "class": "capdev-feedback" });
    competences(this.fw).forEach(function (c) {
      c.items.forEach(function (it) {
        if (it.type !== "knowledge_check" || typeof response.checks[it.id] !== "string") { return; }
        var right = response.checks[it.id] === it.answer;
        list.appendChild(el("li", {}, [el("strong", {}, [it.id + " — " + (right ? t.check_right : t.check_wrong) + ": "]), it.feedback]));
      });
    });
    var box = el("section", { "aria-labelledby": "capdev-feedback-title" }, [el("h3", { id: "capdev-feedback-title" }, [t.checks_title])]);
    if (list.childNodes.length) { box.appendChild(list); } else { box.hidden = true; }
    return box;
  };

  Page.prototype.profileTitle = function (id) {
    var p = this.fw.profiles.filter(function (x) { return x.id === id; })[0];
    return p ? p.title : id;
  };

  /* Words of `text` in lines of at most `width` characters (a long word keeps its line). */
  function wrap(text, width) {
    var lines = [], line = "";
    text.split(/\s+/).forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    return lines;
  }

  /* The chart is drawn at the width it is shown at (one unit, one CSS pixel), so the
     competences' names stay readable on a 320 px phone: each name on its own lines above its
     bar, wrapped to fit. */
  Page.prototype.chart = function (result, titles) {
    var t = this.t, top = this.fw.levels.length;
    var width = Math.max(260, Math.min(640, $("capdev-results-body").clientWidth || 640));
    var line = 19, pad = 6, barW = width - 2 * pad - 8, perLine = Math.floor(width / 8.4);
    var rows = result.competences.map(function (r) { return wrap(r.id + " " + titles[r.id], perLine); });
    var h = rows.reduce(function (sum, lines) { return sum + lines.length * line + 34; }, 0) + 30;
    var svg = svgEl("svg", { viewBox: "0 0 " + width + " " + h, width: width, height: h, role: "img", "aria-labelledby": "capdev-chart-title capdev-chart-desc", "class": "capdev-chart" });
    svg.appendChild(svgEl("title", { id: "capdev-chart-title" }, t.chart_title));
    var desc = result.competences.map(function (r) {
      return r.id + " " + titles[r.id] + ": " + (r.level === null ? t.insufficient : t.col_level + " " + r.level) +
        (r.target === null ? "" : ", " + t.col_target + " " + r.target);
    }).join("; ");
    svg.appendChild(svgEl("desc", { id: "capdev-chart-desc" }, desc));
    var xOf = function (level) { return pad + barW * level / top; };
    for (var k = 0; k <= top; k++) {
      svg.appendChild(svgEl("line", { x1: xOf(k), x2: xOf(k), y1: 4, y2: h - 24, "class": "capdev-grid" }));
      svg.appendChild(svgEl("text", { x: xOf(k), y: h - 8, "text-anchor": k === 0 ? "start" : (k === top ? "end" : "middle"), "class": "capdev-axis" }, String(k)));
    }
    var y = 4;
    result.competences.forEach(function (r, i) {
      rows[i].forEach(function (text, n) {
        svg.appendChild(svgEl("text", { x: pad, y: y + 15 + n * line, "class": "capdev-chart-name" }, text));
      });
      var barY = y + rows[i].length * line + 4;
      if (r.level !== null) {
        svg.appendChild(svgEl("rect", { x: pad, y: barY, height: 16, width: Math.max(2, barW * r.level / top), "class": "capdev-bar" }));
      }
      if (r.target !== null) {
        var tx = xOf(r.target);
        svg.appendChild(svgEl("path", { d: "M" + tx + " " + (barY - 4) + " l6 7 l-6 7 l-6 -7 z", "class": "capdev-target" }));
        svg.appendChild(svgEl("line", { x1: tx, x2: tx, y1: barY + 10, y2: barY + 22, "class": "capdev-target-line" }));
      }
      if (r.level === null) {  /* drawn last, on a halo, so a target marker never hides it */
        svg.appendChild(svgEl("text", { x: pad + 4, y: barY + 13, "class": "capdev-axis capdev-chart-note" }, t.insufficient));
      }
      y += rows[i].length * line + 34;
    });
    var legend = el("figcaption", {}, [t.chart_legend]);
    var fig = el("figure", { "class": "capdev-figure" }, [legend]);
    fig.insertBefore(svg, legend);
    return fig;
  };

  /* Every recommended module once, core first: the report's "Recommended study plan". */
  Page.prototype.studyPlan = function (result) {
    var t = this.t, self = this;
    var box = el("section", { "class": "capdev-plan", "aria-labelledby": "capdev-plan-title" }, [
      el("h3", { id: "capdev-plan-title" }, [t.r_plan])]);
    if (!result.plan.length) { box.appendChild(el("p", {}, [t.r_plan_none])); return box; }
    box.appendChild(el("ul", {}, result.plan.map(function (p) {
      var a = el("a", { href: self.base + p.module + "/index.html" }, [self.moduleTitle(p.module)]);
      return el("li", {}, [a, " (" + (p.relation === "core" ? t.core : t.optional) + ") — " + p.competences.join(", ")]);
    })));
    return box;
  };

  /* Before and after: two kept runs (this browser only), compared per competence. The
     "after" column is the kept after run, or the answers on screen until one is kept. */
  Page.prototype.runsKey = function () { return this.key + ":runs"; };

  Page.prototype.runs = function () {
    try {
      var runs = JSON.parse(root.localStorage.getItem(this.runsKey()) || "{}");
      return runs && typeof runs === "object" ? runs : {};
    } catch (e) { return {}; }
  };

  Page.prototype.keepRun = function (which) {
    var runs = this.runs();
    runs[which] = this.collect();
    try { root.localStorage.setItem(this.runsKey(), JSON.stringify(runs)); } catch (e) { /* storage off */ }
    var response = this.collect();
    this.render(score(this.fw, response, response.profile));
    this.say(fill(this.t.run_kept, { run: this.t["run_" + which] }));
  };

  Page.prototype.forgetRuns = function () {
    try { root.localStorage.removeItem(this.runsKey()); } catch (e) { /* nothing stored */ }
  };

  Page.prototype.runsBox = function (result) {
    var t = this.t, self = this, runs = this.runs();
    var box = el("section", { "class": "capdev-runs", "aria-labelledby": "capdev-runs-title" }, [
      el("h3", { id: "capdev-runs-title" }, [t.runs_title]), el("p", {}, [t.runs_intro])]);
    var buttons = el("div", { "class": "capdev-actions" });
    [["before", t.run_keep_before], ["after", t.run_keep_after]].forEach(function (b) {
      var button = el("button", { type: "button", "class": "md-button", id: "capdev-keep-" + b[0] }, [b[1]]);
      button.addEventListener("click", function () { self.keepRun(b[0]); });
      buttons.appendChild(button);
    });
    if (runs.before || runs.after) {
      var forget = el("button", { type: "button", "class": "md-button", id: "capdev-forget-runs" }, [t.run_forget]);
      forget.addEventListener("click", function () {
        self.forgetRuns();
        var response = self.collect();
        self.render(score(self.fw, response, response.profile));
        self.say(t.runs_forgotten);
      });
      buttons.appendChild(forget);
    }
    box.appendChild(buttons);
    if (!runs.before || this.problem(runs.before)) {
      box.appendChild(el("p", {}, [t.runs_none]));
      return box;
    }
    var before = score(this.fw, runs.before, runs.before.profile || null);
    var afterRun = runs.after && !this.problem(runs.after) ? runs.after : null;
    var after = afterRun ? score(this.fw, afterRun, afterRun.profile || null) : result;
    box.appendChild(this.runsTable(before, after, fill(t.run_of, { run: t.run_before, date: runs.before.date }),
                                   afterRun ? fill(t.run_of, { run: t.run_after, date: afterRun.date }) : t.runs_now));
    return box;
  };

  Page.prototype.runsTable = function (before, after, beforeHead, afterHead) {
    var t = this.t, self = this, titles = {};
    competences(this.fw).forEach(function (c) { titles[c.id] = c.title; });
    var rows = before.competences.map(function (b, i) {
      var a = after.competences[i];
      var change = b.level === null || a.level === null ? "—"
        : (a.level > b.level ? "+" : "") + String(a.level - b.level);
      return el("tr", {}, [el("th", { scope: "row" }, [b.id + " " + titles[b.id]]),
                           el("td", {}, [self.levelText(b)]), el("td", {}, [self.levelText(a)]),
                           el("td", { "class": "capdev-num" }, [change])]);
    });
    var head = el("tr", {}, [t.col_competence, beforeHead, afterHead, t.runs_change]
      .map(function (h) { return el("th", { scope: "col" }, [h]); }));
    var table = el("table", { "class": "capdev-results-table", id: "capdev-runs-table" }, [
      el("caption", {}, [t.runs_caption]), el("thead", {}, [head]), el("tbody", {}, rows)]);
    return el("div", { "class": "capdev-table-wrap", role: "region", tabindex: "0",
                       "aria-label": t.runs_caption }, [table]);
  };

  /* Who, when and against what: the lines the PDF report opens with. */
  Page.prototype.meta = function (result, response) {
    var t = this.t;
    var rows = [[t.r_code, response.code || "—"],
                [t.r_profile, result.profile ? this.profileTitle(result.profile) : t.r_none],
                [t.r_date, response.date], [t.q_version, this.fw.id + "@" + this.fw.version]];
    return el("dl", { "class": "capdev-results-meta" }, rows.reduce(function (out, r) {
      return out.concat([el("dt", {}, [r[0]]), el("dd", {}, [r[1]])]);
    }, []));
  };

  /* "12 of 45 questions answered": a statement marked not relevant is an answer too. */
  Page.prototype.progress = function () {
    var items = this.form.querySelectorAll("fieldset.capdev-item");
    var done = this.form.querySelectorAll("fieldset.capdev-item input:checked").length;
    $("capdev-answered").textContent = fill(this.t.answered, { n: done, total: items.length });
  };

  Page.prototype.download = function () {
    var response = this.collect();
    if (response.code && !CODE.test(response.code)) {
      this.error(this.t.code_invalid);
      $("capdev-code").focus();
      return;
    }
    this.error("");
    var blob = new Blob([JSON.stringify(response, null, 2) + "\n"], { type: "application/json" });
    var a = el("a", { href: URL.createObjectURL(blob), download: "capdev-assessment-" + response.date + ".json" });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    this.say(this.t.exported);
  };

  Page.prototype.upload = function (file) {
    var self = this, reader = new FileReader();
    reader.onload = function () {
      var response;
      try { response = JSON.parse(reader.result); } catch (e) { self.error(self.t.import_bad_json); return; }
      var problem = self.problem(response);
      if (problem) { self.error(problem); return; }
      self.error("");
      self.apply(response);
      self.progress();
      self.save();
      self.render(score(self.fw, response, response.profile || null));
    };
    reader.readAsText(file);
  };

  Page.prototype.wire = function () {
    var self = this;
    this.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var response = self.collect();
      self.error("");
      self.save();
      self.render(score(self.fw, response, response.profile));
    });
    this.form.addEventListener("change", function (ev) {
      if (ev.target.id === "capdev-remember") {
        if (ev.target.checked) { self.save(); self.say(self.t.remember_on); } else { self.forget(); self.say(self.t.remember_off); }
        return;
      }
      if (ev.target.id !== "capdev-import") { self.save(); self.progress(); }
    });
    $("capdev-export").addEventListener("click", function () { self.download(); });
    $("capdev-import").addEventListener("change", function (ev) {
      if (ev.target.files && ev.target.files[0]) { self.upload(ev.target.files[0]); }
      ev.target.value = "";
    });
    $("capdev-delete").addEventListener("click", function () {
      self.forget();
      self.forgetRuns();
      self.form.reset();
      $("capdev-results").hidden = true;
      self.box.classList.remove("capdev-has-results");
      self.progress();
      self.error("");
      self.say(self.t.deleted);
    });
    $("capdev-print").addEventListener("click", function () { root.print(); });
    this.progress();
    this.restore();
  };

  function start() {
    var box = $("capdev-assessment");
    if (!box) { return; }
    box.classList.add("capdev-js");
    new Page(box).wire();
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})(typeof window !== "undefined" ? window : globalThis);
