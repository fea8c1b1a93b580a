import type { Server } from "node:http";
import { callbackTarget } from "smsc";
import {
  type CallbackRetryOptions,
  type CallbackService,
  createCallbackRoutes,
  startCallbacks,
} from "../callbacks/index.js";
import type { Logger } from "../core/logger.js";
import { toMessageId } from "../core/message-id.js";
import type { Core } from "../core/types.js";
import type { HttpRoute } from "../http/create-http-server.js";
import type { SysHooks } from "../http/sys-routes.js";
import type { RetentionPolicy } from "../store/retention.js";
import type { Store } from "../store/store.js";
import { CHAOS_ENDPOINTS, type Chaos, type ChaosEndpoint, type ChaosSettings, createChaos } from "./chaos.js";
import { createChaosRoutes } from "./chaos-routes.js";
import type { ListenerSet } from "./listeners.js";

/** How often retention by age is applied besides on every insert, ms. */
const RETENTION_SWEEP_MS = 60_000;

/** What startSandbox passes to the product features around the core. */
export interface ExtrasOptions {
  core: Core;
  store: Store;
  clock: () => number;
  random: () => number;
  logger: Logger;
  /** Handler URLs by login. */
  callbacks?: Record<string, string>;
  callbackRetry?: CallbackRetryOptions;
  /** fetch used to call handler URLs. @default globalThis.fetch */
  callbackFetch?: typeof fetch;
  chaos?: Partial<ChaosSettings>;
  retention?: RetentionPolicy;
}

/**
 * The sandbox's product features around the core: callbacks to handler URLs, chaos (injected errors, latency,
 * resets, the rate-limit switch), mirror listeners and retention. startSandbox wires them in three steps: `routes`
 * and `sysHooks` go into every HTTP server, then `attach()` gets the listeners, then `close()`.
 */
export interface Extras {
  chaos: Chaos;
  callbacks: CallbackService;
  /** Routes to put before any generic /api/v1/ route. */
  routes: HttpRoute[];
  sysHooks: SysHooks;
  /** Gives the chaos API the listeners (primary first) it can take down. */
  attach(listeners: ListenerSet): void;
  close(): void;
}

/** Builds the features; see Extras. */
export function createExtras(o: ExtrasOptions): Extras {
  const chaos = createChaos({
    core: o.core,
    random: o.random,
    allocateId: () => toMessageId(String(o.store.nextMessageId())),
    ...(o.chaos ? { initial: o.chaos } : {}),
  });
  // checked before anything starts, so a bad option leaves nothing running
  const urls = Object.entries(o.callbacks ?? {}).map(([login, url]) => {
    const account = o.store.accountByLogin(login);
    if (!account) throw new TypeError(`callback for unknown account "${login}"`);
    callbackTarget(url);
    return [account.id, url] as const;
  });
  const callbacks = startCallbacks({
    core: o.core,
    store: o.store,
    clock: o.clock,
    random: o.random,
    logger: o.logger,
    ...(o.callbackRetry ? { retry: o.callbackRetry } : {}),
    ...(o.callbackFetch ? { fetch: o.callbackFetch } : {}),
  });
  for (const [accountId, url] of urls) callbacks.setUrl(accountId, url);
  const offs: Array<() => void> = [];
  let sweep: NodeJS.Timeout | undefined;
  const policy = o.retention;
  if (policy && (policy.maxMessages !== undefined || policy.maxAgeMs !== undefined)) {
    const prune = (accountId?: number) => o.store.retention.prune(policy, o.clock(), accountId);
    prune();
    offs.push(o.core.events.on("message", (m) => prune(m.accountId)));
    offs.push(o.core.events.on("incoming", (i) => prune(i.accountId)));
    if (policy.maxAgeMs !== undefined) {
      sweep = setInterval(() => prune(), RETENTION_SWEEP_MS);
      sweep.unref();
    }
  }
  let listeners: ListenerSet | undefined;
  const routes: HttpRoute[] = [
    ...createCallbackRoutes(o.store, callbacks),
    ...createChaosRoutes(chaos, () => {
      if (!listeners) throw new Error("listeners not attached");
      return listeners;
    }),
  ];
  return {
    chaos,
    callbacks,
    routes,
    sysHooks: {
      before: (script, params) =>
        (CHAOS_ENDPOINTS as readonly string[]).includes(script)
          ? chaos.decide(script as ChaosEndpoint, params)
          : Promise.resolve(undefined),
      slowReplyMs: () => chaos.get().slowReplyMs,
    },
    attach(l) {
      listeners = l;
    },
    close() {
      for (const off of offs) off();
      if (sweep) clearInterval(sweep);
      callbacks.close();
    },
  };
}

/** Creates `count` more servers with the same factory (the mirrors), primary first. */
export function withMirrors(create: () => Server, count: number): Server[] {
  return Array.from({ length: count + 1 }, create);
}
