// The provenance panel: the sentence with trigger and actors highlighted, the article, why each part
// was coded as it was, and a permalink. "Why" is the coder's own `explain` reasoning as the store kept
// it with the mention; a mention stored before the store kept it (schema version 1) gets a list
// reconstructed from its columns and a button that re-codes the sentence alone.
import { el, highlight, safeUrl, fmtDate, QUAD } from "./dom.js";
import { getJSON, postJSON } from "./api.js";
import { hashFor } from "./url.js";

const panel = () => document.getElementById("provenance");
const PLACEHOLDER = "Select an event to see the sentence it was coded from.";
let shown = null;  // the event id the panel shows or is loading; a late answer for another id is dropped

// Readable names for the keys of an event's explanation (the coder's `explain` reasons).
const WHY = { trigger: "Why this event type", source: "Why this source", target: "Why this target",
  date: "Why this date", mode: "Why this mode", location: "Why this place", decision: "Decision",
  reciprocal: "Reciprocal" };
// The order they are shown in: what, who, when, how, where, then inferences and the decision; a key
// not listed here keeps its place among the unlisted ones.
const WHY_ORDER = ["trigger", "source", "target", "date", "mode", "location", "reciprocal", "inference_", "", "decision"];

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

// What the stored mention itself says about each decision.
function storedReasons(m) {
  const who = (role, code, text) => {
    if (!code) return `no ${role} actor`;
    if (text) return `"${text}" in the sentence → ${code}`;
    return `${code}: no words of this sentence name it (inferred from context, e.g. an earlier sentence)`;
  };
  let when;
  if (!m.date) when = "undated: the sentence names no date and the article has no publication date";
  else if (m.date_precision === "publication") when = `no date in the sentence: the article's publication date, ${m.date}`;
  else when = `${fmtDate(m.date, m.date_precision)} from the sentence (known to the ${m.date_precision || "day"})`;
  if (m.historical) when += "; recalled, not news (historical)";
  return [["Source", who("source", m.source_code, m.source_text)], ["Target", who("target", m.target_code, m.target_text)],
    ["Date", when], ["Rule", `${m.rule} · confidence ${m.confidence}`]];
}

function reasonList(entries, cls) {
  return el("dl", { class: `facts ${cls}` }, entries.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
}

function whyRank(key) {
  const i = WHY_ORDER.findIndex(k => k && (k === key || (k.endsWith("_") && key.startsWith(k))));
  return i >= 0 ? i : WHY_ORDER.indexOf("");
}

// One reason, readable: "[subject] …" names the slot the actor filled; the decision's "; "-separated
// parts (probability, sentence classifier, relevance, strongest features) become a list.
function whyValue(key, value) {
  const text = String(value);
  const slot = (key === "source" || key === "target") && text.match(/^\[([^\]]+)\]\s*(.*)$/s);
  if (slot) return [el("span", { class: "badge slot" }, `as ${slot[1]}`), " ", slot[2]];
  if (key === "decision" && text.includes("; ")) return el("ul", { class: "decision" }, text.split("; ").map(x => el("li", {}, x)));
  return text;
}

function explanationList(explanation, id = null) {
  const entries = Object.entries(explanation).sort(([a], [b]) => whyRank(a) - whyRank(b));  // stable sort
  return el("dl", { class: "facts explanation", id }, entries.map(([k, v]) => [
    el("dt", {}, WHY[k] || k.replace(/^inference_(\d+)$/, "Inference $1").replace(/_/g, " ")),
    el("dd", {}, whyValue(k, v))]));
}

// Re-code the sentence with the coder (POST /api/code) to get the full explanation of the same event.
async function explain(ev, m, box, button) {
  button.disabled = true;
  box.replaceChildren(el("p", { class: "muted" }, "Re-coding the sentence… (the first call loads the language model)"));
  try {
    const res = await postJSON("/api/code", { text: m.sentence_text, title: m.article.title || null,
      date: m.article.date || null });
    const same = res.events.find(e => e.cameo_code === ev.cameo_code && e.trigger === m.trigger)
      || res.events.find(e => e.cameo_code === ev.cameo_code);
    if (!same) {
      box.replaceChildren(el("p", { class: "muted" }, "Coded alone, this sentence no longer yields this event: " +
        "it was coded with context from the rest of its article."));
      return;
    }
    box.replaceChildren(el("p", { class: "muted" }, "From the coder's explanation of the sentence coded alone " +
      "(context from earlier sentences is not available here):"), explanationList(same.explanation));
  } catch (err) {
    box.replaceChildren(el("p", { class: "error" }, err.message));
  } finally {
    button.disabled = false;
  }
}

export async function showEvent(eventId) {
  if (shown === eventId) return;
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
    ["Date", `${fmtDate(ev.date, ev.date_precision)}${ev.date_precision ? ` (${ev.date_precision})` : ""}${ev.historical ? " · historical" : ""}`],
    ["Where", ev.location_name || "—"],
    ["Quad class", `${ev.quad_class} ${QUAD[ev.quad_class] ?? ""}`],
    ["Goldstein", String(ev.goldstein)],
    ["Rule", m.rule],
    ["Confidence", String(m.confidence)],
    ["Reports", `${ev.num_mentions} mention(s) in ${ev.num_articles} article(s)`],
  ];
  const dl = el("dl", { class: "facts", id: "prov-facts" }, facts.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  const others = ev.mentions.filter(x => x.mention_id !== m.mention_id);
  const stored = m.explanation && Object.keys(m.explanation).length ? m.explanation : null;  // {}: an old store
  const explained = el("div", { id: "prov-explain" });
  const button = el("button", { type: "button", id: "explain", class: "secondary" }, "Explain (re-code the sentence)");
  button.addEventListener("click", () => explain(ev, m, explained, button));
  const permalink = el("a", { id: "permalink", href: hashFor("events", { event: ev.event_id }) }, "Permalink");
  // replaceChildren() would write a null child as the text "null": absent parts are filtered out
  p.replaceChildren(...[
    el("h2", {}, "Provenance ", permalink),
    el("blockquote", { id: "prov-sentence" }, sentenceOf(m)),
    el("p", { class: "legend" }, el("mark", { class: "source" }, "source"), " ",
      el("mark", { class: "trigger" }, "trigger"), " ", el("mark", { class: "target" }, "target")),
    el("p", {}, articleLink(m.article)),
    dl,
    el("h3", {}, "Why"),
    stored ? el("p", { class: "muted" }, "The coder's reasons, kept when this report was coded:") : null,
    stored ? explanationList(stored, "prov-why") : reasonList(storedReasons(m), "reasons"),
    stored ? null : el("p", {}, button),
    stored ? null : explained,
    others.length ? el("h3", {}, "Other reports") : null,
    others.length ? el("ul", { class: "mentions" }, others.map(o =>
      el("li", {}, sentenceOf(o), el("br"), articleLink(o.article), el("span", { class: "muted" }, ` · rule ${o.rule}`)))) : null,
  ].filter(Boolean));
}
