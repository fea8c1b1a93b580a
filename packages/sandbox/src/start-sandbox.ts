import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { callbackTarget } from "smsc";
import { CALLBACK_API } from "./callbacks/callback-operations.js";
import { registerCallbackRoutes } from "./callbacks/callback-routes.js";
import {
  type CallbackRetryOptions,
  type CallbackService,
  startCallbacks,
} from "./callbacks/callback-service.js";
import { CHAOS_API } from "./chaos/chaos-operations.js";
import { registerChaosRoutes } from "./chaos/chaos-routes.js";
import { ListenerSet } from "./chaos/listeners.js";
import type { Chaos, ChaosSettings } from "./core/chaos.js";
import { type CoreControl, createCore } from "./core/create-core.js";
import { type Logger, silentLogger } from "./core/logger.js";
import type { TaskGroupSeed } from "./core/notifications.js";
import type { SenderSettings } from "./core/senders.js";
import type { Prices } from "./core/tariffs.js";
import type { AccountSeed, Core } from "./core/types.js";
import { INSPECTION_API } from "./http/api/api-operations.js";
import { createInspection, type MessageQuery } from "./http/api/create-inspection.js";
import { MAILING_API } from "./http/api/mailing-operations.js";
import { SENDER_API } from "./http/api/sender-operations.js";
import { registerSenderRoutes } from "./http/api/sender-routes.js";
import { SHORT_LINK_API, WAIT_CALL_API } from "./http/api/wait-call-operations.js";
import { registerWaitCallRoutes } from "./http/api/wait-call-routes.js";
import { crossOrigin } from "./http/cross-origin.js";
import { hostGuard } from "./http/host-guard.js";
import { jsonOnly } from "./http/json-only.js";
import { createNodeServer } from "./http/node-bridge.js";
import { registerApiDocs } from "./http/openapi/serve-api-docs.js";
import { Router } from "./http/router.js";
import { registerShortLinkRoute } from "./http/short-link-route.js";
import { registerSysRoutes } from "./http/sys/index.js";
import { registerInbox } from "./inbox/serve-inbox.js";
import { registerOmsRoutes } from "./oms/index.js";
import { registerRestRoutes } from "./rest/rest-send.js";
import { createSmppServer, type SmppServer } from "./smpp/server.js";
import { createSmtpServer, type SmtpServer } from "./smtp/server.js";
import { registerSoapRoutes } from "./soap/index.js";
import type { RetentionPolicy } from "./store/retention.js";
import { openStore, type Store } from "./store/store.js";
import type { WaitForMessageOptions } from "./testing/message-waiter.js";
import type { InspectedMessage } from "./testing/present.js";

/** How often retention by age is applied besides after every send, ms. */
const RETENTION_SWEEP_MS = 60_000;

/** Options of startSandbox. */
export interface SandboxOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Address to listen on. @default "127.0.0.1" */
  host?: string;
  /** SQLite file; kept after close. @default a fresh temporary file, deleted on close */
  db?: string;
  /** Accounts besides the demo account (demo / demo / apikey demo-apikey / 1000.00 KZT). */
  accounts?: AccountSeed[];
  /** Status delays in ms: -1 → 0 after `sentMs`, 0 → 1 after `deliveredMs` more. @default { sentMs: 500, deliveredMs: 1500 } */
  delays?: { sentMs?: number; deliveredMs?: number };
  /** Price of one SMS part. @default 10 */
  pricePerPart?: number;
  /** The price table: per-zone prices of SMS, MMS, HLR, voice and Viber (https://github.com/smsc-kz/smsc/blob/main/docs/sandbox.md "Prices"). @default 10 a part, HLR and ping 5, every zone */
  prices?: Partial<Prices>;
  /** Current time in ms, for tests that move time themselves. @default Date.now */
  clock?: () => number;
  /** Randomness in [0, 1). @default Math.random */
  random?: () => number;
  /** Apply the service's error-9 limits and the per-IP block (error 4). @default true */
  rateLimits?: boolean;
  /** SMTP listener port for sending by e-mail (0 picks a free one). @default undefined (no SMTP listener) */
  smtpPort?: number;
  /** SMPP listener port (0 picks a free one). @default undefined (no SMPP listener) */
  smppPort?: number;
  /** @default silent */
  logger?: Logger;
  /** Handler URLs by login (spec §6.14; https://github.com/smsc-kz/smsc/blob/main/docs/callbacks.md), e.g. `{ demo: "http://127.0.0.1:9000/cb?md5=secret" }`. */
  callbacks?: Record<string, string>;
  /** Retries of failed callbacks. @default { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60000, timeoutMs: 5000 } */
  callbackRetry?: CallbackRetryOptions;
  /** fetch used to call handler URLs. @default globalThis.fetch */
  callbackFetch?: typeof fetch;
  /** Initial chaos settings (https://github.com/smsc-kz/smsc/blob/main/docs/chaos.md); `rateLimits` is the option above. @default none */
  chaos?: Partial<Omit<ChaosSettings, "rateLimits">>;
  /** Extra listeners serving the same sandbox, like the service's www2…www5 (ports from `mirrorPorts`). @default 0 */
  mirrors?: number;
  /** Ports of the mirrors (0 picks a free one); implies `mirrors` = its length. */
  mirrorPorts?: number[];
  /** Keep at most `maxMessages` messages per account, and none older than `maxAgeMs`. @default keep everything */
  retention?: RetentionPolicy;
  /**
   * Origins of pages that may call the sandbox from a browser (CORS; https://github.com/smsc-kz/smsc/blob/main/docs/browser.md): exact
   * `scheme://host[:port]` values, or `"*"` for every page (a warning is logged: any site you visit could then read
   * and change the sandbox). @default none: only the sandbox's own pages (the inbox)
   */
  cors?: string[];
  /**
   * Host names served besides IP addresses, `localhost`, `*.localhost` and `host`: `"sandbox.test"` exactly,
   * `".dev.test"` for it and every name under it. Any other `Host` is refused (DNS rebinding; https://github.com/smsc-kz/smsc/blob/main/docs/browser.md).
   * @default none
   */
  allowedHosts?: string[];
  /** Task groups of ping.php by login, created (or replaced) at start and kept in the database (https://github.com/smsc-kz/smsc/blob/main/docs/sandbox.md). */
  taskGroups?: Record<string, TaskGroupSeed[]>;
  /** Numbers wait_call.php tells subscribers to call, in turn. @default ["77009990001", "77009990002", "77009990003"] */
  callNumbers?: readonly string[];
  /** How long a wait_call.php request waits for the subscriber's call, ms. @default 600000 (10 minutes) */
  waitCallTtlMs?: number;
  /**
   * Sender names (https://github.com/smsc-kz/smsc/blob/main/docs/sandbox.md "Sender names"): `moderationMs` until a new name is approved ("manual": only through
   * the inspection API), `check` to refuse sends from names the account has not had approved.
   * @default { moderationMs: 1000, check: false }
   */
  senders?: SenderSettings;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL, e.g. "http://127.0.0.1:41234"; the scripts are under `${url}/sys/`. */
  url: string;
  port: number;
  host: string;
  /** Port of the SMTP listener, when `smtpPort` was given. */
  smtpPort?: number;
  /** Port of the SMPP listener, when `smppPort` was given. */
  smppPort?: number;
  /** The core as the protocol adapters call it. */
  core: Core;
  /** The core's control surface: outcomes, incoming SMS, reset, the stored messages (tests). */
  control: CoreControl;
  store: Store;
  /** The HTTP router every listener serves; `router.request()` answers in process. */
  router: Router;
  /** The primary HTTP server. */
  server: Server;
  /** Base URLs of the mirrors (`mirrors` option), in order. */
  mirrorUrls: string[];
  /** Run-time chaos settings (also `GET/PUT /api/v1/chaos`). */
  chaos: Chaos;
  /** The callback sender: set handler URLs, wait until deliveries are done. */
  callbacks: CallbackService;
  /** The primary listener (0) and the mirrors (1…), each of which can be taken down and up. */
  listeners: ListenerSet;
  /**
   * Resolves with the oldest message matching the options that no earlier call returned, waiting up to `timeout` ms
   * (default 10000) for one to arrive; rejects with a WaitTimeoutError that says what was awaited.
   */
  waitForMessage(options?: WaitForMessageOptions): Promise<InspectedMessage>;
  /** Stored messages, newest first (the filters of GET /api/v1/messages; at most 1000 by default). */
  messages(query?: MessageQuery): InspectedMessage[];
  /** The newest message (to a phone, when given). */
  latest(phone?: string): InspectedMessage | undefined;
  /** Deletes every message and incoming SMS and restores the seed balances. */
  reset(): void;
  /** Stops listening, stops the timers and closes the database (deleting it when it was temporary). */
  close(): Promise<void>;
}

/**
 * Starts a sandbox: opens the store, builds the core and its surroundings (callbacks, inspection, chaos,
 * retention), registers every HTTP surface on one router and starts the listeners.
 * @example
 * const sandbox = await startSandbox({ port: 0 });
 * await fetch(`${sandbox.url}/sys/balance.php?login=demo&psw=demo`);
 * await sandbox.close();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? "127.0.0.1";
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const tempDir = options.db === undefined ? mkdtempSync(join(tmpdir(), "smsc-sandbox-")) : undefined;
  const store = openStore(options.db ?? join(tempDir!, "sandbox.db"), {
    clock,
    ...(options.delays ? { delays: options.delays } : {}),
  });
  const release: Array<() => void> = [
    () => store.close(),
    () => tempDir && rmSync(tempDir, { recursive: true, force: true }),
  ];
  const cleanup = () => {
    for (const fn of release.splice(0).reverse()) fn();
  };
  let baseUrl = `http://${host}`;
  let built: ReturnType<typeof build>;
  try {
    built = build();
  } catch (err) {
    // a callback for an unknown login, a bad chaos setting, CORS origin or host name: nothing listens yet
    cleanup();
    throw err;
  }
  const { core, control, callbacks, inspection, router } = built;

  function build() {
    const { core, control } = createCore({
      store,
      logger,
      // short links point at the primary listener, whose port is known once it listens
      baseUrl: () => baseUrl,
      ...pick(options, [
        "random",
        "pricePerPart",
        "prices",
        "rateLimits",
        "accounts",
        "chaos",
        "callNumbers",
        "waitCallTtlMs",
        "senders",
      ]),
    });
    release.push(() => control.close());
    // checked before anything starts, so a bad option leaves nothing running
    const urls = Object.entries(options.callbacks ?? {}).map(([login, url]) => {
      const account = store.accountByLogin(login);
      if (!account) throw new TypeError(`callback for unknown account "${login}"`);
      callbackTarget(url);
      return [account.id, url] as const;
    });
    const callbacks = startCallbacks({
      events: control.events,
      store,
      clock,
      logger,
      ...(options.random ? { random: options.random } : {}),
      ...(options.callbackRetry ? { retry: options.callbackRetry } : {}),
      ...(options.callbackFetch ? { fetch: options.callbackFetch } : {}),
    });
    release.push(() => callbacks.close());
    for (const [accountId, url] of urls) callbacks.setUrl(accountId, url);
    for (const [login, groups] of Object.entries(options.taskGroups ?? {})) {
      const account = store.accountByLogin(login);
      if (!account) throw new TypeError(`task group for unknown account "${login}"`);
      for (const g of groups) control.taskGroups.setGroup(account, g);
    }
    const inspection = createInspection({
      control,
      store,
      sources: [(publish) => callbacks.onAttempt((entry) => publish("callback", () => entry))],
    });
    release.push(() => inspection.close());
    release.push(retain(control, store, clock, options.retention));
    const router = new Router({ logger })
      .use(hostGuard({ ...pick(options, ["allowedHosts"]), listenHost: host, logger }))
      .use(crossOrigin({ ...pick(options, ["cors"]), logger }))
      .use(jsonOnly());
    if (options.cors?.includes("*"))
      logger.warn(
        "CORS is open to every origin (*): any web page open in your browser can read and change this sandbox, " +
          "verification codes included; allow exact origins instead (docs/browser.md)",
      );
    registerSysRoutes(router, core);
    registerRestRoutes(router, core);
    registerShortLinkRoute(router, control);
    registerSoapRoutes(router, core, logger);
    registerOmsRoutes(router, core, logger);
    inspection.register(router);
    registerWaitCallRoutes(router, control, store);
    registerCallbackRoutes(router, store, callbacks);
    registerChaosRoutes(router, control.chaos, () => listeners);
    registerSenderRoutes(router, control.senders, store);
    registerInbox(router);
    // the OpenAPI document of every /api/v1 route above (test/openapi.test.ts holds the two together)
    registerApiDocs(router, [
      INSPECTION_API,
      MAILING_API,
      WAIT_CALL_API,
      SHORT_LINK_API,
      SENDER_API,
      CALLBACK_API,
      CHAOS_API,
    ]);
    return { core, control, callbacks, inspection, router };
  }

  const servers = Array.from({ length: (options.mirrorPorts?.length ?? options.mirrors ?? 0) + 1 }, () =>
    createNodeServer(router, logger),
  );
  const listeners = new ListenerSet(servers, host);
  let smtp: SmtpServer | undefined;
  let smtpPort: number | undefined;
  let smpp: SmppServer | undefined;
  let smppPort: number | undefined;
  try {
    await listeners.listen([options.port ?? 0, ...(options.mirrorPorts ?? [])]);
    if (options.smtpPort !== undefined) {
      smtp = createSmtpServer({ core, logger, host, port: options.smtpPort });
      smtpPort = (await smtp.listen()).port;
    }
    if (options.smppPort !== undefined) {
      smpp = createSmppServer({ core, logger, host, port: options.smppPort });
      smppPort = (await smpp.listen()).port;
    }
  } catch (err) {
    await listeners.close();
    await smtp?.close();
    await smpp?.close();
    cleanup();
    throw err;
  }
  const server = servers[0]!;
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  baseUrl = `http://${urlHost}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    port,
    host,
    ...(smtpPort !== undefined ? { smtpPort } : {}),
    ...(smppPort !== undefined ? { smppPort } : {}),
    core,
    control,
    store,
    router,
    server,
    mirrorUrls: listeners
      .state()
      .slice(1)
      .map((l) => l.url),
    chaos: control.chaos,
    callbacks,
    listeners,
    waitForMessage: (o = {}) => inspection.waitForMessage(o),
    messages: (q) => inspection.messages(q),
    latest: (phone) => inspection.latest(phone),
    reset: () => inspection.reset(),
    close() {
      // live streams and long polls end first, so server.close() has no open request to wait for
      inspection.close();
      closing ??= Promise.all([listeners.close(), smtp?.close(), smpp?.close()]).then(cleanup);
      return closing;
    },
  };
}

/**
 * Applies a retention policy: once per turn after sends (before their replies leave), and by age once a minute.
 * Returns what stops it.
 */
function retain(
  control: CoreControl,
  store: Store,
  clock: () => number,
  policy?: RetentionPolicy,
): () => void {
  if (!policy || (policy.maxMessages === undefined && policy.maxAgeMs === undefined)) return () => {};
  const prune = (accountId?: number) => store.retention.prune(policy, clock(), accountId);
  prune();
  const dirty = new Set<number>();
  const mark = (accountId: number) => {
    if (dirty.size === 0)
      queueMicrotask(() => {
        for (const id of dirty) prune(id);
        dirty.clear();
      });
    dirty.add(accountId);
  };
  const offs = [
    control.events.on("message", (m) => mark(m.accountId)),
    control.events.on("incoming", (i) => mark(i.accountId)),
  ];
  const sweep = policy.maxAgeMs !== undefined ? setInterval(() => prune(), RETENTION_SWEEP_MS) : undefined;
  sweep?.unref();
  return () => {
    for (const off of offs) off();
    if (sweep) clearInterval(sweep);
  };
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
