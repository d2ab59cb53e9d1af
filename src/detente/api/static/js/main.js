// Entry point: hash routing between the events view and the coding page.
import { initEvents } from "./events.js";
import { initCode } from "./code.js";
import { getJSON } from "./api.js";

function route() {
  const view = (location.hash.slice(1).split("?")[0] || "events");
  for (const s of document.querySelectorAll(".view")) s.hidden = s.id !== `view-${view}`;
  for (const a of document.querySelectorAll("nav a[data-view]")) a.classList.toggle("active", a.dataset.view === view);
}

window.addEventListener("hashchange", route);
route();
initCode();
initEvents();
getJSON("/api/stats").then(s => {
  document.getElementById("store-stats").textContent =
    `${s.events} events · ${s.articles} articles · ${s.first_date ?? "?"} – ${s.last_date ?? "?"}`;
}).catch(() => {});
