import { toMessageId } from "smsc/protocol";
import type { MessageFilter } from "../store/inspection.js";
import type { Store } from "../store/store.js";
import { createAccounts } from "./accounts.js";
import { createBilling } from "./billing.js";
import type { SenderModeration } from "./book-types.js";
import { type Chaos, type ChaosEndpoint, type ChaosSettings, createChaos } from "./chaos.js";
import { createContacts } from "./contacts.js";
import { createDocuments } from "./documents.js";
import { EventHub } from "./events.js";
import { delayed, type Fate } from "./fate.js";
import { createHistory } from "./history.js";
import { createIncoming } from "./incoming.js";
import { createLifecycle } from "./lifecycle.js";
import { createLimits } from "./limits.js";
import { type Logger, silentLogger } from "./logger.js";
import { createMailings, type MailingsControl } from "./mailings.js";
import { createNotifications, type Notifications } from "./notifications.js";
import { createNumbers, type NumbersControl } from "./numbers.js";
import { createOpTemplates } from "./op-templates.js";
import { createOperators } from "./operators.js";
import { createRecipientBook } from "./recipient-book.js";
import { createSenders, type SenderSettings } from "./senders.js";
import { createSends } from "./sends.js";
import { createShortLinks, type ShortLinksControl } from "./short-links.js";
import { createSubclients } from "./subclients.js";
import { createPriceTable, type Prices } from "./tariffs.js";
import { createTemplates } from "./templates.js";
import type {
  Account,
  AccountSeed,
  Core,
  CoreEventSource,
  CoreEvents,
  IncomingMessage,
  Message,
  StoredMessage,
} from "./types.js";
import { createWaitCalls, type WaitCallsControl } from "./wait-calls.js";

/** Options of createCore. */
export interface CoreOptions {
  store: Store;
  /** Randomness in [0, 1), for voice codes and chaos. @default Math.random */
  random?: () => number;
  /** Price of one SMS part. @default 10 */
  pricePerPart?: number;
  /** The price table (per-zone prices; https://github.com/smsc-kz/smsc/blob/main/docs/sandbox.md "Prices"); `pricePerPart` overrides its part price. */
  prices?: Partial<Prices>;
  /** Apply the service's error-9 limits and the per-IP auth block. @default true */
  rateLimits?: boolean;
  /** Initial chaos settings (https://github.com/smsc-kz/smsc/blob/main/docs/chaos.md); `rateLimits` is the option above. @default none */
  chaos?: Partial<Omit<ChaosSettings, "rateLimits">>;
  /** Accounts created at start-up besides the demo account (existing logins are left as stored). */
  accounts?: AccountSeed[];
  /** Sender-name moderation and checks (https://github.com/smsc-kz/smsc/blob/main/docs/sandbox.md "Sender names"). @default approved after 1 s, not checked */
  senders?: SenderSettings;
  logger?: Logger;
  /** Numbers wait_call.php hands out, in turn. @default DEFAULT_CALL_NUMBERS (+7 700 999 00 01…03) */
  callNumbers?: readonly string[];
  /** How long a wait_call.php request waits for the call, ms. @default 600000 */
  waitCallTtlMs?: number;
  /** The sandbox's base URL, for the short links of tinyurl=1 sends. @default "http://127.0.0.1" */
  baseUrl?: () => string;
}

/**
 * The control surface of a core, for what stands around the adapters: chaos, the inspection API, the web inbox and
 * the test helpers. Adapters never get it.
 */
export interface CoreControl {
  /** Run-time chaos settings (also `GET/PUT /api/v1/chaos`), including the rate-limit switch. */
  readonly chaos: Chaos;
  /** The core's events, the same the adapters see. */
  readonly events: CoreEventSource;
  /** Applies every status change that is due by the clock. */
  tick(): void;
  /** Moves a message to a status now (no further changes) and emits "status"; undefined for an unknown row. */
  setOutcome(rowId: number, status: number, err: number): Message | undefined;
  /** Stores an incoming SMS from a subscriber and emits "incoming". */
  receive(input: { account: Account; phone: string; to: string; text: string }): IncomingMessage;
  /** Marks the messages a filter selects deleted (as status.php del=1 does) and emits "deleted"; returns their ids. */
  deleteMessages(filter: MessageFilter): number[];
  /** Deletes every message and incoming SMS, restores the seed accounts' balances and emits "reset". */
  reset(): void;
  /** Stored messages of an account (or of all accounts) with their send's request, newest first. */
  messages(filter?: { accountId?: number; limit?: number }): StoredMessage[];
  /** Task groups of ping.php: creating them and listing an account's. */
  readonly taskGroups: Pick<Notifications, "setGroup" | "groups">;
  /** Confirmation by call: the subscriber's call, the requests. */
  readonly waitCalls: WaitCallsControl;
  /** Short links: the redirect's clicks, the links. */
  readonly shortLinks: ShortLinksControl;
  /** Sender names of every account, and approving or rejecting them (the inspection API). */
  readonly senders: SenderModeration;
  /** Mailings: run what is due, list them with their runs (inspection API, tests). */
  readonly mailings: MailingsControl;
  /** Rented numbers: who receives an SMS sent to one (the inspection API's incoming SMS). */
  readonly numbers: NumbersControl;
  /** Stops the status timer. */
  close(): void;
}

/**
 * Creates the domain core, one module per resource (accounts and money, limits, sends and messages, the status
 * lifecycle, incoming SMS, chaos), and returns the adapters' contract beside the control surface. The clock and
 * the status delays are the store's (`openStore(path, { clock, delays })`), so reads and the core agree on time.
 * https://github.com/smsc-kz/smsc/blob/main/docs/architecture.md "Sandbox core contract".
 */
export function createCore(options: CoreOptions): { core: Core; control: CoreControl } {
  const { store } = options;
  const clock = store.clock;
  const random = options.random ?? Math.random;
  const logger = options.logger ?? silentLogger;
  const prices = createPriceTable({
    ...options.prices,
    ...(options.pricePerPart !== undefined ? { perPart: options.pricePerPart } : {}),
  });
  const events = new EventHub<CoreEvents>(logger);
  const limits = createLimits(clock, logger, options.rateLimits ?? true);
  const chaos = createChaos({
    rateLimits: limits,
    random,
    allocateId: () => toMessageId(String(store.nextMessageId())),
    ...(options.chaos ? { initial: options.chaos } : {}),
  });
  const accounts = createAccounts({ store, limits, seeds: options.accounts ?? [] });
  const lifecycle = createLifecycle({ store, events });
  const incoming = createIncoming({ store, clock, events, limits });
  const shortLinks = createShortLinks({
    store,
    clock,
    random,
    limits,
    base: options.baseUrl ?? (() => "http://127.0.0.1"),
  });
  const waitCalls = createWaitCalls({
    store,
    clock,
    limits,
    emit: (make) => events.emit("waitcall", make),
    ...(options.callNumbers ? { numbers: options.callNumbers } : {}),
    ...(options.waitCallTtlMs !== undefined ? { ttlMs: options.waitCallTtlMs } : {}),
  });
  const contacts = createContacts({ store, clock, limits });
  const senders = createSenders({
    store,
    clock,
    random,
    limits,
    ...(options.senders ? { settings: options.senders } : {}),
    // the confirmation code is a real message, through every rule of send.php
    sendSms: async (account, params) =>
      (await sends.send({ account, params, origin: "http" })).kind === "answer",
  });
  const opTemplates = createOpTemplates({ store, clock, limits });
  const documents = createDocuments({ store, clock, limits });
  const sends = createSends({
    store,
    clock,
    random,
    prices,
    limits,
    lifecycle,
    events,
    slowReplyMs: () => chaos.get().slowReplyMs,
    shortener: shortLinks.shortener,
    book: createRecipientBook(store, contacts, senders),
  });
  const history = createHistory({ store, clock, limits });
  const billing = createBilling({ store, clock, limits, prices });
  const operators = createOperators({ clock, limits });
  const notifications = createNotifications({ store, sends });
  const templates = createTemplates({ store, clock, limits });
  const mailings = createMailings({ store, clock, limits, sends, templates, logger });
  const subclients = createSubclients({ store, clock, limits });
  const numbers = createNumbers({ store, clock, limits });

  /** The fate of a request under chaos: lost or refused instead of served, and late either way. */
  function underChaos<T>(
    endpoint: ChaosEndpoint,
    params: Record<string, string>,
    serve: () => Fate<T>,
  ): Fate<T> {
    const verdict = chaos.decide(endpoint, params);
    return delayed(verdict.fate ?? serve(), verdict.delayMs);
  }

  const core: Core = {
    authenticate: (creds) => accounts.authenticate(creds),
    async send(input) {
      const verdict = chaos.decide("send", input.params);
      return delayed(verdict.fate ?? (await sends.send(input)), verdict.delayMs);
    },
    status: (input) => underChaos("status", {}, () => sends.status(input)),
    balance: (account) => underChaos("balance", {}, () => accounts.balance(account)),
    answers: (input) => incoming.answers(input),
    history,
    billing,
    operators,
    notifications,
    waitCalls: waitCalls.api,
    shortLinks: shortLinks.api,
    contacts,
    senders,
    opTemplates,
    documents,
    templates,
    mailings: mailings.mailings,
    subclients,
    numbers: numbers.numbers,
    events,
  };

  const control: CoreControl = {
    chaos,
    events,
    tick() {
      lifecycle.tick();
      void mailings.control.run();
    },
    setOutcome: (rowId, status, err) => lifecycle.setOutcome(rowId, status, err),
    receive: (input) => incoming.receive(input),
    deleteMessages(filter) {
      const ids = store.inspection.deleteMessages(filter, clock());
      if (ids.length) events.emit("deleted", () => ({ ids }));
      return ids;
    },
    reset() {
      store.inspection.reset();
      store.waitCalls.reset();
      store.shortLinks.reset();
      accounts.restoreSeeds();
      events.emit("reset", () => ({}));
    },
    messages: (filter) => store.listMessages(filter),
    taskGroups: notifications,
    waitCalls: waitCalls.control,
    shortLinks: shortLinks.control,
    senders: senders.moderation,
    mailings: mailings.control,
    numbers: numbers.control,
    close() {
      lifecycle.close();
      mailings.control.close();
    },
  };
  return { core, control };
}
