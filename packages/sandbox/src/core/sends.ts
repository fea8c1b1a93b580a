import {
  MESSAGE_FORMATS,
  type PhoneDetail,
  parseCostMode,
  parsePhone,
  REQUEST_LIMITS,
  type SendReply,
  STATUS,
  type StatusRecord,
  toMessageId,
} from "smsc/protocol";
import type { NewRecipient, Store, WrittenSend } from "../store/store.js";
import { apiError } from "./api-error.js";
import type { EventHub } from "./events.js";
import { answer, type Fate, refuse } from "./fate.js";
import type { Lifecycle } from "./lifecycle.js";
import type { Limits } from "./limits.js";
import { type MagicBehaviour, magicNumber } from "./magic-numbers.js";
import { mccmnc } from "./phone-info.js";
import { identityKey, planSend, type RecipientBook, type SendPlan } from "./plan-send.js";
import type { Shortener } from "./short-links.js";
import { notFoundRecord, stateRecord, statusRecord } from "./status-record.js";
import type { PriceTable } from "./tariffs.js";
import { type Pause, type TurnBudget, turnBudget } from "./turn-budget.js";
import type { CoreEvents, Message, SendInput, SendOutcome, StatusInput } from "./types.js";

/** Sends and messages: send.php (and its price requests) and status.php. */
export interface Sends {
  send(input: SendInput): Promise<Fate<SendOutcome>>;
  status(input: StatusInput): Fate<StatusRecord[]>;
}

/** What the sends module works with. */
export interface SendsDeps {
  store: Store;
  clock: () => number;
  random: () => number;
  prices: PriceTable;
  limits: Limits;
  lifecycle: Lifecycle;
  events: EventHub<CoreEvents>;
  /** How long the slow magic number's reply waits, ms (a chaos setting). */
  slowReplyMs: () => number;
  /** The event loop's share a big send yields to. @default the sandbox's one turnBudget */
  budget?: TurnBudget;
  /** The short links of one send (tinyurl=1); `keep` false for a price request, which stores none. */
  shortener: (accountId: number, keep: boolean) => Shortener;
  /** Groups, contacts, the black list and sender names (core/address-book.ts). */
  book?: RecipientBook;
}

/** Creates the sends module. */
export function createSends(deps: SendsDeps): Sends {
  const { store, clock, limits, lifecycle, events } = deps;
  const budget = deps.budget ?? turnBudget;
  const allocateId = () => String(store.nextMessageId());

  function details(p: SendPlan): PhoneDetail[] | undefined {
    if (p.details === "none") return undefined;
    const bad = p.invalid.map((phone) => ({
      phone,
      mccmnc: "",
      cost: 0,
      status: STATUS.invalidNumber,
      error: 7,
    }));
    const detail = (r: SendPlan["recipients"][number]): PhoneDetail => ({
      phone: r.phone,
      mccmnc: mccmnc(r.phone),
      cost: r.cost,
      ...(r.refused ? { status: r.refused.status, error: r.refused.err } : {}),
    });
    if (p.details === "all") return [...p.recipients.map(detail), ...bad];
    // err=1: the numbers that failed, refused ones (black list, sender) first
    const failed = [...p.recipients.filter((r) => r.refused).map(detail), ...bad];
    return failed.length ? failed : undefined;
  }

  /** The stored recipients as messages, for the "message" event (built only when someone listens). */
  async function announce(
    input: SendInput,
    p: SendPlan,
    w: WrittenSend,
    createdAt: number,
    pause: Pause,
  ): Promise<void> {
    if (!events.has("message")) return;
    const type = MESSAGE_FORMATS[p.format].type;
    for (const [i, r] of p.recipients.entries()) {
      // listeners (the event stream, waiters) get a big send's messages in slices, between other requests
      await pause();
      events.emit(
        "message",
        (): Message => ({
          rowId: w.firstRow + i,
          id: toMessageId(w.wireId),
          sendId: w.sendId,
          accountId: input.account.id,
          origin: input.origin,
          phone: r.phone,
          text: r.text,
          sender: p.sender,
          format: p.format,
          type,
          parts: r.parts,
          cost: r.cost,
          status: STATUS.pending,
          err: 0,
          createdAt,
          sendAt: p.sendAt,
          statusAt: createdAt,
          nextAt: p.sendAt + lifecycle.delays.sentMs,
          comment: r.comment,
          timeline: [{ status: STATUS.pending, err: 0, at: createdAt }],
        }),
      );
    }
  }

  async function send(input: SendInput): Promise<Fate<SendOutcome>> {
    if (input.params.tinyurl !== "1") return sendWith(input);
    const links = deps.shortener(input.account.id, parseCostMode(input.params.cost) !== 1);
    try {
      return await sendWith(input, links);
    } finally {
      links.release();
    }
  }

  async function sendWith(input: SendInput, links?: Shortener): Promise<Fate<SendOutcome>> {
    const pause = budget.task();
    const p = await planSend(input.account, input.params, {
      now: clock(),
      prices: deps.prices,
      random: deps.random,
      allocateId,
      pause,
      ...(links ? { shorten: links.shorten } : {}),
      ...(deps.book ? { book: deps.book } : {}),
    });
    if ("error" in p) return refuse(p.error);
    const key = identityKey(input.account.id, p.params);
    const phones = details(p);
    if (p.costMode === 1) {
      if (!limits.cost(`cost:${key}`)) return refuse(apiError(9));
      return answer({ kind: "priced", reply: { cost: p.cost, cnt: p.cnt, ...(phones ? { phones } : {}) } });
    }
    const sendKey = `send:${key}`;
    if (!input.scheduled && !limits.reserveSend(sendKey)) return refuse(apiError(9));
    // a refused number (black list, sender) is not sent to, so its magic does not happen either
    const magics: MagicBehaviour[] = p.recipients.flatMap((r) =>
      r.refused ? [] : (magicNumber(r.phone) ?? []),
    );
    const cancel = <T>(fate: Fate<T>): Fate<T> => {
      if (!input.scheduled) limits.releaseSend(sendKey);
      return fate;
    };
    // test mode (users.php fl2[27]): a virtual send, stored and followed as any other, that costs nothing
    if (input.account.testMode) {
      p.cost = 0;
      for (const r of p.recipients) r.cost = 0;
    }
    if (magics.some((m) => m.dropBeforeStore)) return cancel({ kind: "lose-request" });
    const refusal = magics.find((m) => m.sendError !== undefined)?.sendError;
    if (refusal !== undefined)
      return cancel(refuse(apiError(refusal, "send", toMessageId(p.clientId ?? allocateId()))));
    const createdAt = clock();
    const written = await store.writeSend({
      accountId: input.account.id,
      origin: input.origin,
      sender: p.sender,
      format: p.format,
      type: MESSAGE_FORMATS[p.format].type,
      createdAt,
      sendAt: p.sendAt,
      request: p.params,
      cost: p.cost,
      recipients: p.recipients.map(({ phone, text, comment, parts, cost, refused }) => {
        const r: NewRecipient = { phone, text, comment, parts, cost };
        const magic = magicNumber(phone);
        if (refused) {
          r.finalStatus = refused.status;
          r.finalErr = refused.err;
        } else if (magic?.neverFinal) {
          // a message that never arrives keeps status 0 as its "final" one: the lifecycle never moves it on
          r.finalStatus = STATUS.sent;
          r.finalErr = 0;
        } else {
          if (magic?.finalStatus !== undefined) r.finalStatus = magic.finalStatus;
          if (magic?.finalErr !== undefined) r.finalErr = magic.finalErr;
        }
        return r;
      }),
      ...(p.clientId !== undefined ? { clientId: p.clientId } : {}),
      ...(links?.links.length ? { links: links.links } : {}),
    });
    // a batch of sends commits at once; their replies go out a budget's worth at a time
    await pause();
    if (!written) return cancel(refuse(apiError(3, "send", toMessageId(p.clientId ?? allocateId()))));
    lifecycle.stored({ sendAt: p.sendAt, firstRow: written.firstRow, count: p.recipients.length });
    await announce(input, p, written, createdAt, pause);
    const reply: SendReply = {
      id: toMessageId(written.wireId),
      cnt: p.cnt,
      cost: p.cost,
      balance: written.balance,
      ...(phones ? { phones } : {}),
      ...(p.code !== undefined ? { code: p.code } : {}),
    };
    const outcome: SendOutcome = {
      kind: "sent",
      reply,
      costMode: p.costMode,
      rows: { first: written.firstRow, count: p.recipients.length },
    };
    if (magics.some((m) => m.dropReply)) return { kind: "lose-reply", value: outcome };
    return answer(outcome, magics.some((m) => m.slowReply) ? deps.slowReplyMs() : 0);
  }

  function status(input: StatusInput): Fate<StatusRecord[]> {
    const { account } = input;
    if (
      input.ids.length === 0 ||
      input.ids.length > REQUEST_LIMITS.maxStatusIds ||
      input.ids.some((id) => id.trim() === "")
    )
      return refuse(apiError(1, "status"));
    const asked = input.ids.map((id, i) => {
      const phone = input.phones[i]?.trim() || undefined;
      return { id: id.trim(), phone, digits: phone === undefined ? undefined : normalise(phone) };
    });
    if (!limits.status(asked.map((a) => `status:${account.id}:${a.id}:${a.digits ?? ""}`)))
      return refuse(apiError(9, "status"));
    lifecycle.tick();
    // without `all` only the state is read: a lighter query for the most frequent request
    const found = asked.map((a) => {
      if (input.all !== 0) {
        const m = store.findMessage(account.id, a.id, a.digits);
        return { rowId: m?.rowId, record: m ? statusRecord(m) : notFoundRecord(a.id, a.phone) };
      }
      const m = store.findMessageState(account.id, a.id, a.digits);
      return { rowId: m?.rowId, record: m ? stateRecord(m, a.phone) : notFoundRecord(a.id, a.phone) };
    });
    const records = found.map((f) => f.record);
    if (!input.del) return answer(records);
    const ids = found.flatMap((f) => (f.rowId === undefined ? [] : [f.rowId]));
    if (ids.length === 0) return refuse(apiError(5, "status"));
    store.deleteMessages(ids, clock());
    events.emit("deleted", () => ({ ids }));
    return answer(records);
  }

  return { send, status };
}

/** A number as stored (digits), or the text itself for addresses that are not phone numbers. */
function normalise(phone: string): string {
  return parsePhone(phone)?.digits ?? phone;
}
