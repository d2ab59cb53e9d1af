// The provenance panel: the sentence with trigger and actors highlighted, article, rule, confidence.
import { el, highlight, safeUrl, QUAD } from "./dom.js";
import { getJSON } from "./api.js";

const panel = () => document.getElementById("provenance");
const PLACEHOLDER = "Select an event to see the sentence it was coded from.";
let shown = null;  // the event id the panel shows or is loading; a late answer for another id is dropped

// Empty the panel (the filters changed and its event may no longer be listed).
export function clearEvent(message = PLACEHOLDER) {
  shown = null;
  panel().replaceChildren(el("h2", {}, "Provenance"), el("p", { class: "muted" }, message));
}

function actor(code, name) {
  return code ? `${code}${name ? ` (${name})` : ""}` : "—";
}

function sentenceOf(m) {
  return highlight(m.sentence_text, [
    m.trigger_span && { ...m.trigger_span, cls: "trigger", title: "trigger" },
    m.source_span && { ...m.source_span, cls: "source", title: `source ${m.source_code}` },
    m.target_span && { ...m.target_span, cls: "target", title: `target ${m.target_code}` },
  ]);
}

function articleLink(a) {
  const url = safeUrl(a.url);
  const label = a.title || a.id;
  const link = url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, label) : el("span", {}, label);
  return el("span", { class: "article" }, link, el("span", { class: "muted" },
    ` — ${[a.source, a.date].filter(Boolean).join(", ")}`));
}

export async function showEvent(eventId) {
  const p = panel();
  shown = eventId;
  p.replaceChildren(el("h2", {}, "Provenance"), el("p", { class: "muted" }, "Loading…"));
  let ev;
  try {
    ev = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
  } catch (err) {
    if (shown !== eventId) return;
    p.replaceChildren(el("h2", {}, "Provenance"), el("p", { class: "error" }, err.message));
    return;
  }
  if (shown !== eventId) return;
  const m = ev.provenance;
  const facts = [
    ["Event", `${ev.cameo_code} ${ev.cameo_name}`],
    ["PLOVER", [ev.plover_type, ev.plover_mode, ev.plover_context].filter(Boolean).join(" · ") || "—"],
    ["Source", actor(ev.source_code, ev.source_name)],
    ["Target", actor(ev.target_code, ev.target_name)],
    ["Date", `${ev.date ?? "unknown"}${ev.date_precision ? ` (${ev.date_precision})` : ""}${ev.historical ? " · historical" : ""}`],
    ["Where", ev.location_name || "—"],
    ["Quad class", `${ev.quad_class} ${QUAD[ev.quad_class] ?? ""}`],
    ["Goldstein", String(ev.goldstein)],
    ["Rule", m.rule],
    ["Confidence", String(m.confidence)],
    ["Reports", `${ev.num_mentions} mention(s) in ${ev.num_articles} article(s)`],
  ];
  const dl = el("dl", { class: "facts" }, facts.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  const others = ev.mentions.filter(x => x.mention_id !== m.mention_id);
  // replaceChildren() would write a null child as the text "null": absent parts are filtered out
  p.replaceChildren(...[
    el("h2", {}, "Provenance"),
    el("blockquote", { id: "prov-sentence" }, sentenceOf(m)),
    el("p", { class: "legend" }, el("mark", { class: "source" }, "source"), " ",
      el("mark", { class: "trigger" }, "trigger"), " ", el("mark", { class: "target" }, "target")),
    el("p", {}, articleLink(m.article)),
    dl,
    others.length ? el("h3", {}, "Other reports") : null,
    others.length ? el("ul", { class: "mentions" }, others.map(o =>
      el("li", {}, sentenceOf(o), el("br"), articleLink(o.article), el("span", { class: "muted" }, ` · rule ${o.rule}`)))) : null,
  ].filter(Boolean));
}
