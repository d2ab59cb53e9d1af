// Comparison of two periods (#compare?field=…&a_since=…): facet counts for each, side by side, with the change.
import { el, svg } from "./dom.js";
import { getJSON } from "./api.js";
import { hashFor, navigate } from "./url.js";
import { FACETS, facetParams } from "./facets.js";

const KEYS = ["field", "a_since", "a_until", "b_since", "b_until", "country"];
let asked = 0;

function bar(n, max, cls) {
  const w = 120;
  return svg("svg", { viewBox: `0 0 ${w} 10`, width: w, height: 10, class: "bar", "aria-hidden": "true" },
    svg("rect", { x: 0, y: 0, height: 10, width: Math.max(n ? 1 : 0, (n / max) * w), class: cls }));
}

// A value links to its events in period B (where a filter on the field exists).
function valueLink(field, value, periods) {
  const facet = FACETS.find(f => f.field === field);
  if (!facet?.param) return String(value);
  const when = facet.param === "year" ? {} : { since: periods.b_since, until: periods.b_until };
  const href = hashFor("events", { ...when, country: periods.country, ...facetParams(facet.param, value) });
  return el("a", { href, title: "the events of period B with this value" }, String(value));
}

function table(field, a, b, periods) {
  const label = FACETS.find(f => f.field === field)?.label || field;
  const values = new Map();
  for (const { value, count } of a.counts) values.set(value, { a: count, b: 0 });
  for (const { value, count } of b.counts) values.set(value, { a: values.get(value)?.a || 0, b: count });
  const rows = [...values.entries()].sort((x, y) => Math.max(y[1].a, y[1].b) - Math.max(x[1].a, x[1].b));
  const max = Math.max(1, ...rows.map(([, n]) => Math.max(n.a, n.b)));
  const totalA = a.counts.reduce((s, c) => s + c.count, 0) + (a.other || 0);
  const totalB = b.counts.reduce((s, c) => s + c.count, 0) + (b.other || 0);
  const change = (x, y) => (x ? `${y >= x ? "+" : ""}${Math.round(((y - x) / x) * 100)}%` : y ? "new" : "");
  return el("table", { class: "data compare", id: "compare-table" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, label), el("th", { scope: "col", class: "num" }, "A"),
      el("th", { scope: "col" }, ""), el("th", { scope: "col", class: "num" }, "B"), el("th", { scope: "col" }, ""),
      el("th", { scope: "col", class: "num" }, "B − A"), el("th", { scope: "col", class: "num" }, "change"))),
    el("tbody", {}, rows.map(([value, n]) => el("tr", { "data-value": String(value) },
      el("td", {}, value === null ? "none" : valueLink(field, value, periods)),
      el("td", { class: "num" }, String(n.a)), el("td", {}, bar(n.a, max, "period-a")),
      el("td", { class: "num" }, String(n.b)), el("td", {}, bar(n.b, max, "period-b")),
      el("td", { class: `num ${n.b > n.a ? "up" : n.b < n.a ? "down" : ""}` }, `${n.b - n.a > 0 ? "+" : ""}${n.b - n.a}`),
      el("td", { class: "num" }, change(n.a, n.b))))),
    el("tfoot", {}, el("tr", {}, el("th", { scope: "row" }, "all events"), el("td", { class: "num" }, String(totalA)), el("td"),
      el("td", { class: "num" }, String(totalB)), el("td"), el("td", { class: "num" }, `${totalB - totalA > 0 ? "+" : ""}${totalB - totalA}`),
      el("td", { class: "num" }, change(totalA, totalB)))));
}

export async function showCompareView(params) {
  const f = document.getElementById("compare-form");
  for (const k of KEYS) if (k !== "field" || params.field) f.elements[k].value = params[k] || "";
  const status = document.getElementById("compare-status"), out = document.getElementById("compare-result");
  status.classList.remove("error");
  if (!params.a_since || !params.a_until || !params.b_since || !params.b_until) {
    status.textContent = "Choose two periods to compare their events, value by value.";
    out.replaceChildren();
    return;
  }
  const field = f.elements.field.value, ticket = ++asked;
  status.textContent = "Loading…";
  const ask = p => getJSON("/api/facets", { field, since: params[`${p}_since`], until: params[`${p}_until`],
    country: params.country, limit: 100 });
  try {
    const [a, b] = await Promise.all([ask("a"), ask("b")]);
    if (ticket !== asked) return;
    out.replaceChildren(el("p", { class: "legend" }, el("span", { class: "key period-a" }),
      ` A: ${params.a_since} – ${params.a_until}  `, el("span", { class: "key period-b" }),
      ` B: ${params.b_since} – ${params.b_until}${params.country ? ` · country ${params.country}` : ""}`), table(field, a, b, params));
    status.textContent = "";
  } catch (err) {
    if (ticket !== asked) return;
    status.textContent = err.message;
    status.classList.add("error");
    out.replaceChildren();
  }
}

export function initCompare() {
  const f = document.getElementById("compare-form");
  f.elements.field.append(...FACETS.map(x => el("option", { value: x.field }, x.label)));
  f.addEventListener("submit", ev => {
    ev.preventDefault();
    navigate(hashFor("compare", Object.fromEntries(KEYS.map(k => [k, f.elements[k].value.trim()]))));
  });
}
