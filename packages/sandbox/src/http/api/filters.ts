import { MESSAGE_FORMATS } from "smsc/protocol";
import { normalisePhone } from "../../store/address.js";
import type { MessageFilter } from "../../store/inspection.js";
import { HttpError } from "../http-types.js";

/** The largest page the API returns. */
export const MAX_LIMIT = 1000;

/** Reads a non-negative integer query parameter; undefined when absent or empty. */
export function intParam(
  q: URLSearchParams,
  name: string,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const v = q.get(name);
  if (v === null || v.trim() === "") return undefined;
  if (!/^\d+$/.test(v.trim())) throw new HttpError(400, `${name} must be a non-negative integer, got "${v}"`);
  const n = Number(v.trim());
  if (n > max) throw new HttpError(400, `${name} must be at most ${max}`);
  return n;
}

/** The adapters a message can come through, for the `origin` filter. */
const ORIGINS = ["http", "smtp", "smpp", "rest", "soap", "oms"] as const;

/**
 * Reads the message filter of `GET /api/v1/messages` and friends: phone, phoneContains, text, sender, status,
 * format and origin (comma lists), q, login (or account), before, after, limit.
 */
export function messageFilter(q: URLSearchParams): MessageFilter {
  const f: MessageFilter = {};
  const str = (name: string) => {
    const v = q.get(name);
    return v === null || v === "" ? undefined : v;
  };
  const phone = str("phone");
  if (phone !== undefined) f.phone = normalisePhone(phone);
  const text = str("text");
  if (text !== undefined) f.text = text;
  const sender = str("sender");
  if (sender !== undefined) f.sender = sender;
  const search = str("q");
  if (search !== undefined) f.q = search;
  const login = str("login") ?? str("account");
  if (login !== undefined) f.login = login;
  const status = str("status");
  if (status !== undefined) {
    const list = status.split(",").map((s) => s.trim());
    if (list.some((s) => !/^-?\d+$/.test(s)))
      throw new HttpError(400, `status must be a comma list of integers`);
    f.status = list.map(Number);
  }
  const format = str("format");
  if (format !== undefined) f.format = nameList("format", format, Object.keys(MESSAGE_FORMATS));
  const origin = str("origin");
  if (origin !== undefined) f.origin = nameList("origin", origin, ORIGINS);
  const contains = str("phoneContains");
  if (contains !== undefined) f.phoneContains = phoneFragment(contains);
  const before = intParam(q, "before");
  if (before !== undefined) f.before = before;
  const after = intParam(q, "after");
  if (after !== undefined) f.after = after;
  f.limit = intParam(q, "limit", MAX_LIMIT) ?? 50;
  return f;
}

/** A comma list of known names; 400 naming the allowed ones otherwise. */
function nameList(param: string, value: string, allowed: readonly string[]): string[] {
  const list = value.split(",").map((s) => s.trim());
  const bad = list.find((s) => !allowed.includes(s));
  if (bad !== undefined)
    throw new HttpError(400, `${param} must be a comma list of ${allowed.join(", ")}; got "${bad}"`);
  return list;
}

/** The part of a number to look for: its digits when written as a number (`+7 701`), else the text (an address). */
function phoneFragment(v: string): string {
  const t = v.trim();
  return /^[\d\s()+-]+$/.test(t) && /\d/.test(t) ? t.replace(/\D/g, "") : t;
}
