import type { BalanceReply, ErrorReply, Fmt } from "../types.js";
import { decodeError } from "./error.js";
import { compact, malformed } from "./send.js";
import { cleanBody, moneyJson, moneyText, num, parseJson, xmlElement, xmlFields } from "./shared.js";

/**
 * Writes a balance reply (spec §5): "250.80", with cur=1 "250.80,KZT", and with a credit limit
 * "250.80,500.00,KZT". `credit` is written only when the account has a credit limit.
 */
export function encodeBalanceReply(r: BalanceReply, fmt: Fmt, withCurrency: boolean): string {
  const credit = r.credit ? r.credit : undefined;
  const currency = withCurrency ? (r.currency ?? "") : undefined;
  switch (fmt) {
    case 0:
    case 1:
      return [
        moneyText(r.balance),
        ...(credit !== undefined ? [moneyText(credit)] : []),
        ...(currency !== undefined ? [currency] : []),
      ].join(",");
    case 2:
      return xmlElement("result", [
        ["balance", moneyText(r.balance)],
        ...(credit !== undefined ? [["credit", moneyText(credit)] as const] : []),
        ...(currency !== undefined ? [["currency", currency] as const] : []),
      ]);
    case 3:
      return JSON.stringify({
        balance: moneyText(r.balance),
        ...(credit !== undefined ? { credit: moneyJson(credit) } : {}),
        ...(currency !== undefined ? { currency } : {}),
      });
  }
}

/** Reads a balance reply, or the error. */
export function decodeBalanceReply(body: string, fmt: Fmt): BalanceReply | ErrorReply {
  const b = cleanBody(body);
  const err = decodeError(b, fmt);
  if (err) return err;
  switch (fmt) {
    case 0:
    case 1: {
      const f = b.split(",");
      if (f[0] === undefined || !/^-?[\d.]+$/.test(f[0].trim())) return malformed(b);
      if (f.length === 1) return { balance: num(f[0]) };
      // "250.80,KZT" or "250.80,500.00,KZT": the currency is the non-numeric last field
      const last = f[f.length - 1]!.trim();
      const hasCurrency = !/^-?[\d.]+$/.test(last);
      return compact({
        balance: num(f[0]),
        credit: f.length === 3 || (!hasCurrency && f.length === 2) ? num(f[1]) : undefined,
        currency: hasCurrency ? last : undefined,
      });
    }
    case 2: {
      const m = xmlFields(b);
      if (!m.has("balance")) return malformed(b);
      return compact({
        balance: num(m.get("balance")),
        credit: m.has("credit") ? num(m.get("credit")) : undefined,
        currency: m.get("currency"),
      });
    }
    case 3: {
      const j = parseJson(b) as Record<string, unknown> | undefined;
      if (!j || typeof j !== "object" || !("balance" in j)) return malformed(b);
      return compact({
        balance: num(j.balance),
        credit: j.credit !== undefined ? num(j.credit) : undefined,
        currency: j.currency !== undefined ? String(j.currency) : undefined,
      });
    }
  }
}
