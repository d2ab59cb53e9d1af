// Equirectangular world map (inline SVG): graticule, optional land outline, a dot per located event.
import { el, svg } from "./dom.js";

const W = 720, H = 360;
const x = lon => (lon + 180) * (W / 360);
const y = lat => (90 - lat) * (H / 180);
let land = null;

async function loadLand() {
  if (land !== null) return land;
  try {
    const res = await fetch("/static/vendor/world/land-110m.json");
    land = res.ok ? await res.json() : [];
  } catch { land = []; }
  return land;
}

export async function showMap(events, onSelect) {
  const box = document.getElementById("map");
  const polys = await loadLand();
  const g = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "map", role: "img", "aria-label": "Map of event locations" });
  g.append(svg("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
  for (const ring of polys) {
    g.append(svg("path", { d: "M" + ring.map(([lo, la]) => `${x(lo).toFixed(1)},${y(la).toFixed(1)}`).join("L") + "Z", class: "land" }));
  }
  for (let lon = -150; lon <= 150; lon += 30) g.append(svg("line", { x1: x(lon), x2: x(lon), y1: 0, y2: H, class: "grid" }));
  for (let lat = -60; lat <= 60; lat += 30) g.append(svg("line", { x1: 0, x2: W, y1: y(lat), y2: y(lat), class: "grid" }));
  const located = events.filter(e => e.lat !== null && e.lon !== null);
  for (const e of located) {
    const dot = svg("circle", { cx: x(e.lon), cy: y(e.lat), r: 5, class: `dot q${e.quad_class}`, tabindex: 0,
      onclick: () => onSelect(e.event_id), onkeydown: ev => { if (ev.key === "Enter") onSelect(e.event_id); } },
      svg("title", {}, `${e.location_name}: ${e.source_code || "?"} ${e.cameo_name || e.cameo_code} ${e.target_code || "?"} (${e.date ?? "no date"})`));
    g.append(dot);
  }
  document.getElementById("map-note").textContent = `${located.length} of ${events.length} loaded events located`;
  box.replaceChildren(g);
}
