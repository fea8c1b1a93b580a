import {
  type CostReply,
  type ErrorReply,
  MESSAGE_FORMATS,
  type PhoneDetail,
  parsePhone,
  type SendReply,
  type StatusRecord,
} from "smsc/protocol";
import type { Store } from "../store/store.js";
import { apiError } from "./api-error.js";
import { EventHub } from "./event-hub.js";
import { LIMITS } from "./limits.js";
import { type Logger, silentLogger } from "./logger.js";
import { magicNumber } from "./magic-numbers.js";
import { md5Hex } from "./md5.js";
import { toMessageId } from "./message-id.js";
import { mccmnc } from "./phone-info.js";
import { DEFAULT_PRICES, identityKey, type Prices, planSend, type SendPlan } from "./plan-send.js";
import { RateLimiter } from "./rate-limiter.js";
import { notFoundRecord, statusRecord } from "./status-record.js";
import type { Account, AccountSeed, Core, CoreEvents, Credentials, SubmitInput } from "./types.js";

/** The account every sandbox has: login `demo`, password `demo`, API key `demo-apikey`, 1000.00 KZT. */
export const DEMO_ACCOUNT = {
  login: "demo",
  password: "demo",
  apikey: "demo-apikey",
  balance: 1000,
  currency: "KZT",
} as const satisfies AccountSeed;

/** The default sender name of new accounts. */
export const DEFAULT_SENDER = "SMSC.KZ";

/** Options of createCore. */
export interface CoreOptions {
  store: Store;
  /** Current time in ms. @default Date.now */
  clock?: () => number;
  /** Randomness in [0, 1), e.g. for voice codes. @default Math.random */
  random?: () => number;
  /** Status delays: -1 → 0 after `sentMs` (counted from the delivery time), 0 → 1 after `deliveredMs` more. */
  delays?: { sentMs?: number; deliveredMs?: number };
  /** Price of one SMS part. @default 10 */
  pricePerPart?: number;
  /** Prices of HLR and ping requests (and the part price, which `pricePerPart` overrides). */
  prices?: Partial<Prices>;
  /** Apply the service's error-9 limits and the per-IP auth block. @default true */
  rateLimits?: boolean;
  /** Accounts created at start-up besides the demo account (existing logins are left as stored). */
  accounts?: AccountSeed[];
  logger?: Logger;
}

/** Default status delays in ms. */
export const DEFAULT_DELAYS = { sentMs: 500, deliveredMs: 1500 } as const;

/**
 * Creates the domain core every adapter calls: authentication, send and cost rules, the status lifecycle, balance,
 * rate limits and events. All send.php rules live here (https://github.com/smsc-kz/smsc/blob/main/docs/architecture.md "Sandbox core contract").
 */
export function createCore(options: CoreOptions): Core {
  const { store } = options;
  const clock = options.clock ?? Date.now;
  const random = options.random ?? Math.random;
  const logger = options.logger ?? silentLogger;
  const sentMs = options.delays?.sentMs ?? DEFAULT_DELAYS.sentMs;
  const deliveredMs = options.delays?.deliveredMs ?? DEFAULT_DELAYS.deliveredMs;
  const prices: Prices = {
    ...DEFAULT_PRICES,
    ...options.prices,
    ...(options.pricePerPart !== undefined ? { perPart: options.pricePerPart } : {}),
  };
  // mutable so the chaos API can switch the limits at run time
  const rateLimits = { enabled: options.rateLimits ?? true };
  const events = new EventHub<CoreEvents>(logger);

  const seeds = [DEMO_ACCOUNT, ...(options.accounts ?? [])] as AccountSeed[];
  for (const seed of seeds) {
    store.ensureAccount({
      ...seed,
      balance: seed.balance ?? 1000,
      currency: seed.currency ?? "KZT",
      credit: seed.credit ?? 0,
      sender: seed.sender ?? DEFAULT_SENDER,
    });
  }

  const perMinute = new RateLimiter(clock, LIMITS.windowMs);
  const authFailures = new RateLimiter(clock, LIMITS.authWindowMs);
  const blockedUntil = new Map<string, number>();

  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  /** Arms one timer for the earliest pending status change. */
  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (closed) return;
    const next = store.nextDueAt();
    if (next === undefined) return;
    const delay = Math.min(Math.max(0, next - clock()), 2 ** 31 - 1);
    timer = setTimeout(tick, delay);
    timer.unref();
  }

  function tick(): void {
    if (closed) return;
    const now = clock();
    // a jump of the clock can make both changes of one message due; loop until nothing is due
    for (let round = 0; round < 3; round++) {
      const due = store.dueMessages(now);
      if (due.length === 0) break;
      for (const m of due) {
        const at = m.nextAt!;
        const updated =
          m.status === -1
            ? store.setStatus(m.rowId, 0, 0, at, at + m.deliveredDelay)
            : store.setStatus(m.rowId, m.finalStatus, m.finalErr, at, null);
        events.emit("status", updated);
      }
    }
    schedule();
  }

  function authenticate(creds: Credentials): Account | ErrorReply {
    const now = clock();
    const ip = creds.ip;
    if (rateLimits.enabled && ip !== undefined && (blockedUntil.get(ip) ?? 0) > now) return apiError(4);
    let account: Account | undefined;
    if (creds.apikey) account = store.accountByApikey(creds.apikey);
    else if (creds.login && creds.psw !== undefined) {
      const a = store.accountByLogin(creds.login);
      if (a && (creds.psw === a.password || creds.psw === md5Hex(a.password))) account = a;
    }
    if (account) return account;
    if (rateLimits.enabled && ip !== undefined && authFailures.hit(ip) >= LIMITS.authErrors) {
      blockedUntil.set(ip, now + LIMITS.blockMs);
      logger.warn(`ip ${ip} blocked after ${LIMITS.authErrors} authorisation errors`);
    }
    return apiError(2);
  }

  function plan(input: SubmitInput): SendPlan | { error: ErrorReply } {
    return planSend(input.account, input.params, {
      now: clock(),
      prices,
      random,
      allocateId: () => String(store.nextMessageId()),
    });
  }

  function details(p: SendPlan): PhoneDetail[] | undefined {
    if (p.details === "none") return undefined;
    const bad = p.invalid.map((phone) => ({ phone, mccmnc: "", cost: 0, status: 22, error: 7 }));
    if (p.details === "errors") return bad.length ? bad : undefined;
    return [...p.recipients.map((r) => ({ phone: r.phone, mccmnc: mccmnc(r.phone), cost: r.cost })), ...bad];
  }

  function price(input: SubmitInput): CostReply | ErrorReply {
    const p = plan(input);
    if ("error" in p) return p.error;
    if (
      rateLimits.enabled &&
      perMinute.hit(`cost:${identityKey(input.account.id, p.params)}`) > LIMITS.identicalCosts
    )
      return apiError(9);
    const phones = details(p);
    return { cost: p.cost, cnt: p.cnt, ...(phones ? { phones } : {}) };
  }

  function submit(input: SubmitInput) {
    const p = plan(input);
    if ("error" in p) return p;
    // cost=1 is a price request, answered by price(); it must never store anything
    if (p.costMode === 1) return { error: apiError(1) };
    const dupKey = `send:${identityKey(input.account.id, p.params)}`;
    if (rateLimits.enabled && perMinute.count(dupKey) >= LIMITS.identicalSends) return { error: apiError(9) };
    const magics = p.recipients.flatMap((r) => magicNumber(r.phone) ?? []);
    if (magics.some((m) => m.dropBeforeStore)) return { error: apiError(8, "send"), dropReply: true };
    const refusal = magics.find((m) => m.sendError !== undefined)?.sendError;
    if (refusal !== undefined)
      return { error: apiError(refusal, "send", toMessageId(p.clientId ?? String(store.nextMessageId()))) };
    const slowReply = magics.some((m) => m.slowReply);
    const now = clock();
    const type = MESSAGE_FORMATS[p.format].type;
    let dropReply = false;
    const written = store.writeSend({
      accountId: input.account.id,
      ...(p.clientId !== undefined ? { clientId: p.clientId } : {}),
      origin: input.origin,
      cost: p.cost,
      messages: p.recipients.map((r) => {
        const magic = magicNumber(r.phone);
        if (magic?.dropReply) dropReply = true;
        return {
          ...r,
          sender: p.sender,
          format: p.format,
          type,
          status: -1,
          err: 0,
          createdAt: now,
          sendAt: p.sendAt,
          statusAt: now,
          nextAt: p.sendAt + sentMs,
          deliveredDelay: deliveredMs,
          finalStatus: magic?.finalStatus ?? 1,
          finalErr: magic?.finalErr ?? 0,
          params: p.params,
        };
      }),
    });
    if (!written) {
      return { error: apiError(3, "send", toMessageId(p.clientId ?? String(store.nextMessageId()))) };
    }
    if (rateLimits.enabled) perMinute.hit(dupKey);
    for (const m of written.messages) events.emit("message", m);
    schedule();
    const phones = details(p);
    const reply: SendReply = {
      id: written.messages[0]!.id,
      cnt: p.cnt,
      cost: p.cost,
      balance: written.balance,
      ...(phones ? { phones } : {}),
      ...(p.code !== undefined ? { code: p.code } : {}),
    };
    return {
      reply,
      messages: written.messages,
      ...(dropReply ? { dropReply: true } : {}),
      ...(slowReply ? { slowReply: true } : {}),
    };
  }

  function status(input: Parameters<Core["status"]>[0]): StatusRecord[] | ErrorReply {
    const { account } = input;
    if (input.ids.length === 0 || input.ids.some((id) => id.trim() === "")) return apiError(1, "status");
    const asked = input.ids.map((id, i) => {
      const phone = input.phones[i]?.trim() || undefined;
      return { id: id.trim(), phone, digits: phone === undefined ? undefined : normalise(phone) };
    });
    if (rateLimits.enabled) {
      const over = asked
        .map((a) => perMinute.hit(`status:${account.id}:${a.id}:${a.digits ?? ""}`))
        .some((n) => n > LIMITS.statusPerMessage);
      if (over) return apiError(9, "status");
    }
    tick();
    const found = asked.map((a) => ({ a, m: store.findMessage(account.id, a.id, a.digits) }));
    const records = found.map(({ a, m }) =>
      m ? statusRecord(m, input.all, a.phone) : notFoundRecord(a.id, a.phone),
    );
    if (!input.del) return records;
    const hits = found.filter((f) => f.m !== undefined);
    if (hits.length === 0) return apiError(5, "status");
    store.deleteMessages(
      hits.map((f) => f.m!.rowId),
      clock(),
    );
    schedule();
    return records;
  }

  function balance(account: Account) {
    if (rateLimits.enabled && perMinute.hit(`balance:${account.id}`) > LIMITS.balanceRequests)
      return apiError(9, "balance");
    const a = store.accountById(account.id) ?? account;
    return { balance: a.balance, ...(a.credit ? { credit: a.credit } : {}), currency: a.currency };
  }

  function setOutcome(rowId: number, status: number, err: number) {
    if (!store.inspection.message(rowId)) return undefined;
    const m = store.setStatus(rowId, status, err, clock(), null);
    events.emit("status", m);
    schedule();
    return m;
  }

  function reset() {
    store.inspection.reset();
    for (const seed of seeds) store.inspection.setBalance(seed.login, seed.balance ?? 1000);
    schedule();
  }

  schedule();

  return {
    authenticate,
    submit,
    price,
    status,
    balance,
    messages: (filter) => store.listMessages(filter),
    tick,
    receive({ account, phone, to, text }) {
      const m = store.inspection.insertIncoming({
        accountId: account.id,
        phone,
        to,
        text,
        receivedAt: clock(),
      });
      events.emit("incoming", m);
      return m;
    },
    answers: ({ account, cnt, hour, afterId, toPhone }) =>
      store.inspection.incoming({
        accountId: account.id,
        limit: cnt,
        order: "asc",
        ...(hour !== undefined ? { since: clock() - hour * 3_600_000 } : {}),
        ...(afterId !== undefined ? { after: afterId } : {}),
        ...(toPhone !== undefined ? { to: toPhone } : {}),
      }),
    setOutcome,
    reset,
    events: {
      on: (event, fn) => events.on(event, fn),
      emit: (event, payload) => events.emit(event, payload),
    },
    rateLimits,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** A number as stored (digits), or the text itself for addresses that are not phone numbers. */
function normalise(phone: string): string {
  return parsePhone(phone)?.digits ?? phone;
}
