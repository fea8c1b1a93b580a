import { COST_MODES } from "../cost-modes.js";
import type { CostMode, CostReply, ErrorReply, Fmt, PhoneDetail, SendReply } from "../types.js";
import { decodeError } from "./error.js";
import {
  cleanBody,
  idValue,
  moneyJson,
  moneyText,
  num,
  parseJson,
  xmlBlocks,
  xmlEscape,
  xmlFields,
} from "./shared.js";

/**
 * Writes a successful send reply (spec §2.4). `cost` appears with cost=2/3 and `balance` with cost=3; `phones`
 * (op=1/err=1) appears in the XML and JSON formats only.
 */
export function encodeSendReply(r: SendReply, fmt: Fmt, costMode: CostMode): string {
  const { withCost, withBalance } = COST_MODES[costMode];
  switch (fmt) {
    case 0:
      return (
        `OK - ${r.cnt} SMS, ID - ${r.id}` +
        (withCost ? `, COST - ${moneyText(r.cost ?? 0)}` : "") +
        (withBalance ? `, BALANCE - ${moneyText(r.balance ?? 0)}` : "") +
        (r.code !== undefined ? `, CODE - ${r.code}` : "")
      );
    case 1:
      return [
        r.id,
        r.cnt,
        ...(withCost ? [moneyText(r.cost ?? 0)] : []),
        ...(withBalance ? [moneyText(r.balance ?? 0)] : []),
        ...(r.code !== undefined ? [r.code] : []),
      ].join(",");
    case 2: {
      const lines = [`<id>${xmlEscape(String(r.id))}</id>`, `<cnt>${r.cnt}</cnt>`];
      if (withCost) lines.push(`<cost>${moneyText(r.cost ?? 0)}</cost>`);
      if (withBalance) lines.push(`<balance>${moneyText(r.balance ?? 0)}</balance>`);
      if (r.code !== undefined) lines.push(`<code>${xmlEscape(r.code)}</code>`);
      if (r.phones) lines.push(phonesXml(r.phones));
      return `<result>\n${lines.join("\n")}\n</result>`;
    }
    case 3:
      return JSON.stringify({
        id: r.id,
        cnt: r.cnt,
        ...(withCost ? { cost: moneyJson(r.cost ?? 0) } : {}),
        ...(withBalance ? { balance: moneyJson(r.balance ?? 0) } : {}),
        ...(r.code !== undefined ? { code: r.code } : {}),
        ...(r.phones ? { phones: r.phones.map(phoneJson) } : {}),
      });
  }
}

/** Writes a successful cost reply (send.php with cost=1; spec §2.4). */
export function encodeCostReply(r: CostReply, fmt: Fmt): string {
  switch (fmt) {
    case 0:
      return `OK - ${r.cnt} SMS, COST - ${moneyText(r.cost)}`;
    case 1:
      return `${moneyText(r.cost)},${r.cnt}`;
    case 2: {
      const lines = [`<cost>${moneyText(r.cost)}</cost>`, `<cnt>${r.cnt}</cnt>`];
      if (r.phones) lines.push(phonesXml(r.phones));
      return `<result>\n${lines.join("\n")}\n</result>`;
    }
    case 3:
      return JSON.stringify({
        cost: moneyJson(r.cost),
        cnt: r.cnt,
        ...(r.phones ? { phones: r.phones.map(phoneJson) } : {}),
      });
  }
}

/** Reads a send reply: the success fields, or the error (spec §2.4, §2.5). */
export function decodeSendReply(body: string, fmt: Fmt): SendReply | ErrorReply {
  const err = decodeError(body, fmt);
  if (err) return err;
  const b = cleanBody(body);
  switch (fmt) {
    case 0: {
      const m = /^OK\s*-\s*(\d+)\s*SMS,\s*ID\s*-\s*([^,\s]+)(.*)$/s.exec(b);
      if (!m) return malformed(b);
      const rest = m[3]!;
      return compact({
        id: idValue(m[2]),
        cnt: Number(m[1]),
        cost: textField(rest, "COST"),
        balance: textField(rest, "BALANCE"),
        code: /CODE\s*-\s*([^,\s]+)/.exec(rest)?.[1],
      });
    }
    case 1: {
      const f = b.split(",");
      if (f.length < 2 || f[1]!.trim() === "") return malformed(b);
      return compact({
        id: idValue(f[0]),
        cnt: num(f[1]),
        cost: f[2] !== undefined ? num(f[2]) : undefined,
        balance: f[3] !== undefined ? num(f[3]) : undefined,
        code: f[4],
      });
    }
    case 2: {
      const f = xmlFields(b.replace(/<phones>[\s\S]*<\/phones>/, ""));
      if (!f.has("id")) return malformed(b);
      return compact({
        id: idValue(f.get("id")),
        cnt: num(f.get("cnt")),
        cost: f.has("cost") ? num(f.get("cost")) : undefined,
        balance: f.has("balance") ? num(f.get("balance")) : undefined,
        code: f.get("code"),
        phones: phonesFromXml(b),
      });
    }
    case 3: {
      const j = parseJson(b) as Record<string, unknown> | undefined;
      if (!j || typeof j !== "object" || !("id" in j)) return malformed(b);
      return compact({
        id: idValue(j.id),
        cnt: num(j.cnt),
        cost: j.cost !== undefined ? num(j.cost) : undefined,
        balance: j.balance !== undefined ? num(j.balance) : undefined,
        code: j.code !== undefined ? String(j.code) : undefined,
        phones: Array.isArray(j.phones) ? j.phones.map(phoneFromJson) : undefined,
      });
    }
  }
}

/** Reads a cost reply (send.php with cost=1). */
export function decodeCostReply(body: string, fmt: Fmt): CostReply | ErrorReply {
  const b = cleanBody(body);
  if (fmt === 1) {
    // "1.40,1" and the error "0,-7" have the same shape; the sign of the second field tells them apart.
    const f = b.split(",");
    if (f.length === 2 && f[1]!.trim().startsWith("-")) return { error: "", code: Math.abs(num(f[1])) };
    if (f.length < 2) return malformed(b);
    return { cost: num(f[0]), cnt: num(f[1]) };
  }
  const err = decodeError(b, fmt);
  if (err) return err;
  switch (fmt) {
    case 0: {
      const m = /^OK\s*-\s*(\d+)\s*SMS,\s*COST\s*-\s*([\d.]+)/.exec(b);
      return m ? { cost: Number(m[2]), cnt: Number(m[1]) } : malformed(b);
    }
    case 2: {
      const f = xmlFields(b.replace(/<phones>[\s\S]*<\/phones>/, ""));
      if (!f.has("cost")) return malformed(b);
      return compact({ cost: num(f.get("cost")), cnt: num(f.get("cnt")), phones: phonesFromXml(b) });
    }
    default: {
      const j = parseJson(b) as Record<string, unknown> | undefined;
      if (!j || typeof j !== "object" || !("cost" in j)) return malformed(b);
      return compact({
        cost: num(j.cost),
        cnt: num(j.cnt),
        phones: Array.isArray(j.phones) ? j.phones.map(phoneFromJson) : undefined,
      });
    }
  }
}

/** A reply that is neither a success nor a documented error: reported as code 0 with the body as text. */
export function malformed(body: string): ErrorReply {
  return { error: `unexpected response: ${body.slice(0, 200)}`, code: 0 };
}

function textField(s: string, key: string): number | undefined {
  const m = new RegExp(`${key}\\s*-\\s*([-\\d.]+)`).exec(s);
  return m ? Number(m[1]) : undefined;
}

function phoneJson(p: PhoneDetail): Record<string, unknown> {
  return {
    phone: p.phone,
    mccmnc: p.mccmnc,
    cost: moneyJson(p.cost),
    ...(p.status !== undefined ? { status: p.status } : {}),
    ...(p.error !== undefined ? { error: p.error } : {}),
  };
}

function phoneFromJson(v: unknown): PhoneDetail {
  const p = (v ?? {}) as Record<string, unknown>;
  return compact({
    phone: String(p.phone ?? ""),
    mccmnc: String(p.mccmnc ?? ""),
    cost: num(p.cost),
    status: p.status !== undefined && p.status !== null ? num(p.status) : undefined,
    error: p.error !== undefined && p.error !== null ? num(p.error) : undefined,
  });
}

function phonesXml(phones: PhoneDetail[]): string {
  const items = phones.map((p) => {
    const f = [
      `<phone>${xmlEscape(p.phone)}</phone>`,
      `<mccmnc>${xmlEscape(p.mccmnc)}</mccmnc>`,
      `<cost>${moneyText(p.cost)}</cost>`,
      ...(p.status !== undefined ? [`<status>${p.status}</status>`] : []),
      ...(p.error !== undefined ? [`<error>${p.error}</error>`] : []),
    ];
    return `<item>${f.join("")}</item>`;
  });
  return `<phones>${items.join("")}</phones>`;
}

function phonesFromXml(doc: string): PhoneDetail[] | undefined {
  const block = /<phones>([\s\S]*)<\/phones>/.exec(doc)?.[1];
  if (block === undefined) return undefined;
  return xmlBlocks(block, "item").map((f) =>
    compact({
      phone: f.get("phone") ?? "",
      mccmnc: f.get("mccmnc") ?? "",
      cost: num(f.get("cost")),
      status: f.has("status") ? num(f.get("status")) : undefined,
      error: f.has("error") ? num(f.get("error")) : undefined,
    }),
  );
}

/** Drops keys whose value is undefined, so decoded objects compare cleanly. */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}
