// The events view: filter form -> /api/events (cursor pages) -> table, map and dyad timeline.
import { el } from "./dom.js";
import { getJSON } from "./api.js";
import { showEvent, clearEvent } from "./provenance.js";
import { showTimeline } from "./timeline.js";
import { showMap } from "./map.js";

const PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const CAMEO_ROOTS = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15",
  "16", "17", "18", "19", "20"];

const state = { params: {}, cursor: null, events: [], selected: null };

function readForm(form) {
  const f = new FormData(form);
  const v = k => (f.get(k) || "").toString().trim();
  const a = v("dyad_a").toUpperCase(), b = v("dyad_b").toUpperCase();
  return {
    source: v("source").toUpperCase(), target: v("target").toUpperCase(),
    dyad: a && b ? `${a}-${b}` : "", type: v("type"), root: v("root"), mode: v("mode"),
    since: v("since"), until: v("until"), q: v("q"), sort: v("sort") || "date", limit: 50,
  };
}

function row(e) {
  const tr = el("tr", { tabindex: 0, "data-id": e.event_id, class: `q${e.quad_class}` },
    el("td", {}, e.date ?? "—"),
    el("td", { title: e.source_name || "" }, e.source_code || "—"),
    el("td", { title: e.sentence_text }, el("span", { class: "code" }, e.cameo_code), " ", e.cameo_name,
      e.plover_mode ? el("span", { class: "badge" }, e.plover_mode) : null),
    el("td", { title: e.target_name || "" }, e.target_code || "—"),
    el("td", { class: "num" }, e.goldstein.toFixed(1)),
    el("td", {}, e.location_name || ""),
    el("td", { class: "num", title: "mentions" }, String(e.num_mentions)));
  const open = () => select(e.event_id);
  tr.addEventListener("click", open);
  tr.addEventListener("keydown", ev => { if (ev.key === "Enter") open(); });
  return tr;
}

function select(id) {
  state.selected = id;
  for (const tr of document.querySelectorAll("#events-table tbody tr")) tr.classList.toggle("selected", tr.dataset.id === id);
  showEvent(id);
}

async function load(append) {
  const status = document.getElementById("events-status");
  status.textContent = "Loading…";
  status.classList.remove("error");
  let page;
  try {
    page = await getJSON("/api/events", { ...state.params, cursor: append ? state.cursor : "" });
  } catch (err) {
    status.textContent = err.message;
    status.classList.add("error");
    return;
  }
  state.events = append ? state.events.concat(page.events) : page.events;
  state.cursor = page.next_cursor;
  const body = document.querySelector("#events-table tbody");
  if (!append) body.replaceChildren();
  body.append(...page.events.map(row));
  document.getElementById("more").hidden = !page.next_cursor;
  if (!append) {
    // New filters: the open event stays only while it is still listed
    if (state.selected !== null && state.events.some(e => e.event_id === state.selected)) {
      for (const tr of body.querySelectorAll("tr")) tr.classList.toggle("selected", tr.dataset.id === state.selected);
    } else {
      state.selected = null;
      clearEvent(page.total ? undefined : "No events match these filters.");
    }
  }
  if (!state.events.length) {
    body.append(el("tr", { class: "empty" }, el("td", { colspan: 7, class: "muted" }, "No events match these filters.")));
    status.textContent = "No events match these filters.";
  } else {
    status.textContent = `${page.total} event(s) match; showing ${state.events.length}.`;
  }
  showMap(state.events, select);
}

async function apply() {
  const form = document.getElementById("filters");
  state.params = readForm(form);
  const qs = new URLSearchParams(Object.entries(state.params).filter(([, v]) => v !== "" && v !== 50));
  history.replaceState(null, "", `#events${qs.toString() ? "?" + qs : ""}`);
  await load(false);
  const [a, b] = state.params.dyad ? state.params.dyad.split("-") : [state.params.source, state.params.target];
  await showTimeline(a, b, state.params);
}

function restore(form) {
  const hash = location.hash.split("?")[1];
  if (!hash) return;
  const qs = new URLSearchParams(hash);
  for (const [k, v] of qs) {
    if (k === "dyad") {
      const [a, b] = v.split("-");
      form.elements.dyad_a.value = a || "";
      form.elements.dyad_b.value = b || "";
    } else if (form.elements[k]) form.elements[k].value = v;
  }
}

export async function initEvents() {
  const form = document.getElementById("filters");
  form.elements.type.append(...PLOVER_TYPES.map(t => el("option", { value: t }, t)));
  form.elements.root.append(...CAMEO_ROOTS.map(r => el("option", { value: r }, r)));
  restore(form);
  form.addEventListener("submit", ev => { ev.preventDefault(); apply(); });
  form.addEventListener("reset", () => setTimeout(apply, 0));
  document.getElementById("more").addEventListener("click", () => load(true));
  for (const id of ["timeline-by", "timeline-dir"]) {
    document.getElementById(id).addEventListener("change", () => {
      const [a, b] = state.params.dyad ? state.params.dyad.split("-") : [state.params.source, state.params.target];
      showTimeline(a, b, state.params);
    });
  }
  getJSON("/api/actors", { limit: 500 }).then(d => {
    document.getElementById("actor-codes").replaceChildren(
      ...d.actors.map(a => el("option", { value: a.code }, `${a.name || ""} (${a.events})`)));
  }).catch(() => {});
  await apply();
}
