// The colour scheme: the system's (prefers-color-scheme) unless the theme button chose light or dark, remembered in
// localStorage. A classic script in <head>, so the page is painted in the right scheme from the first frame.
(() => {
  const KEY = "smsc-inbox-theme";
  const ORDER = ["auto", "dark", "light"];
  const LABELS = { auto: "Auto", dark: "Dark", light: "Light" };
  const media = matchMedia("(prefers-color-scheme: dark)");
  const root = document.documentElement;
  // used when storage is refused (some private modes): the choice then lasts for this page only
  let memory = "auto";

  const stored = () => {
    try {
      const v = localStorage.getItem(KEY);
      return v === "dark" || v === "light" ? v : "auto";
    } catch {
      return memory;
    }
  };

  const apply = () => {
    const pref = stored();
    root.dataset.theme = pref === "auto" ? (media.matches ? "dark" : "light") : pref;
    root.dataset.themePref = pref;
    const button = document.getElementById("theme");
    if (!button) return;
    document.getElementById("theme-label").textContent = LABELS[pref];
    button.setAttribute(
      "aria-label",
      pref === "auto" ? `Theme: follows the system (${root.dataset.theme})` : `Theme: ${pref}`,
    );
    button.title = "Switch the theme: auto, dark, light";
  };

  apply();
  media.addEventListener("change", apply);
  addEventListener("storage", (e) => {
    if (e.key === KEY) apply();
  });
  document.addEventListener("DOMContentLoaded", () => {
    apply();
    document.getElementById("theme").addEventListener("click", () => {
      const next = ORDER[(ORDER.indexOf(stored()) + 1) % ORDER.length];
      memory = next;
      try {
        if (next === "auto") localStorage.removeItem(KEY);
        else localStorage.setItem(KEY, next);
      } catch {}
      apply();
    });
  });
})();
