import net from "node:net";
import tls, { type SecureContextOptions } from "node:tls";
import {
  ConcatAssembler,
  DEFAULT_MAX_PDU_LENGTH,
  isFinalStatus,
  REGISTERED_DELIVERY,
  SMSC_IDLE_TIMEOUT_MS,
} from "smsc/protocol";
import { type Logger, silentLogger } from "../core/logger.js";
import type { Core, Message } from "../core/types.js";
import { closeServer, type Listener, listenOn } from "../listener.js";
import { type TrackedSubmit, wantsReceipt } from "./receipt-pdu.js";
import { type PendingPart, type SessionContext, SmppSession } from "./smpp-session.js";

/** Options of {@link createSmppServer}. */
export interface SmppServerOptions {
  /** The core every submit goes to. */
  core: Core;
  /** @default silent */
  logger?: Logger;
  /** Address to listen on. @default "127.0.0.1" */
  host?: string;
  /** Port; 0 picks a free one. @default 0 */
  port?: number;
  /**
   * Submits one session may have waiting for their submit_sm_resp; more get ESME_RTHROTTLED (0x58).
   * @default 2000 (the service advises windows of 1000–2000 for mass mailings)
   */
  windowSize?: number;
  /** A session that sends nothing for this long is closed, as on the service. @default 120000 */
  idleTimeoutMs?: number;
  /** Current time in ms (receipt bookkeeping, concatenation timeouts). @default Date.now */
  clock?: () => number;
  /** system_id in bind responses. @default "SMSC" */
  systemId?: string;
  /** Largest PDU accepted; a longer command_length gets generic_nack ESME_RINVCMDLEN and a close. @default 70000 */
  maxPduLength?: number;
  /** Parts of a concatenated message are kept this long waiting for the rest. @default 300000 */
  concatTimeoutMs?: number;
  /** Receipts kept per account while no receiver is bound (the oldest are dropped). @default 10000 */
  maxQueuedReceipts?: number;
  /** Key and certificate: when given, the listener speaks TLS only, like the service's port 3443. */
  tls?: SecureContextOptions;
}

/** A running SMPP listener. */
export interface SmppServer extends Listener {
  /** Where it listens, once listening. */
  readonly address: net.AddressInfo | null;
}

/**
 * The sandbox's stand-in for `smpp.<domain>` (spec §8): binds are checked against the sandbox's accounts,
 * submit_sm becomes a send through the same core as HTTP (so status.php sees the same id), and final statuses
 * come back as deliver_sm receipts to the account's receiver or transceiver sessions.
 */
export function createSmppServer(options: SmppServerOptions): SmppServer {
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? Date.now;
  const sessions = new Set<SmppSession>();
  const tracked = new Map<number, TrackedSubmit>();
  const queued = new Map<number, Array<{ m: Message; t: TrackedSubmit }>>();
  const maxQueued = options.maxQueuedReceipts ?? 10_000;
  let concatCounter = 0;

  const deliver = (m: Message, t: TrackedSubmit): void => {
    const receivers = [...sessions].filter((s) => s.receives && s.account?.id === t.accountId);
    if (receivers.length > 0) {
      // spread receipts over the account's receivers, as an SMSC with several binds does
      (receivers[m.rowId % receivers.length] as SmppSession).deliver(m, t);
      return;
    }
    const list = queued.get(t.accountId) ?? [];
    list.push({ m, t });
    if (list.length > maxQueued) list.shift();
    queued.set(t.accountId, list);
  };

  const ctx: SessionContext = {
    core: options.core,
    logger,
    windowSize: options.windowSize ?? 2000,
    idleTimeoutMs: options.idleTimeoutMs ?? SMSC_IDLE_TIMEOUT_MS,
    clock,
    systemId: options.systemId ?? "SMSC",
    maxPduLength: options.maxPduLength ?? DEFAULT_MAX_PDU_LENGTH,
    concatTimeoutMs: options.concatTimeoutMs ?? 300_000,
    assembler: new ConcatAssembler<PendingPart>(),
    concatIds: new Map(),
    // Letters first, so these ids never look like the core's numeric ones; unique per server and millisecond.
    nextConcatId: () => `c${clock().toString(36)}${(concatCounter++).toString(36)}`,
    expectReceipts: () => listen(),
    track: (rows, t) => {
      if (!(t.registeredDelivery & REGISTERED_DELIVERY.RECEIPT_MASK)) return;
      for (let i = 0; i < rows.count; i++) tracked.set(rows.first + i, t);
      listen();
    },
    bound: (session) => {
      if (!session.receives || !session.account) return;
      const list = queued.get(session.account.id);
      if (!list) return;
      queued.delete(session.account.id);
      for (const { m, t } of list) session.deliver(m, t);
    },
  };

  // status changes are listened to once a receipt has been asked for
  let unsubscribe: (() => void) | undefined;
  function listen(): void {
    unsubscribe ??= options.core.events.on("status", (m) => {
      const t = tracked.get(m.rowId);
      if (!t || !isFinalStatus(m.status)) return;
      tracked.delete(m.rowId);
      if (wantsReceipt(t.registeredDelivery, m.status)) deliver(m, t);
    });
  }

  const accept = (socket: net.Socket) => {
    // half-open: a peer that closes its side right after its last submit still gets every response (the session
    // ends the connection then); set here, once there is a session, so a socket without one still ends by itself
    socket.allowHalfOpen = true;
    const session = new SmppSession(socket, ctx);
    sessions.add(session);
    socket.on("close", () => sessions.delete(session));
  };
  const server: net.Server = options.tls
    ? tls
        .createServer(options.tls, accept)
        .on("tlsClientError", (err) => logger.info(`smpp: TLS: ${err.message}`))
    : net.createServer(accept);

  return {
    get address() {
      const a = server.address();
      return a && typeof a === "object" ? a : null;
    },
    async listen() {
      const address = await listenOn(server, options.port, options.host);
      logger.info(`smpp: listening on ${address.address}:${address.port}`);
      return { port: address.port };
    },
    close() {
      unsubscribe?.();
      unsubscribe = undefined;
      return closeServer(server, sessions);
    },
  };
}
