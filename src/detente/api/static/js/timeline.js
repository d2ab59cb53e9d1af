// Dyad timeline: factual events between A and B per period (GET /api/dyads/{a}/{b}/timeline), drawn by chart.js.
import { el, fmtDate } from "./dom.js";
import { getJSON } from "./api.js";
import { periodChart, autoBins } from "./chart.js";

let asked = 0;  // a late answer for an older dyad is dropped

export async function showTimeline(a, b, params) {
  const box = document.getElementById("timeline");
  const ticket = ++asked;
  if (!a || !b) {
    box.replaceChildren(el("p", { class: "muted" }, "Set a dyad (A ⇄ B) to see cooperation and conflict over time."));
    return;
  }
  const chosen = document.getElementById("timeline-by").value;
  const dir = document.getElementById("timeline-dir").value;
  const probe = by => getJSON(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/timeline`,
    { by, since: params.since, until: params.until, min_confidence: params.min_confidence });
  let data;
  try {
    data = chosen === "auto" ? await autoBins(probe) : await probe(chosen);
  } catch (err) {
    if (ticket === asked) box.replaceChildren(el("p", { class: "error" }, err.message));
    return;
  }
  if (ticket === asked) box.replaceChildren(chart(data, dir));
}

function chart(data, dir) {
  const pts = data.periods.map(p => ({ period: p.period, ...p[dir] }));
  if (!pts.length) return el("p", { class: "muted" }, `No dated factual events between ${data.a} and ${data.b}.`);
  const total = pts.reduce((s, p) => s + p.events, 0);
  // the API names a period by its first day: show it at the bin's precision (2019, 2019-10, 2019-W41)
  const label = period => data.by === "day" ? period : fmtDate(period, data.by);
  return periodChart(pts.map(p => ({
    period: label(p.period), coop: p.cooperation, conf: p.conflict, gold: p.goldstein_mean,
    tip: `${label(p.period)}: ${p.cooperation} cooperation, ${p.conflict} conflict, Goldstein mean ${p.goldstein_mean ?? "—"}`,
  })), `Timeline ${data.a} and ${data.b} by ${data.by}`, `${total} event(s), ${data.a} ⇄ ${data.b}, by ${data.by}`);
}
