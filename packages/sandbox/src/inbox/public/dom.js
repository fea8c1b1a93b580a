// DOM helpers. Every piece of data reaches the page through textContent or an attribute value, never as markup.

/**
 * Creates an element. `props.text` becomes textContent, `props.class` the class list, other props attributes.
 * @param {string} tag
 * @param {Record<string, string | number | boolean | undefined>} [props]
 * @param {Array<Node | null | undefined>} [children]
 */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === false) continue;
    if (k === "text") node.textContent = String(v);
    else if (k === "class") node.className = String(v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/** "+7 701 123 45 67" for Kazakh/Russian numbers, "+<digits>" for other numbers, anything else as given. */
export function formatPhone(p) {
  if (/^7\d{10}$/.test(p)) return `+7 ${p.slice(1, 4)} ${p.slice(4, 7)} ${p.slice(7, 9)} ${p.slice(9)}`;
  return /^\d{8,15}$/.test(p) ? `+${p}` : p;
}

const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const day = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });

/** Time of day for today, day and time otherwise. */
export function formatTime(iso) {
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return today ? time.format(d) : `${day.format(d)} ${time.format(d)}`;
}

/** Money with two decimals and the currency. */
export function formatMoney(n, currency = "") {
  return `${Number(n).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`.trim();
}

/** The colour group of a status code. */
export function statusKind(status) {
  if (status === -1 || status === -2) return "pending";
  if (status === 0) return "sent";
  if (status === 1 || status === 2 || status === 4) return "delivered";
  return "failed";
}
