// The search box's syntax (docs/inbox.md "Search"): `key:value` tokens narrow the list, everything else is free text.
//   status:failed format:flash from:Shop to:7701 origin:smpp login:demo your code
// Values with spaces go in quotes (from:"My Shop"), lists are comma-separated (status:failed,pending). Pure
// functions, no DOM: the inbox and its unit test share them.

/** Status words and the codes they stand for (spec §4.2). */
export const STATUS_WORDS = {
  failed: [3, 20, 22, 23, 24, 25],
  delivered: [1, 2, 4],
  pending: [-1],
  stopped: [-2],
  sent: [0],
  read: [2],
  clicked: [4],
  expired: [3],
};

/** Other names accepted for formats: the voice call is `call` on the wire. */
export const FORMAT_ALIASES = { voice: "call", binary: "bin", email: "mail", telegram: "tg", wap: "push" };

export const ORIGINS = ["http", "smtp", "smpp", "rest", "soap", "oms"];

/** The keys, and the API parameter each sets. */
const KEYS = {
  status: "status",
  format: "format",
  origin: "origin",
  from: "sender",
  sender: "sender",
  to: "phoneContains",
  phone: "phoneContains",
  login: "login",
  account: "login",
};

/**
 * Splits a query into tokens: `key:value`, `key:"a b"`, `"a phrase"` and words.
 * @returns {Array<{ key?: string, value: string, raw: string }>}
 */
export function tokenize(text) {
  const tokens = [];
  // key:value, key:"quoted", key: (empty), "a phrase", or a word; every alternative takes at least one character
  const re = /([A-Za-z]+):(?:"([^"]*)"?|(\S+))?|"([^"]*)"?|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const key = m[1]?.toLowerCase();
    if (key !== undefined && Object.hasOwn(KEYS, key))
      tokens.push({ key, value: m[2] ?? m[3] ?? "", raw: m[0] });
    else tokens.push({ value: m[4] ?? m[0], raw: m[0] });
  }
  return tokens;
}

/**
 * Reads a query into the API's message filter.
 * @param {string} text
 * @param {string[]} formats the protocol's format names
 * @returns {{ filter: Record<string, string>, errors: string[], outgoingOnly: boolean, incomingText?: string }}
 *   `filter` holds API query parameters; `outgoingOnly` is set when a key only sent messages have is used (incoming
 *   SMS are then hidden)
 */
export function parseQuery(text, formats) {
  const filter = {};
  const errors = [];
  const words = [];
  const status = new Set();
  const format = new Set();
  const origin = new Set();
  for (const t of tokenize(text)) {
    if (t.key === undefined) {
      words.push(t.value);
      continue;
    }
    const param = KEYS[t.key];
    const values = t.value
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length === 0) {
      errors.push(`${t.key}: needs a value`);
      continue;
    }
    if (param === "status") {
      for (const v of values) {
        const codes = /^-?\d+$/.test(v) ? [Number(v)] : STATUS_WORDS[v.toLowerCase()];
        if (codes) for (const c of codes) status.add(c);
        else errors.push(`status:${v} is not a status (${Object.keys(STATUS_WORDS).join(", ")} or a code)`);
      }
    } else if (param === "format") {
      for (const v of values) {
        const name =
          FORMAT_ALIASES[v.toLowerCase()] ?? formats.find((f) => f.toLowerCase() === v.toLowerCase());
        if (name) format.add(name);
        else errors.push(`format:${v} is not a format (${formats.join(", ")})`);
      }
    } else if (param === "origin") {
      for (const v of values) {
        if (ORIGINS.includes(v.toLowerCase())) origin.add(v.toLowerCase());
        else errors.push(`origin:${v} is not an origin (${ORIGINS.join(", ")})`);
      }
    } else filter[param] = t.value.trim();
  }
  if (status.size) filter.status = [...status].sort((a, b) => a - b).join(",");
  if (format.size) filter.format = [...format].join(",");
  if (origin.size) filter.origin = [...origin].join(",");
  const q = words.join(" ").trim();
  if (q) filter.q = q;
  const outgoingOnly = Boolean(filter.status || filter.format || filter.origin || filter.sender);
  return { filter, errors, outgoingOnly };
}

/**
 * Rewrites one key of a query: every token of `key` (and its synonyms) is removed, and `key:value` appended unless
 * `value` is empty. The rest of the query stays as typed.
 */
export function setToken(text, key, value) {
  const param = KEYS[key];
  const kept = tokenize(text)
    .filter((t) => t.key === undefined || KEYS[t.key] !== param)
    .map((t) => t.raw);
  if (value) kept.push(/\s/.test(value) ? `${key}:"${value}"` : `${key}:${value}`);
  return kept.join(" ");
}

/** The value of a key as typed (the last token of it or its synonyms), or "". */
export function tokenValue(text, key) {
  const param = KEYS[key];
  const found = tokenize(text).filter((t) => t.key !== undefined && KEYS[t.key] === param);
  return found.length ? found[found.length - 1].value : "";
}

/** A number fragment as the API's phoneContains reads it: digits when written as a number, else the text. */
export function phoneFragment(v) {
  const t = v.trim();
  return /^[\d\s()+-]+$/.test(t) && /\d/.test(t) ? t.replace(/\D/g, "") : t;
}

/**
 * Whether an incoming SMS passes a filter (the server filters sent messages; incoming SMS are matched here the same
 * way: login exactly, the number containing the fragment, the free text in the text or, for a number, the number).
 */
export function incomingMatches(m, parsed) {
  const f = parsed.filter;
  if (parsed.outgoingOnly) return false;
  if (f.login && m.login !== f.login) return false;
  if (f.phoneContains && !m.phone.includes(phoneFragment(f.phoneContains))) return false;
  if (f.q) {
    const q = f.q.toLocaleLowerCase();
    const digits = q.replace(/\D/g, "");
    const byNumber = /^[\d\s()+-]+$/.test(q) && digits !== "" && m.phone.includes(digits);
    if (!m.text.toLocaleLowerCase().includes(q) && !byNumber) return false;
  }
  return true;
}
