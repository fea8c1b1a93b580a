import type { Fmt } from "../types.js";

/** Money as the text formats print it: two decimals ("1.40", "100.50"; spec §2.4, §5). */
export function moneyText(n: number): string {
  return round2(n).toFixed(2);
}

/** Money as the JSON replies print it: a string without trailing zeros ("3.8", "286.55"; spec §2.4 [OBS]). */
export function moneyJson(n: number): string {
  return String(round2(n));
}

/** Rounds to cents, avoiding binary artefacts such as 0.1 + 0.2. */
export function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Escapes text for an XML element. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** Reverses xmlEscape, and numeric references. */
export function xmlUnescape(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const l = e.toLowerCase();
    if (l.startsWith("#x")) return String.fromCodePoint(Number.parseInt(l.slice(2), 16));
    if (l.startsWith("#")) return String.fromCodePoint(Number.parseInt(l.slice(1), 10));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[l]!;
  });
}

/** Writes `<root>` with one child element per pair, one per line (the layout of the documented error XML). */
export function xmlElement(root: string, pairs: ReadonlyArray<readonly [string, string | number]>): string {
  const body = pairs.map(([k, v]) => `<${k}>${xmlEscape(String(v))}</${k}>`).join("\n");
  return `<${root}>\n${body}\n</${root}>`;
}

/** Reads the direct text children of every `<tag>…</tag>` block in a document (no nesting beyond one level). */
export function xmlBlocks(doc: string, tag: string): Array<Map<string, string>> {
  const out: Array<Map<string, string>> = [];
  const re = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g");
  for (const m of doc.matchAll(re)) out.push(xmlFields(m[1]!));
  return out;
}

/** Reads `<k>v</k>` pairs (and empty `<k/>`) of an XML fragment into a map. */
export function xmlFields(fragment: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of fragment.matchAll(/<([a-z_][\w]*)(?:\s*\/>|>([^<]*)<\/\1>)/gi)) {
    map.set(m[1]!, xmlUnescape(m[2] ?? ""));
  }
  return map;
}

/** Parses a JSON body, returning undefined when it is not JSON. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Reads a number from a wire value ("1.40", 3, "") — NaN-free: "" and garbage give the fallback. */
export function num(v: unknown, fallback = 0): number {
  if (typeof v === "number") return Number.isFinite(v) ? v : fallback;
  if (typeof v !== "string" || v.trim() === "") return fallback;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : fallback;
}

/** Reads an id: numeric strings become numbers, anything else stays a string. */
export function idValue(v: unknown): number | string {
  if (typeof v === "number") return v;
  const s = String(v ?? "").trim();
  return /^-?\d+$/.test(s) && s.length < 16 ? Number(s) : s;
}

/** Whether a value is a response format. */
export function isFmt(v: number): v is Fmt {
  return v === 0 || v === 1 || v === 2 || v === 3;
}

/** Parses the `fmt` request parameter; anything unknown is the default 0. */
export function parseFmt(v: string | undefined): Fmt {
  const n = Number(v);
  return isFmt(n) ? n : 0;
}

/** Strips a UTF-8 BOM and surrounding whitespace from a response body. */
export function cleanBody(body: string): string {
  return body.replace(/^\uFEFF/, "").trim();
}

/** A wire id as replies print it: canonical decimal numbers as numbers (JSON `"id":63`), anything else as text. */
export function toMessageId(s: string): number | string {
  return /^[1-9]\d{0,14}$/.test(s) ? Number(s) : s;
}
