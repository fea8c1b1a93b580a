import {
  decodeSendReply,
  decodeStatusReply,
  type FormFields,
  type MessageId,
  parsePhone,
  STATUS,
  type StatusRecord,
} from "../protocol/index.js";
import { ConnectionError, SendOutcomeUnknownError } from "./errors.js";
import {
  type CallSettings,
  type FailedAttempt,
  failedAttempt,
  isErrorReply,
  namingHosts,
  type Transport,
} from "./transport.js";
import type { SendResult } from "./types.js";

/**
 * Sends once, across hosts, never producing two messages (https://github.com/smsc-kz/smsc/blob/main/docs/sdk.md "Failover"). `fields` carry the
 * client-assigned `id`. A failure that proves nothing was sent moves to the next host and sends there. Any other
 * failure makes the outcome unknown: on the next host the SDK looks the id up in status.php; found → the send is
 * returned as `recovered`; not found → it is resent with the same id; an error 9 reply to that resend means the
 * first one went through, so it looks up again. Still unproven → SendOutcomeUnknownError.
 */
export async function sendWithRecovery(
  t: Transport,
  fields: FormFields,
  id: MessageId,
  phones: string[],
  call: CallSettings,
): Promise<SendResult> {
  const hosts = t.hosts;
  // with a single host, "the next host" is that host again: one more step for the look-up
  const steps = Math.max(2, hosts.length);
  let unknown = false;
  let last: ConnectionError | undefined;
  const failed: FailedAttempt[] = [];
  for (let step = 0; step < steps; step++) {
    const host = hosts[step % hosts.length]!;
    try {
      if (unknown) {
        const found = await lookUp(t, host, id, phones, call, fields);
        if (found) return found;
      }
      const ex = await t.attempt(host, "send", fields, call);
      const r = decodeSendReply(ex.body, 3);
      if (!isErrorReply(r)) return { ...r, recovered: false };
      const error = t.apiError(r, "send", ex);
      if (!unknown || r.code !== 9) throw error;
      // error 9 to an identical resend: the first request went through
      const found = await lookUp(t, host, id, phones, call, fields);
      if (found) return found;
      throw new SendOutcomeUnknownError(id, phones, error);
    } catch (e) {
      if (!(e instanceof ConnectionError)) throw e;
      last = e;
      failed.push(failedAttempt(e));
      if (e.maybeSent) unknown = true;
    }
  }
  if (unknown) throw new SendOutcomeUnknownError(id, phones, last);
  throw namingHosts("send", last!, failed);
}

/**
 * Asks one host whether messages with this id exist for these phones. Returns the recovered result, or
 * undefined when none was found. A look-up that cannot be made or is refused proves nothing, and resending
 * could then duplicate the message, so that is an unknown outcome.
 */
async function lookUp(
  t: Transport,
  host: string,
  id: MessageId,
  phones: string[],
  call: CallSettings,
  fields: FormFields,
): Promise<SendResult | undefined> {
  if (phones.length === 0) throw new SendOutcomeUnknownError(id, phones);
  const multi = phones.length > 1;
  const wirePhones = phones.map((p) => parsePhone(p)?.digits ?? p);
  const ex = await t.attempt(
    host,
    "status",
    [
      ["phone", wirePhones.join(",")],
      ["id", wirePhones.map(() => String(id)).join(",")],
      ["all", "1"],
    ],
    call,
  );
  const r = decodeStatusReply(ex.body, 3, { all: 1, multi });
  if (isErrorReply(r)) throw new SendOutcomeUnknownError(id, phones, t.apiError(r, "status", ex));
  const found = r.filter((rec) => rec.status !== STATUS.notFound);
  if (found.length === 0) return undefined;
  return recovered(id, found, fields);
}

function recovered(id: MessageId, records: StatusRecord[], fields: FormFields): SendResult {
  const cnt = records.every((r) => r.smsCnt !== undefined)
    ? records.reduce((n, r) => n + (r.smsCnt ?? 0), 0)
    : records.length;
  const cost = records.every((r) => r.cost !== undefined)
    ? Math.round(records.reduce((n, r) => n + (r.cost ?? 0), 0) * 100) / 100
    : undefined;
  // a voice code's reply carried the code; the status record's text is the code that was voiced [INF]
  const voiceCode = has(fields, "call", "1") && has(fields, "mes", "code");
  const code = voiceCode ? records.find((r) => /^\d{4,}$/.test(r.message ?? ""))?.message : undefined;
  return { id, cnt, ...(cost !== undefined ? { cost } : {}), ...(code ? { code } : {}), recovered: true };
}

function has(fields: FormFields, name: string, value: string): boolean {
  return fields.some(([k, v]) => k === name && v === value);
}
