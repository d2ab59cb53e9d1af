// The actor / country page (#actor/TUR?since=…): events over time in automatic bins (GET /api/series),
// top partners in both directions and a top-dyads matrix (both from GET /api/facets).
import { el } from "./dom.js";
import { getJSON } from "./api.js";
import { current, hashFor, navigate } from "./url.js";
import { periodChart, autoBins } from "./chart.js";

const FILTER_KEYS = ["since", "until", "min_confidence"];
const MATRIX_SIZE = 8;
let asked = 0;

// Whether a country code is the actor's own (TUR for TUR or TURGOV).
const isSelf = (code, actor) => code === actor.toUpperCase() || code === actor.slice(0, 3).toUpperCase();
const dateFilters = params => Object.fromEntries(FILTER_KEYS.map(k => [k, params[k] || ""]));

// A typed name or code -> an actor code: the exact code if listed, else the best name/alias match.
async function resolve(text) {
  const { actors } = await getJSON("/api/actors", { q: text, limit: 10 });
  const exact = actors.find(a => a.code.toUpperCase() === text.toUpperCase());
  if (exact) return exact.code;
  if (actors.length) return actors[0].code;
  throw new Error(`no actor matches "${text}"`);
}

function seriesChart(data) {
  const quad = p => p.quad || {};
  const pts = data.periods.map(p => {
    const coop = (quad(p)["1"] || 0) + (quad(p)["2"] || 0), conf = (quad(p)["3"] || 0) + (quad(p)["4"] || 0);
    return { period: p.period, coop, conf, gold: p.goldstein_mean,
      tip: `${p.period}: ${p.events} event(s), ${coop} cooperation, ${conf} conflict, Goldstein mean ${p.goldstein_mean ?? "—"}` };
  });
  const dated = data.periods.reduce((s, p) => s + p.events, 0);
  const left = [data.undated ? `${data.undated} undated` : "", data.coarser ? `${data.coarser} dated only to a coarser period` : ""]
    .filter(Boolean).join(", ");
  const note = `${dated} event(s) by ${data.by}${left ? ` (not drawn: ${left})` : ""}`;
  if (!pts.length) return el("p", { class: "muted" }, `No dated events for ${data.actor}${left ? ` (${left})` : ""}.`);
  return periodChart(pts, `Events of ${data.actor} by ${data.by}`, note);
}

async function partners(actor, filters) {
  const [out, inc] = await Promise.all([
    getJSON("/api/facets", { ...filters, field: "target_country", source: actor, limit: 50 }),
    getJSON("/api/facets", { ...filters, field: "source_country", target: actor, limit: 50 })]);
  const rows = new Map();
  for (const { value, count } of out.counts) if (value) rows.set(value, { to: count, from: 0 });
  for (const { value, count } of inc.counts) if (value) rows.set(value, { to: rows.get(value)?.to || 0, from: count });
  const sorted = [...rows.entries()].sort((a, b) => (b[1].to + b[1].from) - (a[1].to + a[1].from) || a[0].localeCompare(b[0]));
  if (!sorted.length) return el("p", { class: "muted" }, "No partners: no event has both actors coded.");
  return el("table", { class: "data", id: "partners-table" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Partner"), el("th", { scope: "col", class: "num" }, `${actor} →`),
      el("th", { scope: "col", class: "num" }, `→ ${actor}`), el("th", { scope: "col", class: "num" }, "events"))),
    el("tbody", {}, sorted.slice(0, 15).map(([code, n]) => el("tr", {},
      el("td", {}, el("a", { href: hashFor("actor", filters, code) }, code),
        isSelf(code, actor) ? el("span", { class: "muted" }, " (within)") : "", " ",
        el("a", { href: hashFor("events", { ...filters, dyad: `${actor}-${code}` }), class: "muted" }, "events")),
      el("td", { class: "num" }, String(n.to)), el("td", { class: "num" }, String(n.from)),
      el("td", { class: "num" }, String(n.to + n.from))))));
}

// Rows: the busiest source countries; columns: the busiest target countries; cells: events row -> column.
async function matrix(actor, filters) {
  const [srcs, tgts] = await Promise.all(["source_country", "target_country"].map(field =>
    getJSON("/api/facets", { ...filters, field, limit: MATRIX_SIZE + 1 })));
  const rows = srcs.counts.map(c => c.value).filter(Boolean).slice(0, MATRIX_SIZE);
  const cols = tgts.counts.map(c => c.value).filter(Boolean).slice(0, MATRIX_SIZE);
  if (!rows.length || !cols.length) return el("p", { class: "muted" }, "No events with both countries coded.");
  const lines = await Promise.all(rows.map(r =>
    getJSON("/api/facets", { ...filters, field: "target_country", source: r, limit: 100 })));
  const counts = rows.map((r, i) => new Map(lines[i].counts.map(c => [c.value, c.count])));
  const max = Math.max(1, ...counts.flatMap(m => cols.map(c => m.get(c) || 0)));
  const mark = code => (isSelf(code, actor) ? "mine" : "");
  return el("table", { class: "matrix", id: "matrix-table" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "source ↓ target →"),
      cols.map(c => el("th", { scope: "col", class: mark(c) }, c)))),
    el("tbody", {}, rows.map((r, i) => el("tr", {}, el("th", { scope: "row", class: mark(r) }, r),
      cols.map(c => {
        const n = counts[i].get(c) || 0;
        const heat = n ? Math.min(5, 1 + Math.floor((n / max) * 5)) : 0;
        return el("td", { class: `num heat-${heat}`, title: `${r} → ${c}: ${n} event(s)` }, n
          ? el("a", { href: hashFor("events", { ...filters, source: r, target: c }) }, String(n)) : "·");
      })))));
}

export async function showActorView(params, arg) {
  const f = document.getElementById("actor-form");
  const filters = dateFilters(params);
  for (const k of FILTER_KEYS) f.elements[k].value = filters[k];
  f.elements.actor.value = arg || "";
  const status = document.getElementById("actor-status");
  const boxes = ["actor-series", "actor-partners", "dyad-matrix"].map(id => document.getElementById(id));
  status.classList.remove("error");
  if (!arg) {
    status.textContent = "Type a country or actor (code or name) to see its events over time and its partners.";
    boxes.forEach(b => b.replaceChildren());
    return;
  }
  const ticket = ++asked;
  let actor;
  try {
    // an upper-case code is used as it is; a name in the URL (#actor/turkey) becomes its code (#actor/TUR)
    actor = /^[A-Z0-9]{2,15}$/.test(arg) ? arg : await resolve(arg);
  } catch (err) {
    if (ticket !== asked) return;
    status.textContent = err.message;
    status.classList.add("error");
    boxes.forEach(b => b.replaceChildren());
    return;
  }
  if (ticket !== asked || current().view !== "actor") return;  // the reader moved on meanwhile
  if (actor !== arg) {
    navigate(hashFor("actor", filters, actor), { replace: true });
    return;
  }
  document.getElementById("actor-title").textContent = `${actor}: events over time`;
  status.textContent = "Loading…";
  boxes.forEach(b => b.replaceChildren(el("p", { class: "muted" }, "Loading…")));
  const parts = [
    autoBins(by => getJSON("/api/series", { ...filters, actor, by })).then(seriesChart),
    partners(actor, filters), matrix(actor, filters)];
  const results = await Promise.allSettled(parts);
  if (ticket !== asked) return;
  results.forEach((r, i) => boxes[i].replaceChildren(r.status === "fulfilled" ? r.value
    : el("p", { class: "error" }, r.reason.message)));
  status.textContent = results.some(r => r.status === "rejected") ? "Some parts failed; see below." : "";
}

export function initActor() {
  const f = document.getElementById("actor-form");
  f.addEventListener("submit", async ev => {
    ev.preventDefault();
    const text = f.elements.actor.value.trim();
    const status = document.getElementById("actor-status");
    try {
      const code = await resolve(text);
      const filters = Object.fromEntries(FILTER_KEYS.map(k => [k, f.elements[k].value]));
      navigate(hashFor("actor", filters, code));
    } catch (err) {
      status.textContent = err.message;
      status.classList.add("error");
    }
  });
}
