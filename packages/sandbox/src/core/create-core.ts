import { toMessageId } from "smsc/protocol";
import type { MessageFilter } from "../store/inspection.js";
import type { Store } from "../store/store.js";
import { createAccounts } from "./accounts.js";
import { type Chaos, type ChaosEndpoint, type ChaosSettings, createChaos } from "./chaos.js";
import { EventHub } from "./events.js";
import { delayed, type Fate } from "./fate.js";
import { createIncoming } from "./incoming.js";
import { createLifecycle } from "./lifecycle.js";
import { createLimits } from "./limits.js";
import { type Logger, silentLogger } from "./logger.js";
import { createMailings, type MailingsControl } from "./mailings.js";
import { createNumbers, type NumbersControl } from "./numbers.js";
import { DEFAULT_PRICES, type Prices } from "./plan-send.js";
import { createSends } from "./sends.js";
import { createSubclients } from "./subclients.js";
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

/** Options of createCore. */
export interface CoreOptions {
  store: Store;
  /** Randomness in [0, 1), for voice codes and chaos. @default Math.random */
  random?: () => number;
  /** Price of one SMS part. @default 10 */
  pricePerPart?: number;
  /** Prices of HLR and ping requests (and the part price, which `pricePerPart` overrides). */
  prices?: Partial<Prices>;
  /** Apply the service's error-9 limits and the per-IP auth block. @default true */
  rateLimits?: boolean;
  /** Initial chaos settings (docs/chaos.md); `rateLimits` is the option above. @default none */
  chaos?: Partial<Omit<ChaosSettings, "rateLimits">>;
  /** Accounts created at start-up besides the demo account (existing logins are left as stored). */
  accounts?: AccountSeed[];
  logger?: Logger;
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
 * docs/architecture.md "Sandbox core contract".
 */
export function createCore(options: CoreOptions): { core: Core; control: CoreControl } {
  const { store } = options;
  const clock = store.clock;
  const random = options.random ?? Math.random;
  const logger = options.logger ?? silentLogger;
  const prices: Prices = {
    ...DEFAULT_PRICES,
    ...options.prices,
    ...(options.pricePerPart !== undefined ? { perPart: options.pricePerPart } : {}),
  };
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
  const incoming = createIncoming({ store, clock, events });
  const sends = createSends({
    store,
    clock,
    random,
    prices,
    limits,
    lifecycle,
    events,
    slowReplyMs: () => chaos.get().slowReplyMs,
  });
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
      accounts.restoreSeeds();
      events.emit("reset", () => ({}));
    },
    messages: (filter) => store.listMessages(filter),
    mailings: mailings.control,
    numbers: numbers.control,
    close() {
      lifecycle.close();
      mailings.control.close();
    },
  };
  return { core, control };
}
