// Entry point: routes the URL hash (#events, #actor/TUR, #sql, #compare, #code) to its view.
import { initEvents, showEventsView } from "./events.js";
import { initCode } from "./code.js";
import { initSql, showSqlView } from "./sql.js";
import { initActor, showActorView } from "./actor.js";
import { initCompare, showCompareView } from "./compare.js";
import { initTheme } from "./theme.js";
import { current, listen } from "./url.js";
import { getJSON } from "./api.js";

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
getJSON("/api/stats").then(s => {
  document.getElementById("store-stats").textContent =
    `${s.events} events · ${s.articles} articles · ${s.first_date ?? "?"} – ${s.last_date ?? "?"}`;
}).catch(() => {});
