// The report page: the run document in a JSON script element, drawn into inline SVG by a
// script without any library or network, so the file is all a reader needs. Colours are
// fixed (the tests look for them in a screenshot): segments #1f77b4, partition branches
// #ff7f0e, overlaps white to #d62728, score histograms #2ca02c, metrics #9467bd.
#include "report/HtmlPage.h"

namespace seg::report {

const char* reportPage() {
  return R"PAGE(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>@SEG_TITLE@</title>
<style>
body { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #222; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 13px; margin: 14px 0 4px; }
.meta { color: #666; }
.grid { display: flex; flex-wrap: wrap; gap: 18px; }
.card { border: 1px solid #e4e4e4; border-radius: 6px; padding: 8px 10px; }
table.centroids { border-collapse: collapse; }
table.centroids td, table.centroids th { padding: 3px 8px; text-align: right; border: 1px solid #eee; }
table.centroids th:first-child, table.centroids td:first-child { text-align: left; }
svg text { font: 11px system-ui, sans-serif; fill: #333; }
#error { color: #b00; font-weight: bold; }
</style>
</head>
<body data-rendered="no">
<h1>@SEG_TITLE@</h1>
<div class="meta" id="meta"></div>
<div id="error"></div>
<section id="segments"><h2>Segments</h2></section>
<section id="partitions"><h2>Partitions</h2></section>
<section id="clusters"><h2>Clusters</h2></section>
<section id="overlap"><h2>Overlap: share of the row segment in the column segment</h2></section>
<section id="scores"><h2>Scores</h2></section>
<section id="metrics"><h2>Metrics</h2></section>
<script>
window.addEventListener("error", function (e) {
  document.getElementById("error").textContent = "The report could not be drawn: " + e.message;
  document.title = "seg report: error: " + e.message;
});
</script>
<script type="application/json" id="seg-document">@SEG_DOCUMENT@</script>
<script>
"use strict";
(function () {
  const NS = "http://www.w3.org/2000/svg";
  const COLORS = { segment: "#1f77b4", branch: "#ff7f0e", histogram: "#2ca02c", metric: "#9467bd" };
  function el(name, attrs, parent, text) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function html(name, parent, text, cls) {
    const e = document.createElement(name);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    parent.appendChild(e);
    return e;
  }
  function fmt(v) {
    if (v === null || v === undefined) return "null";
    if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString("en-US");
    if (Number.isInteger(v)) return String(v);
    return Number(v.toPrecision(4)).toString();
  }
  // Horizontal bars: one row per [label, value], scaled to the largest.
  function bars(parent, rows, color, unit) {
    const labelWidth = 190, barWidth = 420, rowHeight = 18;
    const top = Math.max(1, ...rows.map(r => Math.abs(r[1] || 0)));
    const svg = el("svg", { width: labelWidth + barWidth + 110, height: rows.length * rowHeight + 4 }, parent);
    rows.forEach((r, i) => {
      const y = i * rowHeight + 2;
      el("text", { x: labelWidth - 6, y: y + 12, "text-anchor": "end" }, svg, r[0]);
      const w = Math.max(1, barWidth * Math.abs(r[1] || 0) / top);
      el("rect", { x: labelWidth, y: y + 1, width: r[1] === null ? 0 : w, height: rowHeight - 4, fill: color }, svg);
      el("text", { x: labelWidth + w + 6, y: y + 12 }, svg, fmt(r[1]) + (unit || ""));
    });
    return svg;
  }
  function heat(t) {
    t = Math.max(0, Math.min(1, t));
    const mix = (a, b) => Math.round(a + (b - a) * t);
    return "rgb(" + mix(255, 214) + "," + mix(255, 39) + "," + mix(255, 40) + ")";
  }
  function diverging(t) { // -1 blue, 0 white, 1 red
    t = Math.max(-1, Math.min(1, t));
    const mix = (a, b, s) => Math.round(a + (b - a) * s);
    return t < 0 ? "rgb(" + mix(255, 70, -t) + "," + mix(255, 130, -t) + "," + mix(255, 200, -t) + ")"
                 : "rgb(" + mix(255, 220, t) + "," + mix(255, 90, t) + "," + mix(255, 60, t) + ")";
  }

  const doc = JSON.parse(document.getElementById("seg-document").textContent);
  document.getElementById("meta").textContent = fmt(doc.contacts) + " contacts, now " + doc.now +
    ", engine " + doc.engine + ", " + doc.threads + " thread" + (doc.threads === 1 ? "" : "s");

  const segments = Object.entries(doc.segments || {});
  const segmentSection = document.getElementById("segments");
  if (segments.length === 0) html("p", segmentSection, "No segments.");
  else bars(segmentSection, segments.map(([n, s]) => [n, s.members]), COLORS.segment);

  const partitionSection = document.getElementById("partitions");
  const partitions = Object.entries(doc.partitions || {});
  if (partitions.length === 0) html("p", partitionSection, "No partitions.");
  const grid = html("div", partitionSection, undefined, "grid");
  for (const [name, p] of partitions) {
    const card = html("div", grid, undefined, "card");
    html("h3", card, name);
    const rows = Object.entries(p.branches).map(([b, v]) => [b, v.members]);
    if (p.unassigned > 0) rows.push(["(in no branch)", p.unassigned]);
    bars(card, rows, COLORS.branch);
  }

  const clusterSection = document.getElementById("clusters");
  const clusters = Object.entries(doc.clusters || {});
  if (clusters.length === 0) html("p", clusterSection, "No clusters.");
  for (const [name, c] of clusters) {
    html("h3", clusterSection, name + ": k-means, k " + c.k + ", seed " + c.seed + ", " +
         fmt(c.clustered) + " contacts clustered, inertia " + fmt(c.inertia));
    const table = html("table", clusterSection, undefined, "centroids");
    const head = html("tr", table);
    html("th", head, "cluster");
    html("th", head, "members");
    for (const f of c.features) html("th", head, f);
    const entries = Object.entries(c.clusters);
    // Colour each centroid by how far it lies from the members' overall mean, per feature.
    const total = entries.reduce((s, [, v]) => s + v.members, 0) || 1;
    const spread = c.features.map(f => {
      const mean = entries.reduce((s, [, v]) => s + (v.centroid[f] || 0) * v.members, 0) / total;
      const far = Math.max(1e-12, ...entries.map(([, v]) => Math.abs((v.centroid[f] || 0) - mean)));
      return [mean, far];
    });
    for (const [branch, v] of entries) {
      const row = html("tr", table);
      html("td", row, branch);
      html("td", row, fmt(v.members));
      c.features.forEach((f, i) => {
        const cell = html("td", row, fmt(v.centroid[f]));
        if (v.centroid[f] !== null) cell.style.background = diverging((v.centroid[f] - spread[i][0]) / spread[i][1]);
      });
    }
  }

  const overlapSection = document.getElementById("overlap");
  const o = doc.overlap || { segments: [] };
  if (o.segments.length < 2) html("p", overlapSection, "Fewer than two segments.");
  else {
    const n = o.segments.length, cell = Math.max(8, Math.min(22, Math.floor(700 / n))), label = 170;
    const svg = el("svg", { width: label + n * cell + 130, height: label + n * cell + 10 }, overlapSection);
    o.segments.forEach((s, i) => {
      el("text", { x: label - 4, y: label + i * cell + cell * 0.7, "text-anchor": "end" }, svg, s);
      el("text", { transform: "translate(" + (label + i * cell + cell * 0.7) + "," + (label - 4) + ") rotate(-60)" }, svg, s);
      for (let j = 0; j < n; ++j) {
        const share = o.members[i] > 0 ? o.both[i][j] / o.members[i] : 0;
        const r = el("rect", { x: label + j * cell, y: label + i * cell, width: cell - 1, height: cell - 1,
                               fill: i === j ? "#bbbbbb" : heat(share) }, svg);
        el("title", {}, r, s + " in " + o.segments[j] + ": " + (100 * share).toFixed(1) + " %");
      }
    });
  }

  const scoreSection = document.getElementById("scores");
  const scores = Object.entries(doc.scores || {});
  if (scores.length === 0) html("p", scoreSection, "No scores.");
  const scoreGrid = html("div", scoreSection, undefined, "grid");
  for (const [name, s] of scores) {
    const card = html("div", scoreGrid, undefined, "card");
    html("h3", card, name + " (median " + fmt(s.median) + ", mean " + fmt(s.mean) + ")");
    if (!s.histogram) { html("p", card, "no values"); continue; }
    const counts = s.histogram.counts, w = 320, h = 120, top = Math.max(1, ...counts);
    const svg = el("svg", { width: w + 20, height: h + 30 }, card);
    counts.forEach((c, i) => {
      const bh = c === 0 ? 0 : Math.max(1, h * c / top), bw = w / counts.length;
      el("rect", { x: 10 + i * bw, y: h - bh, width: bw - 1, height: bh, fill: COLORS.histogram }, svg);
    });
    el("text", { x: 10, y: h + 16 }, svg, fmt(s.histogram.low));
    el("text", { x: 10 + w, y: h + 16, "text-anchor": "end" }, svg, fmt(s.histogram.high));
  }

  const metricSection = document.getElementById("metrics");
  const metrics = Object.entries(doc.metrics || {});
  if (metrics.length === 0) html("p", metricSection, "No metrics.");
  const plain = metrics.filter(([, m]) => !m.by);
  if (plain.length > 0) {
    html("h3", metricSection, "Over all contacts");
    bars(metricSection, plain.map(([n, m]) => [n, m.value]), COLORS.metric);
  }
  const metricGrid = html("div", metricSection, undefined, "grid");
  for (const [name, m] of metrics.filter(([, m]) => m.by)) {
    const card = html("div", metricGrid, undefined, "card");
    html("h3", card, name + " by " + m.by.join(", "));
    bars(card, m.rows.slice(0, 40).map(r => [Object.values(r.group).join(", "), r.value]), COLORS.metric);
  }

  // Where each section is on the page, for whoever checks a screenshot.
  const where = {};
  for (const s of document.querySelectorAll("section")) {
    const r = s.getBoundingClientRect();
    where[s.id] = [Math.round(r.top + window.scrollY), Math.round(r.bottom + window.scrollY)];
  }
  document.body.setAttribute("data-sections", JSON.stringify(where));
  document.body.setAttribute("data-rendered", "ok");
  document.title = "seg report: ok";
})();
</script>
</body>
</html>
)PAGE";
}

} // namespace seg::report
