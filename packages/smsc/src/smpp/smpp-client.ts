import { EventEmitter } from "node:events";
import net from "node:net";
import tls from "node:tls";
import { backoffDelay } from "../client/backoff.js";
import { SmscError } from "../client/errors.js";
import { REDACTED } from "../client/logger.js";
import { INSPECT } from "../client/redact.js";
import {
  type CommandName,
  ConcatAssembler,
  decodePdu,
  encodePdu,
  INTERFACE_VERSION_34,
  isResponseId,
  MAX_SEQUENCE,
  type Pdu,
  type PduInput,
  parseSmppTime,
  SMPP_STATUS,
  SMSC_SPECIAL_TEXTS,
  SmppDecodeError,
  SmppFrameReader,
  statusFromMessageState,
} from "../protocol/index.js";
import {
  SmppBindError,
  SmppClosedError,
  SmppConnectionError,
  SmppError,
  SmppTimeoutError,
} from "./errors.js";
import { isReceipt, type SmppMessage, type SmppReceipt, toMessage, toReceipt } from "./inbound.js";
import { type ResolvedSmppOptions, resolveSmppOptions, type SmppClientOptions } from "./options.js";
import { submitPdus } from "./submit-pdus.js";
import type {
  SmppClientEvents,
  SmppHlrResult,
  SmppQueryResult,
  SmppSubmit,
  SmppSubmitResult,
} from "./types.js";

/** Parts of an incoming concatenated message are kept this long waiting for the rest. */
const INCOMING_PARTS_TTL_MS = 10 * 60_000;

interface Pending {
  command: CommandName;
  resolve: (pdu: Pdu) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
  windowed: boolean;
  written: boolean;
  onResponse?: (pdu: Pdu) => void;
}

type State = "idle" | "connecting" | "bound" | "closing" | "closed";

// This file is longer than the house guideline: one class owns one socket's state machine (bind state, the
// pending map, the window count, drain and keepalive), and splitting it would spread those invariants apart.

/**
 * An SMPP 3.4 client for the service's `smpp.<domain>` (Node only): one transceiver session with a window of
 * submits in flight, response timeouts, long texts split automatically, enquire_link keepalive, and reconnect
 * with back-off. Receipts and incoming messages arrive as events.
 * @example
 * const client = new SmppClient({ systemId: "login", password: "secret" });
 * client.on("receipt", (r) => console.log(r.id, r.stat));
 * const { messageId } = await client.submit({ to: "77011234567", text: "Hello" });
 * await client.close();
 */
export class SmppClient extends EventEmitter<SmppClientEvents> {
  readonly options: ResolvedSmppOptions;
  private state: State = "idle";
  private socket: net.Socket | undefined;
  private reader = new SmppFrameReader();
  private sequence = 0;
  private readonly pending = new Map<number, Pending>();
  private inFlight = 0;
  private readonly slotWaiters: Array<{ grant: () => void; fail: (err: Error) => void }> = [];
  private drain: Promise<void> | undefined;
  private keepalive: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private retries = 0;
  private everBound = false;
  private connecting: Promise<void> | undefined;
  private reference: number;
  private readonly receiptWaiters = new Map<string, (r: SmppReceipt) => void>();
  private readonly incoming = new ConcatAssembler<SmppMessage>();

  constructor(options: SmppClientOptions = {}) {
    super();
    this.options = resolveSmppOptions(options);
    this.reference = Math.floor(this.options.random() * 0x10000);
  }

  /** util.inspect / console.log: where it connects, as whom, and its state; never the password. */
  [INSPECT](_depth: number, options: unknown, inspect?: (v: unknown, o?: unknown) => string): string {
    return `SmppClient ${inspect ? inspect(this.toJSON(), options) : JSON.stringify(this.toJSON())}`;
  }

  /** JSON.stringify: what util.inspect shows. */
  toJSON(): Record<string, unknown> {
    const o = this.options;
    return {
      host: o.host,
      port: o.port,
      tls: o.tls !== false,
      systemId: o.systemId,
      password: REDACTED,
      systemType: o.systemType,
      state: this.state,
      inFlight: this.inFlight,
      window: o.window,
    };
  }

  /** Whether the session is bound now. */
  get bound(): boolean {
    return this.state === "bound";
  }

  /** Connects and binds as a transceiver. submit() calls it when needed. */
  connect(): Promise<void> {
    if (this.state === "bound") return Promise.resolve();
    if (this.state === "closing" || this.state === "closed")
      return Promise.reject(new SmppClosedError("smpp: the client is closed"));
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /**
   * Sends a text; a long one goes in parts (see `concat`). Resolves when the server accepted every part; waits
   * for a free slot when `window` requests are in flight.
   * @throws SmppError when the server refused a part (`code` carries the service's error, `acceptedPartIds` the
   * parts already accepted), SmppConnectionError when an answer never came (it may have been accepted: never
   * resend blindly), SmppClosedError when the client was closed first, RangeError for text the alphabet cannot carry.
   */
  async submit(
    input: SmppSubmit,
    /** @internal hlr() learns the id while the response is handled, before any receipt in the same read. */
    hooks?: { onAccepted?: (id: string) => void },
  ): Promise<SmppSubmitResult> {
    this.reference = (this.reference + 1) & 0xffff;
    const segments = submitPdus(input, this.options, this.reference);
    const last = segments.length - 1;
    const settled = await Promise.allSettled(
      segments.map((pdu, i) =>
        this.request(
          pdu,
          true,
          i === last && hooks?.onAccepted
            ? (p) => hooks.onAccepted?.((p as Pdu<"submit_sm_resp">).message_id)
            : undefined,
        ),
      ),
    );
    const partIds = settled.flatMap((s) =>
      s.status === "fulfilled" ? [(s.value as Pdu<"submit_sm_resp">).message_id] : [],
    );
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) {
      const err = failed.reason as Error;
      if (err instanceof SmppError && partIds.length > 0)
        throw new SmppError(err.command, err.status, err.sequence, partIds);
      throw err;
    }
    return { messageId: partIds[last] as string, partIds, parts: segments.length };
  }

  /** Sends a ping-SMS (`__PING__`, spec §8); its receipt tells whether the phone is reachable. */
  ping(phone: string): Promise<SmppSubmitResult> {
    return this.submit({ to: phone, text: SMSC_SPECIAL_TEXTS.ping, registeredDelivery: true });
  }

  /**
   * Asks the HLR about a number (`__HLR__`, spec §8) and resolves with the record its receipt carries.
   * @param options.timeoutMs how long to wait for the receipt. @default 60000
   */
  async hlr(phone: string, options: { timeoutMs?: number } = {}): Promise<SmppHlrResult> {
    const timeoutMs = options.timeoutMs ?? 60_000;
    let id: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    // The waiter is registered while the submit_sm_resp is handled, so a receipt in the same read is not missed.
    const receipt = new Promise<SmppReceipt>((resolve, reject) => {
      this.submit(
        { to: phone, text: SMSC_SPECIAL_TEXTS.hlr, registeredDelivery: true },
        {
          onAccepted: (messageId) => {
            id = messageId;
            this.receiptWaiters.set(messageId, resolve);
            timer = setTimeout(() => {
              this.receiptWaiters.delete(messageId);
              reject(new SmscError(`smpp: no HLR receipt for ${messageId} within ${timeoutMs} ms`));
            }, timeoutMs);
          },
        },
      ).catch(reject);
    });
    const r = await receipt.finally(() => clearTimeout(timer));
    if (!r.hlr) throw new SmscError(`smpp: the receipt of HLR request ${id} carries no HLR record`);
    return {
      messageId: r.id,
      stat: r.stat,
      ...(r.status !== undefined ? { status: r.status } : {}),
      err: r.err,
      ...r.hlr,
      receipt: r,
    };
  }

  /** Asks the server for a message's state (query_sm). */
  async query(messageId: string): Promise<SmppQueryResult> {
    const r = (await this.request(
      { command: "query_sm", message_id: messageId },
      true,
    )) as Pdu<"query_sm_resp">;
    const status = statusFromMessageState(r.message_state);
    const final = r.final_date ? parseSmppTime(r.final_date) : undefined;
    return {
      messageId: r.message_id,
      messageState: r.message_state,
      ...(status !== undefined ? { status } : {}),
      ...(final?.kind === "absolute" ? { finalDate: new Date(final.unix * 1000) } : {}),
      errorCode: r.error_code,
    };
  }

  /**
   * Unbinds and closes: waits (up to `timeoutMs`) for the answers of requests in flight, rejects submits still
   * waiting for a slot with SmppClosedError, and stops reconnecting.
   */
  async close(): Promise<void> {
    if (this.state === "closed") return;
    const wasBound = this.state === "bound";
    this.state = "closing";
    clearTimeout(this.reconnectTimer);
    this.failWaiters(new SmppClosedError("smpp: the client was closed before this request was sent"));
    const socket = this.socket;
    if (wasBound && socket) {
      const until = Date.now() + this.options.timeoutMs;
      while (this.pending.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      await this.request({ command: "unbind" }, false).catch(() => {});
    }
    if (socket && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once("close", () => resolve());
        socket.end();
        setTimeout(() => socket.destroy(), 1000).unref();
      });
    }
    this.finishClose();
  }

  private finishClose(): void {
    if (this.state === "closed") return;
    this.state = "closed";
    clearTimeout(this.keepalive);
    this.emit("close");
  }

  private open(): Promise<void> {
    const o = this.options;
    this.state = "connecting";
    this.log("smpp connect", { host: o.host, port: o.port, tls: o.tls !== false });
    return new Promise<void>((resolve, reject) => {
      const socket = o.tls
        ? tls.connect({ host: o.host, port: o.port, ...o.tls })
        : net.connect({ host: o.host, port: o.port });
      this.socket = socket;
      this.reader = new SmppFrameReader();
      this.drain = undefined;
      socket.setNoDelay(true);
      let settled = false;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(err);
      };
      const timer = setTimeout(() => {
        fail(
          new SmppConnectionError(
            `smpp: could not connect and bind to ${o.host}:${o.port} within ${o.timeoutMs} ms`,
            { maybeAccepted: false },
          ),
        );
        socket.destroy();
      }, o.timeoutMs);
      socket.once(o.tls ? "secureConnect" : "connect", () => {
        this.log("smpp bind_transceiver", {
          systemId: o.systemId,
          password: REDACTED,
          systemType: o.systemType,
        });
        this.request(
          {
            command: "bind_transceiver",
            system_id: o.systemId,
            password: o.password,
            system_type: o.systemType,
            interface_version: INTERFACE_VERSION_34,
          },
          false,
        ).then(
          () => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            this.onBound();
            resolve();
          },
          (err: Error) => {
            // a refused bind is final: no reconnect loop against wrong credentials
            if (err instanceof SmppBindError) this.state = "idle";
            fail(err);
            socket.destroy();
          },
        );
      });
      socket.on("data", (chunk: Buffer) => this.onData(socket, chunk));
      socket.on("error", (err) =>
        fail(
          new SmppConnectionError(`smpp: ${o.host}:${o.port}: ${err.message}`, {
            maybeAccepted: false,
            cause: err,
          }),
        ),
      );
      socket.on("close", () => {
        fail(
          new SmppConnectionError(
            `smpp: ${o.host}:${o.port} closed the connection before the bind completed`,
            { maybeAccepted: false },
          ),
        );
        this.onClose(socket);
      });
    });
  }

  private onBound(): void {
    this.state = "bound";
    this.everBound = true;
    this.retries = 0;
    this.log("smpp bound", {});
    this.armKeepalive();
    this.pump();
    this.emit("bound");
  }

  private onClose(socket: net.Socket) {
    if (socket !== this.socket) return;
    this.socket = undefined;
    clearTimeout(this.keepalive);
    for (const [sequence, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(
        new SmppConnectionError(
          `smpp: connection lost before the ${p.command}_resp to sequence ${sequence}`,
          {
            sequence,
            command: p.command,
            maybeAccepted: p.written,
          },
        ),
      );
    }
    this.pending.clear();
    this.inFlight = 0;
    if (this.state === "closing" || this.state === "closed") return this.finishClose();
    const err = new SmppConnectionError("smpp: connection lost", { maybeAccepted: false });
    if (this.state === "bound") this.emit("disconnect", err);
    if (this.options.reconnect && this.everBound && this.state !== "idle") {
      this.state = "connecting";
      const delay = backoffDelay(this.retries++, this.options.random);
      this.log("smpp reconnect", { delayMs: delay });
      this.reconnectTimer = setTimeout(() => {
        this.connect().catch((e: Error) => {
          if (this.state !== "idle") return; // a network failure: onClose scheduled the next attempt
          this.failWaiters(e);
          this.finishClose();
        });
      }, delay);
      return;
    }
    this.state = "idle";
    this.failWaiters(err);
  }

  private onData(socket: net.Socket, chunk: Buffer): void {
    let frames: Uint8Array[];
    try {
      frames = this.reader.push(chunk);
    } catch (err) {
      this.log("smpp bad frame from server", { error: (err as Error).message });
      socket.destroy();
      return;
    }
    for (const frame of frames) {
      let pdu: Pdu;
      try {
        pdu = decodePdu(frame);
      } catch (err) {
        if (!(err instanceof SmppDecodeError)) throw err;
        this.log("smpp undecodable PDU", { error: err.message });
        if (!isResponseId(err.commandId))
          this.writeNow({
            command: "generic_nack",
            sequence_number: err.sequence,
            command_status: err.status,
          });
        continue;
      }
      this.handle(pdu);
    }
  }

  private handle(pdu: Pdu) {
    if (isResponseId(pdu.command_id)) {
      const p = this.pending.get(pdu.sequence_number);
      if (!p) return;
      this.pending.delete(pdu.sequence_number);
      clearTimeout(p.timer);
      if (p.windowed) this.release();
      if (pdu.command_status !== 0) {
        const E = p.command.startsWith("bind_") ? SmppBindError : SmppError;
        p.reject(new E(p.command, pdu.command_status, pdu.sequence_number));
        return;
      }
      p.onResponse?.(pdu);
      p.resolve(pdu);
      return;
    }
    switch (pdu.command) {
      case "deliver_sm":
        return this.onDeliver(pdu);
      case "enquire_link":
        return this.writeNow({ command: "enquire_link_resp", sequence_number: pdu.sequence_number });
      case "unbind":
        // the server ends the session (e.g. idle): answer; its close then triggers the reconnect
        return this.writeNow({ command: "unbind_resp", sequence_number: pdu.sequence_number });
      default:
        this.writeNow({
          command: "generic_nack",
          sequence_number: pdu.sequence_number,
          command_status: SMPP_STATUS.ESME_RINVCMDID,
        });
    }
  }

  private onDeliver(pdu: Pdu<"deliver_sm">): void {
    let status = 0;
    try {
      if (isReceipt(pdu)) {
        const r = toReceipt(pdu);
        const waiter = this.receiptWaiters.get(r.id);
        if (waiter) {
          this.receiptWaiters.delete(r.id);
          waiter(r);
        }
        this.emit("receipt", r);
      } else this.onMessage(toMessage(pdu));
    } catch (err) {
      this.log("smpp unreadable deliver_sm", { error: (err as Error).message });
      status = SMPP_STATUS.ESME_RX_P_APPN;
    }
    this.writeNow({
      command: "deliver_sm_resp",
      sequence_number: pdu.sequence_number,
      command_status: status,
    });
  }

  /** Emits an incoming message, joining the parts of a concatenated one first. */
  private onMessage(m: SmppMessage): void {
    if (!m.concat) return void this.emit("message", m);
    const now = Date.now();
    this.incoming.expire(now - INCOMING_PARTS_TTL_MS);
    const parts = this.incoming.add(`${m.from}>${m.to}`, m.concat, m, now);
    if (!parts) return;
    const { concat: _c, ...first } = parts[0] as SmppMessage;
    this.emit("message", { ...first, text: parts.map((p) => p.text).join(""), parts: parts.length });
  }

  /** Sends a request and resolves with its response; `windowed` requests count against the window. */
  private async request(
    input: DistributiveOmit<PduInput, "sequence_number">,
    windowed: boolean,
    onResponse?: (pdu: Pdu) => void,
  ): Promise<Pdu> {
    if (windowed) await this.acquire();
    this.sequence = this.sequence >= MAX_SEQUENCE ? 1 : this.sequence + 1;
    const sequence = this.sequence;
    let bytes: Uint8Array;
    try {
      bytes = encodePdu({ ...input, sequence_number: sequence } as PduInput);
    } catch (err) {
      if (windowed) this.release();
      throw err;
    }
    return new Promise<Pdu>((resolve, reject) => {
      const p: Pending = {
        command: input.command,
        resolve,
        reject,
        windowed,
        written: false,
        timer: setTimeout(() => {
          if (this.pending.get(sequence) !== p) return;
          this.pending.delete(sequence);
          if (windowed) this.release();
          reject(new SmppTimeoutError(input.command, sequence, this.options.timeoutMs));
        }, this.options.timeoutMs),
        ...(onResponse ? { onResponse } : {}),
      };
      this.pending.set(sequence, p);
      this.write(bytes).then(
        () => {
          p.written = true;
        },
        (err: Error) => {
          if (this.pending.get(sequence) !== p) return;
          this.pending.delete(sequence);
          clearTimeout(p.timer);
          if (windowed) this.release();
          reject(err);
        },
      );
    });
  }

  /** Writes bytes, waiting for 'drain' first when the socket's buffer is full (back-pressure). */
  private async write(bytes: Uint8Array): Promise<void> {
    while (this.drain) await this.drain;
    const socket = this.socket;
    if (!socket || socket.destroyed || !socket.writable)
      throw new SmppConnectionError("smpp: not connected", { maybeAccepted: false });
    if (!socket.write(bytes)) {
      this.drain = new Promise<void>((resolve) => {
        const done = () => {
          socket.off("drain", done);
          socket.off("close", done);
          this.drain = undefined;
          resolve();
        };
        socket.on("drain", done);
        socket.on("close", done);
      });
    }
    this.armKeepalive();
  }

  /** Writes a response at once (responses never wait behind the window). */
  private writeNow(input: PduInput): void {
    this.write(encodePdu(input)).catch(() => {});
  }

  private acquire(): Promise<void> {
    if (this.state === "closing" || this.state === "closed")
      return Promise.reject(new SmppClosedError("smpp: the client is closed"));
    if (this.state === "idle") return this.connect().then(() => this.acquire());
    if (this.state === "bound" && this.inFlight < this.options.window && this.slotWaiters.length === 0) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise((grant, fail) => this.slotWaiters.push({ grant, fail }));
  }

  private release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.pump();
  }

  private pump(): void {
    while (this.state === "bound" && this.inFlight < this.options.window && this.slotWaiters.length > 0) {
      this.inFlight++;
      this.slotWaiters.shift()?.grant();
    }
  }

  private failWaiters(err: Error): void {
    for (const w of this.slotWaiters.splice(0)) w.fail(err);
  }

  private armKeepalive(): void {
    clearTimeout(this.keepalive);
    if (this.options.enquireLinkMs === 0 || this.state !== "bound") return;
    this.keepalive = setTimeout(() => {
      this.request({ command: "enquire_link" }, false).catch(() => {
        this.log("smpp enquire_link unanswered; dropping the connection", {});
        this.socket?.destroy();
      });
    }, this.options.enquireLinkMs);
    this.keepalive.unref();
  }

  private log(message: string, details: Record<string, unknown>): void {
    this.options.logger?.debug(message, details);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
