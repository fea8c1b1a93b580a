import { STATUS } from "../status-codes.js";
import type { ErrorReply, Fmt, HlrFields, StatusRecord } from "../types.js";
import { decodeError } from "./error.js";
import { compact, malformed } from "./send.js";
import { cleanBody, idValue, moneyJson, moneyText, num, parseJson, xmlBlocks, xmlElement } from "./shared.js";

/** How a status request was asked: detail level and whether it was a multi (comma list) request (spec §4.1). */
export interface StatusShape {
  all: 0 | 1 | 2;
  multi: boolean;
}

/** The HLR fields in wire order (spec §4.5). */
export const HLR_KEYS = ["imsi", "msc", "mcc", "mnc", "cn", "net", "rcn", "rnet"] as const;

/** The marker in the sender_id position of HLR records, which the libraries test for (spec §4.5). */
const HLR_SENDER = "HLR";

type Cell = readonly [key: string, value: string | number];

/**
 * The fields of one record in wire order for a format. Layout choices where the spec is silent (the position of
 * country/operator/region, the HLR tail, the multi id/phone) follow the official libraries' parsing rules and are
 * written down in https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md.
 */
function cells(r: StatusRecord, fmt: Fmt, shape: StatusShape): Cell[] {
  const text = fmt === 0 || fmt === 1;
  const out: Cell[] = [["status", r.status]];
  const notFound = r.status === STATUS.notFound && !r.lastTimestamp;
  if (notFound && fmt !== 1) return withMulti(out, r, shape);
  if (fmt === 0) out.push(["check_time", r.lastDate]);
  else if (fmt === 1) out.push(["last_timestamp", r.lastTimestamp]);
  else out.push(["last_date", r.lastDate], ["last_timestamp", r.lastTimestamp], ["flag", r.flag ?? 0]);
  out.push(["err", r.err]);
  if (r.hlr) for (const k of HLR_KEYS) out.push([k, r.hlr[k]]);
  if (shape.all > 0) {
    if (fmt === 0) out.push(["send_date", r.sendDate ?? ""]);
    else if (fmt === 1) out.push(["send_timestamp", r.sendTimestamp ?? 0]);
    else out.push(["send_date", r.sendDate ?? ""], ["send_timestamp", r.sendTimestamp ?? 0]);
    out.push(["phone", r.phone ?? ""], ["cost", text ? moneyText(r.cost ?? 0) : moneyJson(r.cost ?? 0)]);
    if (shape.all === 2) {
      out.push(["country", r.country ?? ""], ["operator", r.operator ?? ""], ["region", r.region ?? ""]);
      if (!text) out.push(["mccmnc", r.mccmnc ?? ""]);
    }
    out.push(
      ["sender_id", r.hlr && text ? HLR_SENDER : (r.senderId ?? "")],
      ["status_name", r.statusName ?? ""],
      ["message", r.message ?? ""],
      ["comment", r.comment ?? ""],
      ["type", r.type ?? 0],
    );
    if (!text) out.push(["sms_cnt", r.smsCnt ?? 0]);
  }
  return withMulti(out, r, shape);
}

function withMulti(out: Cell[], r: StatusRecord, shape: StatusShape): Cell[] {
  if (!shape.multi) return out;
  out.push(["id", r.id ?? ""]);
  if (shape.all === 0) out.push(["phone", r.phone ?? ""]);
  return out;
}

/** Writes status records in a format (spec §4.4); a multi request gives one line / element per record. */
export function encodeStatusReply(records: StatusRecord[], fmt: Fmt, shape: StatusShape): string {
  const rows = records.map((r) => cells(r, fmt, shape));
  switch (fmt) {
    case 0:
      return rows.map((c) => c.map(([k, v], i) => `${i === 0 ? "Status" : k} = ${v}`).join(", ")).join("\n");
    case 1:
      return rows.map((c) => c.map(([, v]) => v).join(",")).join("\n");
    case 2: {
      const items = rows.map((c) => xmlElement("sms", c));
      return shape.multi ? `<result>\n${items.join("\n")}\n</result>` : items[0]!;
    }
    case 3: {
      const objs = rows.map((c) => {
        // a plain loop: the same object as Object.fromEntries, without a pair per field (status.php's every reply)
        const o: Record<string, unknown> = {};
        for (const [k, v] of c) o[k] = k === "id" ? idValue(v) : v;
        return o;
      });
      return JSON.stringify(shape.multi ? objs : objs[0]);
    }
  }
}

/** Reads a status reply into records (one for a single request), or the error. */
export function decodeStatusReply(body: string, fmt: Fmt, shape: StatusShape): StatusRecord[] | ErrorReply {
  const b = cleanBody(body);
  const err = decodeError(b, fmt);
  if (err) return err;
  switch (fmt) {
    case 0:
      return b
        .split("\n")
        .filter(Boolean)
        .map((line) => fromMap(textPairs(line), shape));
    case 1:
      return b
        .split("\n")
        .filter(Boolean)
        .map((line) => fromCsv(line.split(","), shape));
    case 2: {
      const blocks = xmlBlocks(b, "sms");
      return blocks.length ? blocks.map((m) => fromMap(m, shape)) : malformed(b);
    }
    case 3: {
      const j = parseJson(b);
      if (j === undefined || j === null || typeof j !== "object") return malformed(b);
      const list = Array.isArray(j) ? j : [j];
      return list.map((o) =>
        fromMap(new Map(Object.entries(o as object).map(([k, v]) => [k, String(v)])), shape),
      );
    }
  }
}

const TEXT_KEYS = [
  "check_time",
  "err",
  ...HLR_KEYS,
  "send_date",
  "phone",
  "cost",
  "country",
  "operator",
  "region",
  "sender_id",
  "status_name",
  "message",
  "comment",
  "type",
  "id",
];

/** Splits "Status = 1, check_time = …, message = a, b, comment = …" on the known keys only. */
function textPairs(line: string): Map<string, string> {
  const map = new Map<string, string>();
  const re = new RegExp(`(?:^|, )(Status|${TEXT_KEYS.join("|")}) =(?: |$)`, "g");
  const hits = [...line.matchAll(re)];
  hits.forEach((h, i) => {
    const start = h.index! + h[0].length;
    const end = i + 1 < hits.length ? hits[i + 1]!.index! : line.length;
    const key = h[1] === "Status" ? "status" : h[1] === "check_time" ? "last_date" : h[1]!;
    // a repeated key (phone in a multi all=0 line) belongs to the multi tail and does not overwrite
    if (!map.has(key)) map.set(key, line.slice(start, end));
  });
  return map;
}

function fromCsv(f: string[], shape: StatusShape): StatusRecord {
  const tail: string[] = [];
  if (shape.multi) {
    if (shape.all === 0) tail.unshift(f.pop() ?? "");
    tail.unshift(f.pop() ?? "");
  }
  const m = new Map<string, string>([
    ["status", f[0] ?? ""],
    ["last_timestamp", f[1] ?? ""],
    ["err", f[2] ?? ""],
  ]);
  let i = 3;
  const isHlr =
    shape.all === 0 ? f.length >= 3 + HLR_KEYS.length : f[shape.all === 1 ? 14 : 17] === HLR_SENDER;
  if (isHlr) for (const k of HLR_KEYS) m.set(k, f[i++] ?? "");
  if (shape.all > 0) {
    const head = [
      "send_timestamp",
      "phone",
      "cost",
      ...(shape.all === 2 ? ["country", "operator", "region"] : []),
    ];
    for (const k of [...head, "sender_id", "status_name"]) m.set(k, f[i++] ?? "");
    // the message may contain commas: it is everything between status_name and the last two fields
    const rest = f.slice(i);
    m.set("type", rest.length >= 3 ? rest.pop()! : "");
    m.set("comment", rest.length >= 2 ? rest.pop()! : "");
    m.set("message", rest.join(","));
  }
  if (shape.multi) {
    m.set("id", tail[0] ?? "");
    if (shape.all === 0) m.set("phone", tail[1] ?? "");
  }
  return fromMap(m, shape);
}

function fromMap(m: Map<string, string>, shape: StatusShape): StatusRecord {
  const has = (k: string) => m.has(k) && m.get(k) !== "undefined";
  const hlr = has("imsi")
    ? (Object.fromEntries(HLR_KEYS.map((k) => [k, m.get(k) ?? ""])) as unknown as HlrFields)
    : undefined;
  const sender = m.get("sender_id");
  const r: StatusRecord = compact({
    status: num(m.get("status")),
    lastDate: m.get("last_date") ?? "",
    lastTimestamp: num(m.get("last_timestamp")),
    err: num(m.get("err")),
    flag: has("flag") ? num(m.get("flag")) : undefined,
    id: has("id") ? idValue(m.get("id")) : undefined,
    phone: has("phone") ? m.get("phone") : undefined,
    sendDate: has("send_date") ? m.get("send_date") : undefined,
    sendTimestamp: has("send_timestamp") ? num(m.get("send_timestamp")) : undefined,
    cost: has("cost") ? num(m.get("cost")) : undefined,
    senderId: sender !== undefined ? (hlr && sender === HLR_SENDER ? HLR_SENDER : sender) : undefined,
    statusName: m.get("status_name"),
    message: m.get("message"),
    comment: m.get("comment"),
    type: has("type") ? num(m.get("type")) : undefined,
    smsCnt: has("sms_cnt") ? num(m.get("sms_cnt")) : undefined,
    country: shape.all === 2 ? m.get("country") : undefined,
    operator: shape.all === 2 ? m.get("operator") : undefined,
    region: shape.all === 2 ? m.get("region") : undefined,
    mccmnc: m.get("mccmnc"),
    hlr,
  });
  return r;
}
