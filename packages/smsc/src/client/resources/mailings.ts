import {
  decodeError,
  decodeMailing,
  decodeMailings,
  decodeWireRecord,
  JOB_SHAPE,
  type JobRepeat,
  jobRepeatCode,
  type Mailing,
  MOSCOW_OFFSET_HOURS,
  wireNumber,
} from "../../protocol/index.js";
import { InvalidOptionError } from "../errors.js";
import type { RequestOptions } from "../options.js";
import { buildSendFields, type SendParams } from "../send-fields.js";
import type { Transport } from "../transport.js";
import { done, writeCall } from "./write-call.js";

export type { JobRepeat, Mailing } from "../../protocol/index.js";

/**
 * A mailing to create (jobs.php add=1): the send parameters every run uses, plus the mailing's own. Recipients go
 * as send.php `phones`/`list`, so contact groups (`G<n>`) work as in a send.
 */
export interface MailingInput extends Omit<SendParams, "id"> {
  name: string;
  /** `tpl`: a template (id) whose text, format and sender the runs use. */
  template?: number;
  /** `rpt`: "hourly", "daily", "workdays", "weekends", "weekly", "monthly", "yearly", or "none". @default "none" */
  repeat?: JobRepeat;
  /** `rptn`: repeats at most after the first run. @default no limit */
  repeats?: number;
  /** `mes2`: text sent by SMS to the numbers a run did not reach (a fallback for viber, e-mail…). */
  fallbackMessage?: string;
  /** `sender2`: sender name of those SMS. */
  fallbackSender?: string;
  /** `fl[5]`: send undelivered messages again automatically. */
  autoRepeat?: boolean;
}

/** jobs.php: mailings that the service runs on its clock (https://github.com/smsc-kz/smsc/blob/main/docs/sdk.md "Mailings"). */
export interface Mailings {
  /** Creates a mailing; without `time` its first run goes at once. Not retried: a repeat would create another. */
  create(input: MailingInput, options?: RequestOptions): Promise<{ id: number }>;
  /** One mailing with its progress. SaveFailedError (code 3) for an unknown id. */
  get(id: number, options?: RequestOptions): Promise<Mailing>;
  /** The account's mailings, created in [start, end] (whole days) when given. */
  list(query?: { start?: Date | string; end?: Date | string }, options?: RequestOptions): Promise<Mailing[]>;
  /** Stops a mailing that waits for a run. */
  cancel(id: number, options?: RequestOptions): Promise<void>;
  /** Deletes a mailing (its messages stay). */
  delete(id: number, options?: RequestOptions): Promise<void>;
}

/** A day as `get_all` takes it: "DD.MM.YYYY" (a Date is read in Moscow time). */
function day(v: Date | string, option: string): string {
  if (typeof v === "string") return v;
  if (Number.isNaN(v.getTime())) throw new InvalidOptionError(option, "is an invalid Date");
  const d = new Date(v.getTime() + MOSCOW_OFFSET_HOURS * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

function createFields(input: MailingInput): Array<[string, string]> {
  const { name, template, repeat, repeats, fallbackMessage, fallbackSender, autoRepeat, ...send } = input;
  if (typeof name !== "string" || name.trim() === "")
    throw new InvalidOptionError("mailings.name", "is required");
  if (repeats !== undefined && (!Number.isInteger(repeats) || repeats < 0))
    throw new InvalidOptionError("mailings.repeats", "must be a non-negative integer");
  let rpt: number | undefined;
  if (repeat !== undefined) {
    try {
      rpt = jobRepeatCode(repeat);
    } catch {
      throw new InvalidOptionError("mailings.repeat", `is not one of the repeat periods: ${repeat}`);
    }
  }
  return [
    ["add", "1"],
    ["name", name],
    ...buildSendFields(send, "mailings"),
    ...(template !== undefined ? [["tpl", String(template)] as [string, string]] : []),
    ...(rpt !== undefined ? [["rpt", String(rpt)] as [string, string]] : []),
    ...(repeats !== undefined ? [["rptn", String(repeats)] as [string, string]] : []),
    ...(fallbackMessage !== undefined ? [["mes2", fallbackMessage] as [string, string]] : []),
    ...(fallbackSender !== undefined ? [["sender2", fallbackSender] as [string, string]] : []),
    ...(autoRepeat ? [["fl[5]", "1"] as [string, string]] : []),
  ];
}

/** The mailings resource over the transport. */
export function mailingsResource(t: Transport): Mailings {
  const ok = done((b) => decodeError(b, 3));
  return {
    create: async (input, options) =>
      writeCall(
        t,
        "jobs",
        createFields(input),
        (b) => {
          const r = decodeWireRecord(b, JOB_SHAPE, 3);
          return "error" in r ? r.error : { id: wireNumber(r.record.id) ?? 0 };
        },
        options,
      ),
    get: async (id, options) =>
      t.read(
        "jobs",
        [
          ["get", "1"],
          ["id", String(id)],
        ],
        (b) => decodeMailing(b, 3),
        options,
      ),
    list: async (query = {}, options) =>
      t.read(
        "jobs",
        [
          ["get_all", "1"],
          ...(query.start !== undefined
            ? [["start", day(query.start, "mailings.start")] as [string, string]]
            : []),
          ...(query.end !== undefined ? [["end", day(query.end, "mailings.end")] as [string, string]] : []),
        ],
        (b) => decodeMailings(b, 3),
        options,
      ),
    async cancel(id, options) {
      await writeCall(
        t,
        "jobs",
        [
          ["cancel", "1"],
          ["id", String(id)],
        ],
        ok,
        options,
      );
    },
    async delete(id, options) {
      await writeCall(
        t,
        "jobs",
        [
          ["del", "1"],
          ["id", String(id)],
        ],
        ok,
        options,
      );
    },
  };
}
