import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CallbackRetryOptions, CallbackService } from "./callbacks/index.js";
import {
  type Chaos,
  type ChaosSettings,
  createExtras,
  type Extras,
  ListenerSet,
  withMirrors,
} from "./chaos/index.js";
import { createCore } from "./core/create-core.js";
import { type Logger, silentLogger } from "./core/logger.js";
import type { Prices } from "./core/plan-send.js";
import type { AccountSeed, Core } from "./core/types.js";
import { createInspection, type MessageQuery } from "./http/api/create-inspection.js";
import type { InspectedMessage } from "./http/api/present.js";
import { createHttpServer, type HttpRoute, type HttpServerOptions } from "./http/create-http-server.js";
import { createSmppServer, type SmppServer } from "./smpp/server.js";
import { createSmtpServer, type SmtpServer } from "./smtp/server.js";
import type { RetentionPolicy } from "./store/retention.js";
import { openStore, type Store } from "./store/store.js";
import type { WaitForMessageOptions } from "./testing/message-waiter.js";

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
  /** Prices of HLR and ping requests. @default { hlr: 5, ping: 5 } */
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
  /** Extra HTTP routes, tried before the inspection API (/api/v1/) and the web inbox (/). */
  routes?: HttpRoute[];
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
  core: Core;
  store: Store;
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
 * Starts a sandbox: opens the store, builds the core and serves HTTP.
 * @example
 * const sandbox = await startSandbox({ port: 0 });
 * await fetch(`${sandbox.url}/sys/balance.php?login=demo&psw=demo`);
 * await sandbox.close();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? "127.0.0.1";
  const tempDir = options.db === undefined ? mkdtempSync(join(tmpdir(), "smsc-sandbox-")) : undefined;
  const store = openStore(options.db ?? join(tempDir!, "sandbox.db"));
  const logger = options.logger ?? silentLogger;
  const core = createCore({
    store,
    logger,
    ...pick(options, ["clock", "random", "delays", "pricePerPart", "prices", "rateLimits", "accounts"]),
  });
  const inspection = createInspection({ core, store, ...(options.clock ? { clock: options.clock } : {}) });
  const httpOptions: HttpServerOptions = {
    core,
    logger,
    routes: [...(options.routes ?? []), ...inspection.routes],
  };
  let extras: Extras;
  try {
    extras = createExtras({
      core,
      store,
      logger,
      clock: options.clock ?? Date.now,
      random: options.random ?? Math.random,
      ...pick(options, ["callbacks", "callbackRetry", "callbackFetch", "chaos", "retention"]),
    });
  } catch (err) {
    // a callback for an unknown login or a bad chaos setting: nothing listens yet, release the rest
    inspection.close();
    core.close();
    store.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw err;
  }
  // chaos and callback routes go first: the generic /api/v1/ route would otherwise answer their paths
  const servers = withMirrors(
    () =>
      createHttpServer({
        ...httpOptions,
        routes: [...extras.routes, ...(httpOptions.routes ?? [])],
        sysHooks: extras.sysHooks,
      }),
    options.mirrorPorts?.length ?? options.mirrors ?? 0,
  );
  const server = servers[0]!;
  const listeners = new ListenerSet(servers, host);
  extras.attach(listeners);
  let smtp: SmtpServer | undefined;
  let smtpPort: number | undefined;
  let smpp: SmppServer | undefined;
  let smppPort: number | undefined;
  const cleanup = () => {
    extras.close();
    inspection.close();
    core.close();
    store.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
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
    await smpp?.close();
    cleanup();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    ...(smtpPort !== undefined ? { smtpPort } : {}),
    ...(smppPort !== undefined ? { smppPort } : {}),
    core,
    store,
    server,
    mirrorUrls: listeners
      .state()
      .slice(1)
      .map((l) => l.url),
    chaos: extras.chaos,
    callbacks: extras.callbacks,
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

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
