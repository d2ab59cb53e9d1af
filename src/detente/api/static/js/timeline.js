// Dyad timeline: cooperation bars up, conflict bars down, mean Goldstein as a line (inline SVG).
import { el, svg } from "./dom.js";
import { getJSON } from "./api.js";

const W = 640, H = 260, PAD = { l: 36, r: 36, t: 14, b: 34 };

export async function showTimeline(a, b, params) {
  const box = document.getElementById("timeline");
  if (!a || !b) {
    box.replaceChildren(el("p", { class: "muted" }, "Set a dyad (A ⇄ B) to see cooperation and conflict over time."));
    return;
  }
  const by = document.getElementById("timeline-by").value;
  const dir = document.getElementById("timeline-dir").value;
  let data;
  try {
    data = await getJSON(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/timeline`,
      { by, since: params.since, until: params.until });
  } catch (err) {
    box.replaceChildren(el("p", { class: "error" }, err.message));
    return;
  }
  box.replaceChildren(chart(data, dir));
}

function chart(data, dir) {
  const pts = data.periods.map(p => ({ period: p.period, ...p[dir] }));
  if (!pts.length) return el("p", { class: "muted" }, `No dated factual events between ${data.a} and ${data.b}.`);
  const maxCount = Math.max(1, ...pts.map(p => Math.max(p.cooperation, p.conflict)));
  const iw = W - PAD.l - PAD.r, ih = H - PAD.t - PAD.b, mid = PAD.t + ih / 2;
  const step = iw / pts.length, bw = Math.max(1, Math.min(28, step * 0.7));
  const yCount = n => (n / maxCount) * (ih / 2);
  const yG = g => mid - (g / 10) * (ih / 2);
  const g = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img",
    "aria-label": `Timeline ${data.a} and ${data.b} by ${data.by}` });
  g.append(svg("line", { x1: PAD.l, x2: W - PAD.r, y1: mid, y2: mid, class: "axis" }));
  g.append(svg("text", { x: 4, y: PAD.t + 10, class: "tick" }, String(maxCount)),
    svg("text", { x: 4, y: H - PAD.b, class: "tick" }, `-${maxCount}`),
    svg("text", { x: W - PAD.r + 4, y: PAD.t + 10, class: "tick gold" }, "+10"),
    svg("text", { x: W - PAD.r + 4, y: H - PAD.b, class: "tick gold" }, "-10"));
  const line = [];
  pts.forEach((p, i) => {
    const x = PAD.l + i * step + (step - bw) / 2;
    const tip = `${p.period}: ${p.cooperation} cooperation, ${p.conflict} conflict, Goldstein mean ${p.goldstein_mean ?? "—"}, sum ${p.goldstein_sum}`;
    if (p.cooperation) g.append(svg("rect", { x, y: mid - yCount(p.cooperation), width: bw, height: yCount(p.cooperation), class: "coop" }, svg("title", {}, tip)));
    if (p.conflict) g.append(svg("rect", { x, y: mid, width: bw, height: yCount(p.conflict), class: "conf" }, svg("title", {}, tip)));
    if (p.goldstein_mean !== null) line.push(`${x + bw / 2},${yG(p.goldstein_mean)}`);
    const every = Math.ceil(pts.length / 8);
    if (i % every === 0) g.append(svg("text", { x: x + bw / 2, y: H - 12, class: "tick", "text-anchor": "middle" }, p.period));
  });
  if (line.length > 1) g.append(svg("polyline", { points: line.join(" "), class: "gold-line" }));
  line.forEach(pt => { const [cx, cy] = pt.split(","); g.append(svg("circle", { cx, cy, r: 3, class: "gold-dot" })); });
  const total = pts.reduce((s, p) => s + p.events, 0);
  return el("div", {}, g, el("p", { class: "legend" },
    el("span", { class: "key coop" }), " cooperation ", el("span", { class: "key conf" }), " conflict ",
    el("span", { class: "key gold" }), ` mean Goldstein · ${total} event(s), ${data.a} ⇄ ${data.b}`));
}
