import type { ErrorReply, Fmt, MessageId } from "../types.js";
import { decodeError } from "./error.js";
import { type Cell, decodeRecords, encodeRecords, type RecordLayout, RecordReader } from "./records.js";
import { malformed } from "./send.js";
import { idValue } from "./shared.js";

/**
 * The reply of ping.php (event notifications, api-surface §11). The service's reply is not documented; the
 * sandbox answers like send.php (the id of the send it made and its part count), https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Notifications".
 */
export interface NotifyReply {
  /** Id of the send that carried the notification (inferred). */
  id?: MessageId;
  /** Parts sent (inferred). */
  cnt?: number;
  /** Fields of the reply this version does not know, by wire name. */
  extra?: Record<string, unknown>;
}

const KEYS = ["id", "cnt"] as const;
const LAYOUT: RecordLayout = { keys: KEYS, item: "result", single: true };

/** Writes a ping.php reply: fmt=0 `OK - N SMS, ID - X` as send.php, fmt=1 `id,cnt`, fmt=2 `<result>`, fmt=3 an object. */
export function encodeNotifyReply(r: { id: MessageId; cnt: number }, fmt: Fmt): string {
  if (fmt === 0) return `OK - ${r.cnt} SMS, ID - ${r.id}`;
  const row: Cell[] = [
    ["id", idValue(r.id)],
    ["cnt", r.cnt],
  ];
  return encodeRecords([row], fmt, LAYOUT);
}

/** Reads a ping.php reply, or the error. A fmt=0 body of another shape is kept whole in `extra.body`. */
export function decodeNotifyReply(body: string, fmt: Fmt): NotifyReply | ErrorReply {
  const err = decodeError(body, fmt);
  if (err) return err;
  if (fmt === 0) {
    const m = /^OK - (\d+) SMS, ID - (\S+)$/.exec(body.trim());
    return m ? { id: idValue(m[2]), cnt: Number(m[1]) } : { extra: { body: body.trim() } };
  }
  const maps = decodeRecords(body, fmt, LAYOUT);
  if (!Array.isArray(maps)) return maps;
  if (maps.length === 0) return malformed(body);
  const r = new RecordReader(maps[0]!);
  const reply: NotifyReply = {};
  if (r.has("id")) reply.id = r.id("id");
  if (r.has("cnt")) reply.cnt = r.num("cnt");
  const extra = r.extra();
  return extra ? { ...reply, extra } : reply;
}
