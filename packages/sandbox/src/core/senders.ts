import {
  BOOK_LIMITS,
  type ErrorReply,
  parsePhone,
  SENDER_FIELDS,
  SENDER_STATE,
  SENDERS_COMMANDS,
  type SenderState,
} from "smsc/protocol";
import type { Account } from "../store/records.js";
import type { SenderRecord } from "../store/senders.js";
import type { Store } from "../store/store.js";
import { apiError } from "./api-error.js";
import type { SenderModeration, SendersReply, SendersService, SenderView } from "./book-types.js";
import { answer, type Fate, refuse } from "./fate.js";
import type { Limits } from "./limits.js";
import { identityKey, type Refusal } from "./plan-send.js";
import { idParam, scriptCommand } from "./script-command.js";

/** Sender names: senders.php, and whether a send may use a name. */
export interface Senders extends SendersService {
  /**
   * Status 23 with err 254 (unregistered sender id) for a send whose sender is not the account's default, empty
   * or an approved name, when the sandbox checks senders (`senders.check`); otherwise undefined.
   */
  refusal(
    account: { id: number; sender: string },
    send: { sender: string; format: string },
  ): Refusal | undefined;
  /** Moderation by hand, for the inspection API. */
  readonly moderation: SenderModeration;
}

/** How the sandbox treats sender names (sandbox option `senders`, bin `--sender-moderation`, `--check-senders`). */
export interface SenderSettings {
  /** A new name is approved this many ms after it was added; "manual": only through the inspection API. @default 1000 */
  moderationMs?: number | "manual";
  /** Refuse sends whose sender is not an approved name (status 23, err 254). @default false */
  check?: boolean;
}

/** The moderation delay when none is set, ms. */
export const DEFAULT_MODERATION_MS = 1000;

/** Where a send with a sender the account has not registered ends, with `senders.check` on **[INF]**. */
export const UNREGISTERED_SENDER: Refusal = { status: 23, err: 254 };

/** Formats whose `sender` is no sender name shown on a handset (an e-mail from-address, an HLR request's). */
const NO_SENDER_ID = new Set(["mail", "hlr"]);

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** A letter name: printable ASCII, up to 11 characters (spec §2.1 `sender`). */
const LETTERS = /^[\x20-\x7e]{1,11}$/;
/** A digital name: up to 15 digits, a phone number confirmed by code. */
const DIGITS = /^\+?\d{1,15}$/;

type Failure = { error: ErrorReply };
const fail = (code: number): Failure => ({ error: apiError(code, "senders") });

/**
 * The state of a name at `now`: a decision (by hand or by a confirmed code) wins; a digital name waits for its code;
 * a letter name is approved once the clock passes its moderation time.
 */
export function senderState(r: SenderRecord, now: number): { state: SenderState; changedAt: number } {
  if (r.decision === SENDER_STATE.approved || r.decision === SENDER_STATE.rejected)
    return { state: r.decision, changedAt: r.decidedAt ?? r.createdAt };
  if (r.digital) return { state: SENDER_STATE.awaitingCode, changedAt: r.createdAt };
  if (r.approveAt !== null && now >= r.approveAt)
    return { state: SENDER_STATE.approved, changedAt: r.approveAt };
  return { state: SENDER_STATE.moderation, changedAt: r.createdAt };
}

/** Creates the sender names over the store (migration 0041). `sendSms` sends a confirmation code through the core. */
export function createSenders(deps: {
  store: Store;
  clock: () => number;
  random: () => number;
  limits: Limits;
  settings?: SenderSettings;
  sendSms: (account: Account, params: Record<string, string>) => Promise<boolean>;
}): Senders {
  const { store, clock, limits } = deps;
  const moderationMs = deps.settings?.moderationMs ?? DEFAULT_MODERATION_MS;
  const names = store.senders;
  const view = (record: SenderRecord): SenderView => ({ record, ...senderState(record, clock()) });
  const approveAt = (now: number) => (moderationMs === "manual" ? null : now + moderationMs);

  /** A name as given: its text and whether it is digital; 7 for digits that are no phone number, 1 otherwise. */
  function parseName(raw: string | undefined, mail?: string): { sender: string; digital: boolean } | Failure {
    if (mail !== undefined && (raw === undefined || raw.trim() === ""))
      return EMAIL.test(mail.trim()) ? { sender: mail.trim(), digital: false } : fail(1);
    const s = (raw ?? "").trim();
    if (DIGITS.test(s)) {
      const digits = parsePhone(s)?.digits;
      return digits ? { sender: digits, digital: true } : fail(7);
    }
    return LETTERS.test(s) ? { sender: s, digital: false } : fail(1);
  }

  function detailsOf(p: Record<string, string>, base: Record<string, string> = {}): Record<string, string> {
    const out = { ...base };
    for (const [key, f] of Object.entries(SENDER_FIELDS))
      if (key !== "sender" && p[f.wire] !== undefined) out[key] = p[f.wire]!.trim();
    // an e-mail sender's comment comes as `name` (api-surface §5)
    if (p.mail !== undefined && p.name !== undefined && p.cmt === undefined) out.comment = p.name.trim();
    return out;
  }

  /** The name a request means: by `id`, else by `sender`. */
  function target(accountId: number, p: Record<string, string>): SenderRecord | Failure {
    const id = idParam(p.id);
    if (id === null) return fail(1);
    if (id !== undefined) return names.find(accountId, { id }) ?? fail(3);
    const name = parseName(p.sender);
    if ("error" in name) return (p.sender ?? "").trim() === "" ? fail(1) : fail(3);
    return names.find(accountId, { sender: name.sender }) ?? fail(3);
  }

  const commands = {
    async get(a: Account, p: Record<string, string>): Promise<Fate<SendersReply>> {
      if (!limits.perMinute(`senders-get:${identityKey(a.id, p)}`, BOOK_LIMITS.identicalSenderLists))
        return refuse(fail(9).error);
      const since = p.from_date?.trim() ? parseDay(p.from_date) : undefined;
      const prevId = idParam(p.prev_id);
      const cnt = idParam(p.cnt);
      if (since === null || prevId === null || cnt === null) return refuse(fail(1).error);
      const list = names
        .list(a.id)
        .map(view)
        .filter(
          (v) =>
            (p.all === "1" || v.state === SENDER_STATE.approved) &&
            (since === undefined || v.changedAt >= since) &&
            (prevId === undefined || v.record.id > prevId),
        )
        .slice(0, cnt ?? undefined);
      return list.length ? answer({ kind: "list", list }) : refuse(fail(3).error);
    },
    async add(a: Account, p: Record<string, string>): Promise<Fate<SendersReply>> {
      if (!limits.perMinute(`senders-add:${a.id}`, BOOK_LIMITS.senderAdds)) return refuse(fail(9).error);
      const name = parseName(p.sender, p.mail);
      if ("error" in name) return refuse(name.error);
      if (names.find(a.id, { sender: name.sender })) return refuse(fail(5).error);
      const now = clock();
      const r = names.insert({
        accountId: a.id,
        ...name,
        details: detailsOf(p),
        createdAt: now,
        approveAt: name.digital ? null : approveAt(now),
      });
      return answer({ kind: "id", id: r.id });
    },
    async chg(a: Account, p: Record<string, string>): Promise<Fate<SendersReply>> {
      const r = target(a.id, p);
      if ("error" in r) return refuse(r.error);
      // with an id, `sender` renames the name, which then goes through moderation (or its code) again
      const rename = p.id !== undefined && p.sender !== undefined ? parseName(p.sender) : undefined;
      if (rename && "error" in rename) return refuse(rename.error);
      const renamed = rename !== undefined && rename.sender !== r.sender;
      if (renamed && names.find(a.id, { sender: rename.sender })) return refuse(fail(5).error);
      names.update(r.id, {
        sender: renamed ? rename.sender : r.sender,
        digital: renamed ? rename.digital : r.digital,
        details: detailsOf(p, r.details),
        approveAt: renamed ? (rename.digital ? null : approveAt(clock())) : r.approveAt,
        resetDecision: renamed,
      });
      return answer({ kind: "done" });
    },
    async del(a: Account, p: Record<string, string>): Promise<Fate<SendersReply>> {
      const r = target(a.id, p);
      if ("error" in r) return refuse(r.error);
      names.remove(r.id);
      return answer({ kind: "done" });
    },
    async send_code(a: Account, p: Record<string, string>): Promise<Fate<SendersReply>> {
      const r = target(a.id, p);
      if ("error" in r) return refuse(r.error);
      if (!r.digital) return refuse(fail(7).error);
      const now = clock();
      if (r.codeSentAt !== null && now - r.codeSentAt < BOOK_LIMITS.codeRetryMs)
        return refuse(fail(10).error);
      const code = String(1000 + Math.floor(deps.random() * 9000));
      const site = p.site_name?.trim();
      const sent = await deps.sendSms(a, {
        phones: `+${r.sender}`,
        mes: `Код подтверждения: ${code}${site ? ` (${site})` : ""}`,
      });
      if (!sent) return refuse(fail(8).error);
      names.setCode(r.id, code, now);
      return answer({ kind: "done" });
    },
    async check_code(a: Account, p: Record<string, string>): Promise<Fate<SendersReply>> {
      const r = target(a.id, p);
      if ("error" in r) return refuse(r.error);
      const code = (p.code ?? "").trim();
      if (code === "") return refuse(fail(1).error);
      if (r.code === null || r.code !== code) return refuse(fail(11).error);
      names.decide(r.id, SENDER_STATE.approved, clock());
      return answer({ kind: "done" });
    },
  } satisfies Record<
    keyof typeof SENDERS_COMMANDS,
    (a: Account, p: Record<string, string>) => Promise<Fate<SendersReply>>
  >;

  return {
    async serve(account, params) {
      const command = scriptCommand(params, SENDERS_COMMANDS);
      return command === undefined ? refuse(fail(1).error) : commands[command](account, params);
    },
    refusal(account, send) {
      if (!deps.settings?.check || NO_SENDER_ID.has(send.format)) return undefined;
      if (send.sender === "" || send.sender === account.sender) return undefined;
      const digits = DIGITS.test(send.sender) ? parsePhone(send.sender)?.digits : undefined;
      const r = names.find(account.id, { sender: digits ?? send.sender });
      return r && senderState(r, clock()).state === SENDER_STATE.approved ? undefined : UNREGISTERED_SENDER;
    },
    moderation: {
      list: (accountId) => names.list(accountId).map(view),
      decide(id, approve) {
        if (!names.byId(id)) return undefined;
        names.decide(id, approve ? SENDER_STATE.approved : SENDER_STATE.rejected, clock());
        return view(names.byId(id)!);
      },
    },
  };
}

/** `dd.mm.yyyy` as ms at the start of that day in Moscow time (UTC+3); null when malformed. */
function parseDay(v: string): number | null {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(v.trim());
  if (!m) return null;
  const t = Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])) - 3 * 3_600_000;
  return Number.isFinite(t) ? t : null;
}
