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
// "1857-01-01") and how many events have no date at all (one read-only query through /api/sql).
const RANGE_SQL = `SELECT arg_min(date, date) AS first, arg_min(date_precision, date) AS first_precision,
  arg_max(date, date) AS last, arg_max(date_precision, date) AS last_precision,
  count(*) FILTER (WHERE date IS NULL) AS undated FROM events`;

async function showStoreStats() {
  const box = document.getElementById("store-stats");
  let stats;
  try { stats = await getJSON("/api/stats"); } catch { return; }  // the views say what is wrong with the store
  box.textContent = `${stats.events} events · ${stats.articles} articles · ${stats.first_date ?? "?"} – ${stats.last_date ?? "?"}`;
  try {
    const [[first, firstPrecision, last, lastPrecision, undated]] = (await getJSON("/api/sql", { sql: RANGE_SQL })).rows;
    box.textContent = `${stats.events} events · ${stats.articles} articles · ` +
      `${first ? fmtDate(first, firstPrecision) : "?"} – ${last ? fmtDate(last, lastPrecision) : "?"}` +
      `${undated ? ` · ${undated} undated` : ""}`;
  } catch { /* the plain dates of /api/stats stay */ }
}
