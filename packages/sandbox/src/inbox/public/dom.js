// DOM and formatting helpers. Every piece of data reaches the page through textContent or an attribute value, never
// as markup. The chrome is English; dates and numbers use British English (24-hour clock, "24 Nov 2026").

/**
 * Creates an element. `props.text` becomes textContent, `props.class` the class list, other props attributes.
 * @param {string} tag
 * @param {Record<string, string | number | boolean | undefined>} [props]
 * @param {Array<Node | string | null | undefined | false>} [children] strings become text nodes
 */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === false) continue;
    if (k === "text") node.textContent = String(v);
    else if (k === "class") node.className = String(v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of children) if (child || child === "") node.append(child);
  return node;
}

/** "+7 701 123 45 67" for Kazakh/Russian numbers, "+<digits>" for other numbers, anything else as given. */
export function formatPhone(p) {
  if (/^7\d{10}$/.test(p)) return `+7 ${p.slice(1, 4)} ${p.slice(4, 7)} ${p.slice(7, 9)} ${p.slice(9)}`;
  return /^\d{8,15}$/.test(p) ? `+${p}` : p;
}

const LOCALE = "en-GB";
const clock = new Intl.DateTimeFormat(LOCALE, { hour: "2-digit", minute: "2-digit" });
const clockSeconds = new Intl.DateTimeFormat(LOCALE, {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});
const shortDay = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "short" });
const fullDay = new Intl.DateTimeFormat(LOCALE, {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});
const dateTime = new Intl.DateTimeFormat(LOCALE, {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

const toDate = (t) => (t instanceof Date ? t : new Date(t));
const sameDay = (a, b) => a.toDateString() === b.toDateString();

/** "14:05" today, "24 Nov" on another day of this year, "24 Nov 2025" before: the list's time column. */
export function formatShort(t) {
  const d = toDate(t);
  const now = new Date();
  if (sameDay(d, now)) return clock.format(d);
  if (d.getFullYear() === now.getFullYear()) return shortDay.format(d);
  return `${shortDay.format(d)} ${d.getFullYear()}`;
}

/** Time of day with seconds: inside a thread, under its day separator. */
export function formatClock(t) {
  return clockSeconds.format(toDate(t));
}

/** "24 Nov 2026, 14:05:07": wherever a moment stands alone. */
export function formatDateTime(t) {
  return dateTime.format(toDate(t));
}

/** A thread's day separator: "Today", "Yesterday" or "Monday, 24 November 2026". */
export function dayLabel(t) {
  const d = toDate(t);
  const now = new Date();
  if (sameDay(d, now)) return "Today";
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(d, yesterday)) return "Yesterday";
  return fullDay.format(d);
}

/** The local calendar day of a moment, as a key ("2026-11-24"). */
export function dayKey(t) {
  const d = toDate(t);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/** "in 2 h 5 min", "in 40 s", "in 1 day 3 h", "3 min ago": how far a moment is from now. */
export function relative(t, now = Date.now()) {
  const ms = toDate(t).getTime() - now;
  const s = Math.round(Math.abs(ms) / 1000);
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const text =
    s < 60
      ? `${s} s`
      : s < 3600
        ? `${minutes} min`
        : days === 0
          ? `${hours} h ${minutes} min`
          : `${days} day${days === 1 ? "" : "s"}${hours ? ` ${hours} h` : ""}`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

/** A whole number with thousands separators. */
export function formatCount(n) {
  return Number(n).toLocaleString("en-US");
}

/** Money with two decimals and the currency. */
export function formatMoney(n, currency = "") {
  return `${Number(n).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`.trim();
}

/** "1 part", "2 parts". */
export function plural(n, word) {
  return `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;
}

/** The colour group of a status code. */
export function statusKind(status) {
  if (status === -1 || status === -2) return "pending";
  if (status === 0) return "sent";
  if (status === 1 || status === 2 || status === 4) return "delivered";
  return "failed";
}

/**
 * Moves the focus among `items` (roving tabindex: only the current one is in the Tab order).
 * @param {HTMLElement[]} items
 * @param {HTMLElement | undefined} current
 * @param {number} delta +1 next, -1 previous, 0 the current one
 * @returns {HTMLElement | undefined} the newly focused item
 */
export function rove(items, current, delta) {
  if (items.length === 0) return undefined;
  const i = current ? items.indexOf(current) : -1;
  const next =
    items[i < 0 ? (delta > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, i + delta))];
  for (const item of items) item.tabIndex = item === next ? 0 : -1;
  next.focus();
  next.scrollIntoView({ block: "nearest" });
  return next;
}

/** Makes `item` the one member of `items` in the Tab order (without focusing it). */
export function setTabStop(items, item) {
  for (const x of items) x.tabIndex = x === item ? 0 : -1;
}
