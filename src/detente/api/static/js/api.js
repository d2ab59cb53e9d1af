// Calls to the Détente API; errors become Error objects with the API's message.
export async function getJSON(path, params = {}) {
  return parse(await fetch(withParams(path, params), { headers: { Accept: "application/json" } }));
}

// `path?k=v…` with the non-empty parameters (an object or URLSearchParams), e.g. for download links.
export function withParams(path, params = {}) {
  const qs = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? params.entries() : Object.entries(params);
  for (const [k, v] of entries) if (v !== "" && v !== null && v !== undefined) qs.set(k, v);
  return qs.toString() ? `${path}?${qs}` : path;
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
