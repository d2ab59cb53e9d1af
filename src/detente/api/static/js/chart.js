// Period chart (inline SVG): cooperation bars up, conflict bars down, mean Goldstein as a line that
// breaks at periods without events (a line across an empty period would invent a value there).
import { el, svg } from "./dom.js";

const W = 640, H = 260, PAD = { l: 36, r: 36, t: 14, b: 34 };

// points: [{period, coop, conf, gold (mean or null), tip}]; label names the chart for screen readers.
export function periodChart(points, label, note) {
  const maxCount = Math.max(1, ...points.map(p => Math.max(p.coop, p.conf)));
  const iw = W - PAD.l - PAD.r, ih = H - PAD.t - PAD.b, mid = PAD.t + ih / 2;
  const step = iw / Math.max(1, points.length);
  const bw = Math.max(1, Math.min(28, step * 0.8));
  const yCount = n => (n / maxCount) * (ih / 2);
  const yG = g => mid - (g / 10) * (ih / 2);
  const g = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": label });
  g.append(svg("line", { x1: PAD.l, x2: W - PAD.r, y1: mid, y2: mid, class: "axis" }),
    svg("text", { x: 4, y: PAD.t + 10, class: "tick" }, String(maxCount)),
    svg("text", { x: 4, y: H - PAD.b, class: "tick" }, `-${maxCount}`),
    svg("text", { x: W - PAD.r + 4, y: PAD.t + 10, class: "tick gold" }, "+10"),
    svg("text", { x: W - PAD.r + 4, y: H - PAD.b, class: "tick gold" }, "-10"));
  const every = Math.ceil(points.length / 8);
  const runs = [];  // consecutive periods with a Goldstein mean; each run is one stretch of the line
  let run = [];
  points.forEach((p, i) => {
    const x = PAD.l + i * step + (step - bw) / 2, cx = x + bw / 2;
    const title = svg("title", {}, p.tip);
    if (p.coop) g.append(svg("rect", { x, y: mid - yCount(p.coop), width: bw, height: yCount(p.coop), class: "coop" }, title));
    if (p.conf) g.append(svg("rect", { x, y: mid, width: bw, height: yCount(p.conf), class: "conf" }, title.cloneNode(true)));
    if (p.gold === null || p.gold === undefined) {
      if (run.length) runs.push(run);
      run = [];
    } else {
      run.push([cx, yG(p.gold)]);
      g.append(svg("circle", { cx, cy: yG(p.gold), r: 3, class: "gold-dot" }, svg("title", {}, p.tip)));
    }
    if (i % every === 0) g.append(svg("text", { x: cx, y: H - 12, class: "tick", "text-anchor": "middle" }, p.period));
  });
  if (run.length) runs.push(run);
  const d = runs.filter(r => r.length > 1)
    .map(r => "M" + r.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join("L")).join(" ");
  if (d) g.append(svg("path", { d, class: "gold-line" }));
  return el("div", {}, g, el("p", { class: "legend" },
    el("span", { class: "key coop" }), " cooperation ", el("span", { class: "key conf" }), " conflict ",
    el("span", { class: "key gold" }), " mean Goldstein", note ? ` · ${note}` : ""));
}

// The bin for a span: years when it is over ~6 years, months over ~6 months, else weeks.
// `probe(by)` fetches the zero-filled periods for a bin; the coarsest with enough periods wins.
export async function autoBins(probe) {
  const years = await probe("year");
  if (years.periods.length > 6) return years;
  const months = await probe("month");
  if (months.periods.length > 6) return months;
  return probe("week");
}
