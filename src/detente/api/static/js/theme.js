// Dark mode: follows prefers-color-scheme until the toggle is used; the choice is kept in localStorage.
const KEY = "detente-theme";

function stored() {
  try { return localStorage.getItem(KEY); } catch { return null; }  // storage can be disabled
}

function isDark() {
  const theme = document.documentElement.dataset.theme;
  if (theme) return theme === "dark";
  return window.matchMedia("(prefers-color-scheme: dark)").matches;
}

export function initTheme() {
  const saved = stored();
  if (saved === "dark" || saved === "light") document.documentElement.dataset.theme = saved;
  const button = document.getElementById("theme-toggle");
  const label = () => {
    button.setAttribute("aria-pressed", String(isDark()));
    button.textContent = isDark() ? "☀ Light" : "☾ Dark";
  };
  label();
  button.addEventListener("click", () => {
    const next = isDark() ? "light" : "dark";
    document.documentElement.dataset.theme = next;
    try { localStorage.setItem(KEY, next); } catch { /* not remembered, still switched */ }
    label();
  });
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", label);
}
