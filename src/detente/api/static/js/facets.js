// The facet sidebar: event counts per value of each field (GET /api/facets) for the current filters.
// A value with an event filter behind it is a button: click to filter, click again to remove.
import { el, QUAD } from "./dom.js";
import { getJSON } from "./api.js";

// field: the facet; param: the /api/events parameter that filters on it (null: no such filter, shown only).
export const FACETS = [
  { field: "plover_type", label: "PLOVER type", param: "type" },
  { field: "quad_class", label: "Quad class", param: "quad_class", show: v => `${v} ${QUAD[v] ?? ""}` },
  { field: "cameo_root", label: "CAMEO root", param: "root" },
  { field: "plover_mode", label: "Mode", param: "mode" },
  { field: "source_country", label: "Source country", param: "source" },
  { field: "target_country", label: "Target country", param: "target" },
  { field: "year", label: "Year", param: "year" },
  { field: "location_country", label: "Location country", param: null },
  { field: "source", label: "News source", param: null },
];

// The URL parameters a facet value stands for; a year is the date range of that year.
export function facetParams(param, value) {
  if (param === "year") return { since: `${value}-01-01`, until: `${value}-12-31` };
  return { [param]: String(value) };
}

export function isActive(param, value, params) {
  return Object.entries(facetParams(param, value)).every(([k, v]) => params[k] === v);
}

let asked = 0;

// params: the current event filters; onToggle(param, value, active) changes them.
export async function showFacets(params, onToggle) {
  const box = document.getElementById("facets");
  const ticket = ++asked;
  const query = { ...params };
  for (const k of ["sort", "limit", "cursor", "event"]) delete query[k];
  const answers = await Promise.all(FACETS.map(f =>
    getJSON("/api/facets", { ...query, field: f.field, limit: 12 }).catch(err => ({ error: err.message }))));
  if (ticket !== asked) return;
  box.replaceChildren(el("h2", {}, "Facets"), ...FACETS.map((f, i) => section(f, answers[i], params, onToggle)));
}

function section(f, answer, params, onToggle) {
  const head = el("h3", {}, f.label);
  if (answer.error) return el("section", { class: "facet", "data-field": f.field }, head, el("p", { class: "error" }, answer.error));
  const items = answer.counts.map(({ value, count }) => {
    const text = value === null ? "none" : (f.show ? f.show(value) : String(value));
    const label = [el("span", { class: value === null ? "facet-label muted" : "facet-label" }, text),
      el("span", { class: "count" }, count.toLocaleString())];
    if (!f.param || value === null) {
      return el("li", {}, el("span", { class: "facet-value static",
        title: value === null ? "events with no value" : "shown only: /api/events has no filter on this field" }, label));
    }
    const active = isActive(f.param, value, params);
    return el("li", {}, el("button", { type: "button", class: "facet-value", "aria-pressed": String(active),
      "data-value": String(value), onclick: () => onToggle(f.param, value, active) }, label));
  });
  if (answer.other) items.push(el("li", { class: "muted" }, `${answer.other.toLocaleString()} in other values`));
  if (!items.length) items.push(el("li", { class: "muted" }, "no events"));
  return el("section", { class: "facet", "data-field": f.field }, head, el("ul", {}, items));
}
