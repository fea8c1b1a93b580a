import type { ErrorReply, Fmt } from "../types.js";
import { decodeError } from "./error.js";
import { malformed } from "./send.js";
import { cleanBody, parseJson, xmlEscape, xmlFields } from "./shared.js";

/** The reply of wait_call.php (spec §6.13; api-surface §10): the number to dial and every number that may be used. */
export interface WaitCallReply {
  /** The number the subscriber has to call (digits, as the service writes numbers). */
  phone: string;
  /** Every number the confirmation call may go to (`all_phones`). */
  allPhones: string[];
  /** Fields of the reply this library does not know, as they came. */
  extra?: Record<string, unknown>;
}

const KNOWN = new Set(["phone", "all_phones"]);

/**
 * Writes a wait_call.php reply. fmt=3 is the observed `{"phone", "all_phones": […]}`; fmt=0 `phone = …, all_phones =
 * a,b`, fmt=1 the number then the list, fmt=2 `<result>` with `<all_phones><item>…` are our inference in the
 * service's conventions (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Confirmation by call").
 */
export function encodeWaitCallReply(r: WaitCallReply, fmt: Fmt): string {
  switch (fmt) {
    case 0:
      return `phone = ${r.phone}, all_phones = ${r.allPhones.join(",")}`;
    case 1:
      return [r.phone, ...r.allPhones].join(",");
    case 2: {
      const items = r.allPhones.map((p) => `<item>${xmlEscape(p)}</item>`).join("");
      return `<result>\n<phone>${xmlEscape(r.phone)}</phone>\n<all_phones>${items}</all_phones>\n</result>`;
    }
    case 3:
      return JSON.stringify({ phone: r.phone, all_phones: r.allPhones });
  }
}

/** Reads a wait_call.php reply in any format, or its error; unknown fields are kept in `extra`. */
export function decodeWaitCallReply(body: string, fmt: Fmt): WaitCallReply | ErrorReply {
  const b = cleanBody(body);
  const err = decodeError(b, fmt);
  if (err) return err;
  switch (fmt) {
    case 0: {
      const pairs = textPairs(b);
      const phone = pairs.get("phone");
      if (phone === undefined) return malformed(b);
      const all = pairs.get("all_phones");
      return reply(phone, all ? all.split(",").map((p) => p.trim()) : [phone], pairs);
    }
    case 1: {
      const f = b.split(",").map((p) => p.trim());
      if (!/^\+?\d+$/.test(f[0] ?? "")) return malformed(b);
      return { phone: f[0]!, allPhones: f.length > 1 ? f.slice(1) : [f[0]!] };
    }
    case 2: {
      const block = /<all_phones>([\s\S]*?)<\/all_phones>/.exec(b);
      const fields = xmlFields(b.replace(/<all_phones>[\s\S]*?<\/all_phones>/, ""));
      const phone = fields.get("phone");
      if (phone === undefined) return malformed(b);
      const all = block
        ? [...block[1]!.matchAll(/<item>([^<]*)<\/item>/g)].map((m) => m[1]!.trim())
        : [phone];
      return reply(phone, all, fields);
    }
    case 3: {
      const j = parseJson(b) as Record<string, unknown> | undefined;
      if (!j || typeof j !== "object" || Array.isArray(j) || j.phone === undefined) return malformed(b);
      const all = Array.isArray(j.all_phones) ? j.all_phones.map(String) : [String(j.phone)];
      return reply(String(j.phone), all, new Map(Object.entries(j)));
    }
  }
}

function reply(phone: string, allPhones: string[], fields: Map<string, unknown>): WaitCallReply {
  const extra = Object.fromEntries([...fields].filter(([k]) => !KNOWN.has(k)));
  return { phone: phone.trim(), allPhones, ...(Object.keys(extra).length ? { extra } : {}) };
}

/**
 * Reads the `key = value, key = value` text layout of the scripts beyond send.php (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md). `last` names
 * a field written last whose value may itself hold ", " (a link): everything after it is its value.
 */
export function textPairs(line: string, last?: string): Map<string, string> {
  const out = new Map<string, string>();
  let head = line;
  if (last !== undefined) {
    const m = new RegExp(`(?:^|, )${last} = `).exec(line);
    if (m) {
      out.set(last, line.slice(m.index + m[0].length));
      head = line.slice(0, m.index);
    }
  }
  for (const m of head.matchAll(/(?:^|, )([a-z_]+) = ((?:(?!, [a-z_]+ = ).)*)/g))
    if (!out.has(m[1]!)) out.set(m[1]!, m[2]!.trim());
  return out;
}
