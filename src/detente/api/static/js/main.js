// Entry point: routes the URL hash (#events, #actor/TUR, #sql, #compare, #code) to its view.
import { initEvents, showEventsView } from "./events.js";
import { initCode } from "./code.js";
import { initSql, showSqlView } from "./sql.js";
import { initActor, showActorView } from "./actor.js";
import { initCompare, showCompareView } from "./compare.js";
import { initTheme } from "./theme.js";
import { current, listen } from "./url.js";
import { getJSON } from "./api.js";
import { fmtDate } from "./dom.js";

const VIEWS = { events: showEventsView, actor: showActorView, sql: showSqlView, compare: showCompareView, code: () => {} };
let last = null;  // a fragment link fires both popstate and hashchange: one render per URL

function route() {
  if (location.href === last) return;
  last = location.href;
  const { view: asked, arg, params } = current();
  const view = asked in VIEWS ? asked : "events";
  for (const s of document.querySelectorAll(".view")) s.hidden = s.id !== `view-${view}`;
  for (const a of document.querySelectorAll("nav a[data-view]")) {
    if (a.dataset.view === view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  VIEWS[view](Object.fromEntries(params), arg);
}

initTheme();
initCode();
initEvents();
initSql();
initActor();
initCompare();
listen(route);
route();
showStoreStats();

// Header: totals, the date range at its precision (a year-only first event reads "1857", not
// "1857-01-01") and how many events have no date at all.
async function showStoreStats() {
  try {
    const [stats, first, last, years] = await Promise.all([getJSON("/api/stats"),
      getJSON("/api/events", { sort: "date", limit: 1 }), getJSON("/api/events", { sort: "-date", limit: 1 }),
      getJSON("/api/facets", { field: "year", limit: 1000 })]);
    const at = page => (page.events[0]?.date ? fmtDate(page.events[0].date, page.events[0].date_precision) : "?");
    const undated = years.counts.find(c => c.value === null)?.count ?? 0;
    document.getElementById("store-stats").textContent = `${stats.events} events · ${stats.articles} articles · ` +
      `${at(first)} – ${at(last)}${undated ? ` · ${undated} undated` : ""}`;
  } catch { /* the views say what is wrong with the store */ }
}
