// The view and its parameters live in the URL hash (#view/arg?k=v&…), so a reload or a shared link
// shows the same view; navigate() pushes a history entry so back/forward step through views.
export function current() {
  const [path, query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const [view, ...rest] = path.split("/");
  return { view: view || "events", arg: decodeURIComponent(rest.join("/")), params: new URLSearchParams(query) };
}

// A hash for the view with the non-empty parameters (an object or URLSearchParams).
export function hashFor(view, params = {}, arg = "") {
  const qs = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? params.entries() : Object.entries(params);
  for (const [k, v] of entries) if (v !== "" && v !== null && v !== undefined) qs.set(k, String(v));
  const path = arg ? `${view}/${encodeURIComponent(arg)}` : view;
  return `#${path}${qs.toString() ? "?" + qs : ""}`;
}

let onChange = () => {};

// The router calls `handler` after every navigate() and on back/forward.
export function listen(handler) {
  onChange = handler;
  window.addEventListener("popstate", () => onChange());
  window.addEventListener("hashchange", () => onChange());  // a typed URL or an <a href="#…">
}

export function navigate(hash, { replace = false, quiet = false } = {}) {
  if (hash === location.hash) return;
  if (replace) history.replaceState(null, "", hash);
  else history.pushState(null, "", hash);
  if (!quiet) onChange();
}
