// Calls to the Détente API; errors become Error objects with the API's message.
export async function getJSON(path, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) qs.set(k, v);
  const url = qs.toString() ? `${path}?${qs}` : path;
  return parse(await fetch(url, { headers: { Accept: "application/json" } }));
}

export async function postJSON(path, body) {
  return parse(await fetch(path, {
    method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  }));
}

async function parse(res) {
  let data = null;
  try { data = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) {
    const msg = data && typeof data.detail === "string" ? data.detail : `HTTP ${res.status}`;
    throw new Error(msg);
  }
  return data;
}
