// The events view: filter form, facet sidebar, active-filter chips, sortable events table, downloads,
// provenance and dyad timeline. Every filter and the open event are in the URL (#events?…&event=ID).
import { el, fmtDate } from "./dom.js";
import { getJSON, withParams } from "./api.js";
import { hashFor, navigate } from "./url.js";
import { showEvent, clearEvent } from "./provenance.js";
import { showTimeline } from "./timeline.js";
import { showMap } from "./map.js";
import { showFacets, facetParams } from "./facets.js";

const PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const CAMEO_ROOTS = Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, "0"));
const FORM_KEYS = ["source", "target", "dyad", "type", "root", "mode", "since", "until", "q", "min_confidence"];
// Columns: header, sort key of /api/events (null: not sortable there), cell.
const COLUMNS = [
  ["Date", "date", e => el("td", { title: e.date_precision ? `precision: ${e.date_precision}` : "no date known" },
    fmtDate(e.date, e.date_precision), e.historical ? "*" : "")],
  ["Source", "source", e => el("td", { title: e.source_name || "" }, e.source_code || "—")],
  ["Event", "cameo", e => el("td", { title: e.sentence_text }, el("span", { class: "code" }, e.cameo_code), " ", e.cameo_name,
    e.plover_mode ? el("span", { class: "badge" }, e.plover_mode) : null)],
  ["Target", "target", e => el("td", { title: e.target_name || "" }, e.target_code || "—")],
  ["Gold.", "goldstein", e => el("td", { class: "num" }, e.goldstein.toFixed(1))],
  ["Conf.", "confidence", e => el("td", { class: "num" }, e.confidence.toFixed(2))],
  ["Where", "place", e => el("td", {}, e.location_name || "")],
  ["#", "mentions", e => el("td", { class: "num", title: "mentions" }, String(e.num_mentions))],
];

const state = { params: {}, loadedKey: null, timelineKey: null, cursor: null, events: [], userChange: false };

// In the URL but no event filter: the open event and the timeline's bins and direction.
const VIEW_KEYS = ["event", "timeline_by", "timeline_dir"];
const filtersOf = params => Object.fromEntries(Object.entries(params).filter(([k]) => !VIEW_KEYS.includes(k)));
const keyOf = params => JSON.stringify(Object.entries(filtersOf(params)).sort());

function go(params, { userChange = true } = {}) {
  state.userChange = userChange;
  navigate(hashFor("events", params));
}

function readForm(form) {
  const f = new FormData(form);
  const v = k => (f.get(k) || "").toString().trim();
  // codes (TUR, turgov) or names (Turkey, Türkiye): the API resolves both, so the text goes as typed
  const a = v("dyad_a"), b = v("dyad_b");
  const conf = v("min_confidence");
  return { source: v("source"), target: v("target"), dyad: a && b ? `${a}-${b}` : "",
    type: v("type"), root: v("root"), mode: v("mode"), since: v("since"), until: v("until"), q: v("q"),
    min_confidence: conf && Number(conf) > 0 ? conf : "" };
}

function fillForm(form, params) {
  for (const k of FORM_KEYS) {
    if (k === "dyad") {
      const [a = "", b = ""] = (params.dyad || "").split("-");
      form.elements.dyad_a.value = a;
      form.elements.dyad_b.value = b;
    } else form.elements[k].value = params[k] ?? "";
  }
}

function row(e) {
  const tr = el("tr", { tabindex: 0, "data-id": e.event_id, class: `q${e.quad_class}` }, COLUMNS.map(([, , cell]) => cell(e)));
  const open = () => go({ ...state.params, event: e.event_id }, { userChange: false });
  tr.addEventListener("click", open);
  tr.addEventListener("keydown", ev => { if (ev.key === "Enter") open(); });
  return tr;
}

function header() {
  const sort = state.params.sort || "date";
  return el("tr", {}, COLUMNS.map(([label, key]) => {
    if (!key) return el("th", { scope: "col" }, label);
    const dir = sort === key ? "ascending" : sort === `-${key}` ? "descending" : null;
    // numbers sort largest first on the first click, dates oldest first
    const next = sort === key ? `-${key}` : sort === `-${key}` ? key : key === "date" ? "date" : `-${key}`;
    return el("th", { scope: "col", "aria-sort": dir || "none" }, el("button", { type: "button", class: "sort",
      "data-sort": key, title: `sort by ${label}`, onclick: () => go({ ...state.params, sort: next }) },
      label, el("span", { class: "arrow", "aria-hidden": "true" }, dir === "ascending" ? " ▲" : dir === "descending" ? " ▼" : "")));
  }));
}

function markSelected() {
  for (const tr of document.querySelectorAll("#events-table tbody tr")) tr.classList.toggle("selected", tr.dataset.id === state.params.event);
}

async function load(append) {
  const status = document.getElementById("events-status");
  status.textContent = "Loading…";
  status.classList.remove("error");
  let page;
  try {
    page = await getJSON("/api/events", { ...filtersOf(state.params), limit: 50, cursor: append ? state.cursor : "" });
  } catch (err) {
    status.textContent = err.message;
    status.classList.add("error");
    return false;
  }
  state.events = append ? state.events.concat(page.events) : page.events;
  state.cursor = page.next_cursor;
  const body = document.querySelector("#events-table tbody");
  if (!append) body.replaceChildren();
  body.append(...page.events.map(row));
  document.getElementById("more").hidden = !page.next_cursor;
  if (!state.events.length) {
    body.append(el("tr", { class: "empty" }, el("td", { colspan: COLUMNS.length, class: "muted" }, "No events match these filters.")));
    status.textContent = "No events match these filters.";
  } else {
    status.textContent = `${page.total} event(s) match; showing ${state.events.length}.`;
  }
  markSelected();
  showMap(state.events, id => go({ ...state.params, event: id }, { userChange: false }));
  return page.total;
}

// One removable chip per active filter (form fields and facet choices alike).
function showChips() {
  const box = document.getElementById("chips");
  const p = filtersOf(state.params);
  const chips = [];
  const yearOf = p.since && p.until && p.since.endsWith("-01-01") && p.until === `${p.since.slice(0, 4)}-12-31` ? p.since.slice(0, 4) : null;
  for (const [k, v] of Object.entries(p)) {
    if (k === "sort" || (yearOf && (k === "since" || k === "until"))) continue;
    chips.push(chip(`${k} ${v}`, [k]));
  }
  if (yearOf) chips.push(chip(`year ${yearOf}`, ["since", "until"]));
  box.replaceChildren(...chips);
  box.hidden = !chips.length;
}

function chip(label, keys) {
  return el("button", { type: "button", class: "chip", title: "remove this filter", onclick: () => {
    const next = { ...state.params };
    for (const k of keys) delete next[k];
    go(next);
  } }, label, el("span", { "aria-hidden": "true" }, " ×"));
}

function showDownloads() {
  const query = filtersOf(state.params);
  for (const a of document.querySelectorAll("#downloads a[data-format]")) {
    a.href = withParams("/api/export", { ...query, format: a.dataset.format });
  }
}

function toggleFacet(param, value, active) {
  const next = { ...state.params };
  const set = facetParams(param, value);
  for (const [k, v] of Object.entries(set)) {
    if (active) delete next[k];
    else next[k] = v;
  }
  go(next);
}

// The dyad timeline, redrawn when its dyad, dates, bins or direction changed.
function drawTimeline(params) {
  document.getElementById("timeline-by").value = params.timeline_by || "auto";
  document.getElementById("timeline-dir").value = params.timeline_dir || "total";
  const key = JSON.stringify([keyOf(params), params.timeline_by, params.timeline_dir]);
  if (key === state.timelineKey) return;
  state.timelineKey = key;
  const [a, b] = params.dyad ? params.dyad.split("-") : [params.source, params.target];
  showTimeline(a, b, params);
}

// Called by the router for every #events URL: reload what the URL changed, nothing more.
export async function showEventsView(params) {
  state.params = params;
  const form = document.getElementById("filters");
  fillForm(form, params);
  document.querySelector("#events-table thead").replaceChildren(header());
  const key = keyOf(params);
  if (key !== state.loadedKey) {
    state.loadedKey = key;
    showChips();
    showDownloads();
    const loading = load(false);  // asked first: the browser runs six requests at once, the table matters most
    showFacets(filtersOf(params), toggleFacet);
    drawTimeline(params);
    await loading;
    if (state.loadedKey !== key) return;  // a newer URL took over while loading
    // New filters chosen here: the open event stays only while it is still listed
    if (state.userChange && params.event && !state.events.some(e => e.event_id === params.event)) {
      const next = { ...params };
      delete next.event;
      state.params = next;
      navigate(hashFor("events", next), { replace: true, quiet: true });
    }
  }
  state.userChange = false;
  drawTimeline(state.params);
  markSelected();
  if (state.params.event) showEvent(state.params.event);
  else clearEvent(state.events.length ? undefined : "No events match these filters.");
}

export function initEvents() {
  const form = document.getElementById("filters");
  form.elements.type.append(...PLOVER_TYPES.map(t => el("option", { value: t }, t)));
  form.elements.root.append(...CAMEO_ROOTS.map(r => el("option", { value: r }, r)));
  form.addEventListener("submit", ev => {
    ev.preventDefault();
    // facet choices outside the form (quad_class …) stay; the form's own fields are replaced
    const kept = Object.fromEntries(Object.entries(state.params).filter(([k]) => !FORM_KEYS.includes(k)));
    go({ ...kept, ...readForm(form) });
  });
  form.addEventListener("reset", ev => { ev.preventDefault(); go({}); });
  document.getElementById("more").addEventListener("click", () => load(true));
  for (const [id, key, fallback] of [["timeline-by", "timeline_by", "auto"], ["timeline-dir", "timeline_dir", "total"]]) {
    document.getElementById(id).addEventListener("change", ev => {
      go({ ...state.params, [key]: ev.target.value === fallback ? "" : ev.target.value }, { userChange: false });
    });
  }
  getJSON("/api/actors", { limit: 500 }).then(d => {
    document.getElementById("actor-codes").replaceChildren(
      ...d.actors.map(a => el("option", { value: a.code }, `${a.name || ""} (${a.events})`)));
  }).catch(() => {});
}
