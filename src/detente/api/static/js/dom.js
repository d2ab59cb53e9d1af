// Tiny DOM helpers. Text always goes in through textContent, never innerHTML.
const SVG_NS = "http://www.w3.org/2000/svg";

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  return fill(node, attrs, children);
}

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  return fill(node, attrs, children);
}

function fill(node, attrs, children) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// The sentence with spans [{start, end, cls, title}] wrapped in <mark>; overlapping spans are dropped.
export function highlight(text, spans) {
  const out = el("span", { class: "sentence" });
  const ok = spans.filter(s => s && s.start >= 0 && s.end > s.start && s.end <= text.length)
    .sort((a, b) => a.start - b.start);
  let pos = 0;
  for (const s of ok) {
    if (s.start < pos) continue;
    out.append(text.slice(pos, s.start), el("mark", { class: s.cls, title: s.title }, text.slice(s.start, s.end)));
    pos = s.end;
  }
  out.append(text.slice(pos));
  return out;
}

// A span for `needle` in `text` (exact, then case-insensitive), like the API's own spans.
export function findSpan(text, needle) {
  if (!needle || !text) return null;
  let i = text.indexOf(needle);
  if (i < 0) i = text.toLowerCase().indexOf(needle.toLowerCase());
  return i < 0 ? null : { start: i, end: i + needle.length };
}

export function safeUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch { return null; }
}

// A date as precise as it is known (the API's date is the first day of its period):
// 2019 (year), 2019-10 (month), 2019-W41 (ISO week), else 2019-10-09; "undated" when there is none.
export function fmtDate(date, precision) {
  if (!date) return "undated";
  if (precision === "year") return date.slice(0, 4);
  if (precision === "month") return date.slice(0, 7);
  if (precision === "week") return isoWeek(date);
  return date;
}

function isoWeek(date) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));  // the Thursday of its week names the year
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round((d - firstThursday) / 86400000 / 7 - 0.5 + ((firstThursday.getUTCDay() + 6) % 7) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export const QUAD = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
