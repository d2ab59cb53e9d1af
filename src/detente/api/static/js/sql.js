// The SQL page, in the Datasette manner: an editor, a results table, the query in the URL (#sql?sql=…)
// so a result can be shared, example queries, and the API's reason when a statement is refused.
import { el } from "./dom.js";
import { getJSON, withParams } from "./api.js";
import { hashFor, navigate } from "./url.js";

export const EXAMPLES = [
  ["Top dyads", `SELECT source_country, target_country, count(*) AS events
FROM events
WHERE source_country <> '' AND target_country <> ''
GROUP BY 1, 2 ORDER BY events DESC LIMIT 20`],
  ["Events per year", `SELECT year(date) AS year, count(*) AS events, round(avg(goldstein), 2) AS goldstein_mean
FROM events GROUP BY 1 ORDER BY 1 NULLS LAST`],
  ["Protests by country", `SELECT coalesce(nullif(location_country, ''), source_country) AS country, count(*) AS protests
FROM events WHERE plover_type = 'PROTEST'
GROUP BY 1 ORDER BY protests DESC`],
  ["Most reported events", `SELECT event_id, date, date_precision, source_code, cameo_code, target_code, num_mentions
FROM events ORDER BY num_mentions DESC, date DESC LIMIT 20`],
  ["Events by news source", `SELECT a.source, count(DISTINCT l.event_id) AS events
FROM event_mentions l JOIN mentions m USING (mention_id) JOIN articles a USING (article_id)
GROUP BY 1 ORDER BY events DESC`],
];

const form = () => document.getElementById("sql-form");
let asked = 0;

function cell(v) {
  if (v === null || v === undefined) return el("td", { class: "muted" }, "null");
  if (typeof v === "number") return el("td", { class: "num" }, String(v));
  return el("td", {}, typeof v === "object" ? JSON.stringify(v) : String(v));
}

export async function showSqlView(params) {
  const f = form();
  const sql = params.sql || "";
  f.elements.sql.value = sql;
  if (params.max_rows) f.elements.max_rows.value = params.max_rows;
  const status = document.getElementById("sql-status");
  const head = document.querySelector("#sql-table thead"), body = document.querySelector("#sql-table tbody");
  const csv = document.getElementById("sql-csv");
  status.classList.remove("error");
  if (!sql.trim()) {
    head.replaceChildren();
    body.replaceChildren();
    csv.hidden = true;
    status.textContent = "Write a query or pick an example.";
    return;
  }
  const query = { sql, max_rows: f.elements.max_rows.value };
  csv.href = withParams("/api/sql", { ...query, format: "csv" });
  csv.hidden = false;
  status.textContent = "Running…";
  const ticket = ++asked, t0 = performance.now();
  let res;
  try {
    res = await getJSON("/api/sql", query);
  } catch (err) {
    if (ticket !== asked) return;
    head.replaceChildren();
    body.replaceChildren();
    csv.hidden = true;
    status.textContent = `Refused or failed: ${err.message}`;
    status.classList.add("error");
    return;
  }
  if (ticket !== asked) return;
  head.replaceChildren(el("tr", {}, res.columns.map(c => el("th", { scope: "col" }, c))));
  body.replaceChildren(...res.rows.map(r => el("tr", {}, r.map(cell))));
  const ms = Math.round(performance.now() - t0);
  status.textContent = `${res.rows.length} row(s)${res.truncated ? ` — truncated at ${res.rows.length}; raise Max rows or add LIMIT` : ""} · ${ms} ms`;
}

export function initSql() {
  const f = form();
  const run = () => {
    const params = { sql: f.elements.sql.value, max_rows: f.elements.max_rows.value };
    const hash = hashFor("sql", params);
    if (hash === location.hash) showSqlView(params);  // the same query again: run it again
    else navigate(hash);
  };
  f.addEventListener("submit", ev => { ev.preventDefault(); run(); });
  f.elements.sql.addEventListener("keydown", ev => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); run(); }
  });
  document.getElementById("sql-examples").replaceChildren(...EXAMPLES.flatMap(([name, sql], i) =>
    [i ? " · " : "", el("a", { href: hashFor("sql", { sql }), class: "example" }, name)]));
}
