// "Code an article": POST /api/code and show each event with its sentence and the reasons behind it.
import { el, highlight, findSpan, QUAD } from "./dom.js";
import { postJSON } from "./api.js";

function card(e) {
  const spans = [];
  const t = findSpan(e.sentence_text, e.trigger);
  const s = findSpan(e.sentence_text, e.source_text);
  const g = findSpan(e.sentence_text, e.target_text);
  if (t) spans.push({ ...t, cls: "trigger", title: "trigger" });
  if (s) spans.push({ ...s, cls: "source", title: `source ${e.source_code}` });
  if (g) spans.push({ ...g, cls: "target", title: `target ${e.target_code}` });
  const head = `${e.source_code || "?"} → ${e.target_code || "?"} · ${e.cameo_code} ${e.cameo_name}`;
  const why = Object.entries(e.explanation || {});
  return el("article", { class: `panel event-card q${e.quad_class}` },
    el("h3", {}, head),
    el("blockquote", {}, highlight(e.sentence_text, spans)),
    el("p", { class: "muted" },
      [`PLOVER ${e.plover_type || "—"}${e.plover_mode ? " · " + e.plover_mode : ""}`,
        `date ${e.date ?? "unknown"}${e.date_precision ? " (" + e.date_precision + ")" : ""}${e.historical ? " · historical" : ""}`,
        e.location_name ? `in ${e.location_name}` : "",
        `${QUAD[e.quad_class]} · Goldstein ${e.goldstein}`, `rule ${e.rule}`, `confidence ${e.confidence}`]
        .filter(Boolean).join(" · ")),
    why.length ? el("table", { class: "why" }, el("tbody", {}, why.map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, v))))) : null);
}

export function initCode() {
  const form = document.getElementById("code-form");
  const status = document.getElementById("code-status");
  const out = document.getElementById("code-results");
  form.addEventListener("submit", async ev => {
    ev.preventDefault();
    const f = new FormData(form);
    const body = { text: f.get("text").toString(), title: f.get("title").toString() || null,
      date: f.get("date").toString() || null };
    status.textContent = "Coding… (the first call loads the language model)";
    status.classList.remove("error");
    out.replaceChildren();
    try {
      const res = await postJSON("/api/code", body);
      status.textContent = `${res.events.length} event(s) in ${res.seconds} s`;
      out.replaceChildren(...(res.events.length ? res.events.map(card) : [el("p", { class: "muted" }, "No events found.")]));
    } catch (err) {
      status.textContent = err.message;
      status.classList.add("error");
    }
  });
}
