import {
  MESSAGE_FORMATS,
  type PhoneDetail,
  parsePhone,
  type SendReply,
  STATUS,
  type StatusRecord,
  toMessageId,
} from "smsc/protocol";
import type { Store, WrittenSend } from "../store/store.js";
import { apiError } from "./api-error.js";
import type { EventHub } from "./events.js";
import { answer, type Fate, refuse } from "./fate.js";
import type { Lifecycle } from "./lifecycle.js";
import type { Limits } from "./limits.js";
import { type MagicBehaviour, magicNumber } from "./magic-numbers.js";
import { mccmnc } from "./phone-info.js";
import { identityKey, type Prices, planSend, type SendPlan } from "./plan-send.js";
import { notFoundRecord, statusRecord } from "./status-record.js";
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
  prices: Prices;
  limits: Limits;
  lifecycle: Lifecycle;
  events: EventHub<CoreEvents>;
  /** How long the slow magic number's reply waits, ms (a chaos setting). */
  slowReplyMs: () => number;
}

/** Creates the sends module. */
export function createSends(deps: SendsDeps): Sends {
  const { store, clock, limits, lifecycle, events } = deps;
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
    if (p.details === "errors") return bad.length ? bad : undefined;
    return [...p.recipients.map((r) => ({ phone: r.phone, mccmnc: mccmnc(r.phone), cost: r.cost })), ...bad];
  }

  /** The stored recipients as messages, for the "message" event (built only when someone listens). */
  function announce(input: SendInput, p: SendPlan, w: WrittenSend, createdAt: number): void {
    const type = MESSAGE_FORMATS[p.format].type;
    for (const [i, r] of p.recipients.entries())
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

  async function send(input: SendInput): Promise<Fate<SendOutcome>> {
    const p = planSend(input.account, input.params, {
      now: clock(),
      prices: deps.prices,
      random: deps.random,
      allocateId,
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
    const magics: MagicBehaviour[] = p.recipients.flatMap((r) => magicNumber(r.phone) ?? []);
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
      ...(p.clientId !== undefined ? { clientId: p.clientId } : {}),
      origin: input.origin,
      sender: p.sender,
      format: p.format,
      type: MESSAGE_FORMATS[p.format].type,
      createdAt,
      sendAt: p.sendAt,
      request: p.params,
      cost: p.cost,
      recipients: p.recipients.map((r) => {
        const magic = magicNumber(r.phone);
        return {
          ...r,
          ...(magic?.finalStatus !== undefined ? { finalStatus: magic.finalStatus } : {}),
          ...(magic?.finalErr !== undefined ? { finalErr: magic.finalErr } : {}),
        };
      }),
    });
    if (!written) return cancel(refuse(apiError(3, "send", toMessageId(p.clientId ?? allocateId()))));
    lifecycle.stored({ sendAt: p.sendAt, firstRow: written.firstRow, count: p.recipients.length });
    announce(input, p, written, createdAt);
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
    if (input.ids.length === 0 || input.ids.some((id) => id.trim() === ""))
      return refuse(apiError(1, "status"));
    const asked = input.ids.map((id, i) => {
      const phone = input.phones[i]?.trim() || undefined;
      return { id: id.trim(), phone, digits: phone === undefined ? undefined : normalise(phone) };
    });
    if (!limits.status(asked.map((a) => `status:${account.id}:${a.id}:${a.digits ?? ""}`)))
      return refuse(apiError(9, "status"));
    lifecycle.tick();
    const found = asked.map((a) => ({ a, m: store.findMessage(account.id, a.id, a.digits) }));
    const records = found.map(({ a, m }) =>
      m ? statusRecord(m, input.all, a.phone) : notFoundRecord(a.id, a.phone),
    );
    if (!input.del) return answer(records);
    const ids = found.flatMap((f) => (f.m ? [f.m.rowId] : []));
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
