import type { Socket } from "node:net";
import {
  COMMAND_IDS,
  type CommandName,
  type ConcatAssembler,
  commandName,
  decodePdu,
  encodePdu,
  formatSmppTime,
  INTERFACE_VERSION_34,
  isFinalStatus,
  isResponseId,
  MAX_SEQUENCE,
  messageStateFromStatus,
  type Pdu,
  type PduInput,
  REGISTERED_DELIVERY,
  SMPP_STATUS,
  SmppDecodeError,
  SmppFrameReader,
  STATUS,
  sendErrorStatus,
  userData,
} from "smsc/protocol";
import type { FateKind } from "../core/fate.js";
import type { Logger } from "../core/logger.js";
import { turnBudget } from "../core/turn-budget.js";
import type { Account, Core, Message } from "../core/types.js";
import { receiptPdu, type TrackedSubmit } from "./receipt-pdu.js";
import { submitParams } from "./submit-params.js";

/** One part of a concatenated message waiting for the others. */
export interface PendingPart {
  key: string;
  pdu: Pdu<"submit_sm">;
  body: Uint8Array;
}

/** What every session of one server shares. */
export interface SessionContext {
  core: Core;
  logger: Logger;
  windowSize: number;
  idleTimeoutMs: number;
  clock: () => number;
  systemId: string;
  maxPduLength: number;
  concatTimeoutMs: number;
  assembler: ConcatAssembler<PendingPart>;
  /** The id promised to the parts of each concatenated message still being collected. */
  concatIds: Map<string, string>;
  nextConcatId(): string;
  /** A submit asks for a receipt: status changes must be listened to before it is stored. */
  expectReceipts(): void;
  /** Remembers stored messages (by row id) so their receipts can go out. */
  track(rows: { first: number; count: number }, t: TrackedSubmit): void;
  /** A session just bound: receipts queued for its account may flow now. */
  bound(session: SmppSession): void;
}

type BindState = "open" | "tx" | "rx" | "trx" | "closed";

const BIND_STATE = { bind_transmitter: "tx", bind_receiver: "rx", bind_transceiver: "trx" } as const;

/** How SMPP renders each fate: a response PDU with the message id or the mapped error status, or no response. */
const SMPP_FATES: Record<FateKind, { respond: "id" | "error" | "none"; stored: boolean }> = {
  answer: { respond: "id", stored: true },
  error: { respond: "error", stored: false },
  "lose-reply": { respond: "none", stored: true },
  "lose-request": { respond: "none", stored: false },
};

/**
 * One SMPP connection: the bind state machine (SMPP 3.4 §2.2), a window of submits in flight, an inactivity
 * timer, and the translation of submit_sm / query_sm into core calls.
 */
export class SmppSession {
  state: BindState = "open";
  account?: Account;
  private systemType = "";
  private inFlight = 0;
  /** The peer has half-closed: the session ends once nothing it sent waits for an answer. */
  private peerEnded = false;
  /** Submits in the read being handled. */
  private submitsRead = 0;
  private sequence = 0;
  private idle: NodeJS.Timeout | undefined;
  /** Whether this task's PDUs are being held, to go out in one write when it ends. */
  private corked = false;
  private readonly reader: SmppFrameReader;
  private readonly peer: string;

  constructor(
    readonly socket: Socket,
    private readonly ctx: SessionContext,
  ) {
    this.reader = new SmppFrameReader(ctx.maxPduLength);
    this.peer = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    // the peer sent all it will: its submits still with the core are answered first (the server is half-open)
    socket.on("end", () => {
      this.peerEnded = true;
      this.endWhenAnswered();
    });
    socket.on("error", (err) => ctx.logger.info(`smpp: ${this.peer}: ${err.message}`));
    socket.on("close", () => {
      this.state = "closed";
      clearTimeout(this.idle);
    });
    this.armIdle();
  }

  /** Whether deliver_sm may be sent on this session (bound as receiver or transceiver). */
  get receives(): boolean {
    return this.state === "rx" || this.state === "trx";
  }

  /** Sends a message's delivery receipt. */
  deliver(m: Message, t: TrackedSubmit): void {
    this.sequence = this.sequence >= MAX_SEQUENCE ? 1 : this.sequence + 1;
    this.send(receiptPdu(m, t, this.sequence));
  }

  /** Drops the connection at once. */
  destroy(): void {
    this.state = "closed";
    clearTimeout(this.idle);
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    let frames: Uint8Array[];
    try {
      frames = this.reader.push(chunk);
    } catch (err) {
      if (!(err instanceof SmppDecodeError)) throw err;
      // A bad command_length leaves no way to find the next PDU: nack it and close (SMPP 3.4 §4.3).
      this.ctx.logger.warn(`smpp: ${this.peer}: ${err.message}; closing`);
      this.send({ command: "generic_nack", sequence_number: err.sequence, command_status: err.status });
      this.end();
      return;
    }
    this.submitsRead = 0;
    for (const frame of frames) {
      if (this.state === "closed") return;
      this.armIdle();
      this.onFrame(frame);
    }
    // A read full of submits is a slice of work: the next read waits for a turn with time left, so a client
    // pushing a whole window at once takes turns with everyone else instead of holding the loop for all of it.
    if (this.submitsRead > 0 && !this.socket.isPaused()) {
      this.socket.pause();
      turnBudget.later(() => {
        if (this.state !== "closed") this.socket.resume();
      });
    }
  }

  private onFrame(frame: Uint8Array) {
    let pdu: Pdu;
    try {
      pdu = decodePdu(frame);
    } catch (err) {
      if (!(err instanceof SmppDecodeError)) throw err;
      this.ctx.logger.info(`smpp: ${this.peer}: ${err.message}`);
      if (isResponseId(err.commandId)) return;
      const name = commandName(err.commandId);
      const resp = name ? `${name}_resp` : "";
      if (resp in COMMAND_IDS)
        this.send({
          command: resp as CommandName,
          sequence_number: err.sequence,
          command_status: err.status,
        } as PduInput);
      else this.send({ command: "generic_nack", sequence_number: err.sequence, command_status: err.status });
      return;
    }
    switch (pdu.command) {
      case "bind_transmitter":
      case "bind_receiver":
      case "bind_transceiver":
        return this.bind(pdu);
      case "submit_sm":
        this.submitsRead++;
        return this.submit(pdu);
      case "query_sm":
        return this.query(pdu);
      case "enquire_link":
        return this.reply(pdu);
      case "unbind":
        if (this.state === "open") return this.reply(pdu, {}, SMPP_STATUS.ESME_RINVBNDSTS);
        this.reply(pdu);
        return this.end();
      default:
        // responses to our deliver_sm / enquire_link / unbind need nothing; an ESME may not send other requests
        if (!isResponseId(pdu.command_id))
          this.send({
            command: "generic_nack",
            sequence_number: pdu.sequence_number,
            command_status: SMPP_STATUS.ESME_RINVCMDID,
          });
    }
  }

  private bind(pdu: Pdu<"bind_transmitter" | "bind_receiver" | "bind_transceiver">) {
    if (this.state !== "open") return this.reply(pdu, {}, SMPP_STATUS.ESME_RALYBND);
    const ip = this.socket.remoteAddress;
    const r = this.ctx.core.authenticate({ login: pdu.system_id, psw: pdu.password, ...(ip ? { ip } : {}) });
    if ("error" in r) {
      this.ctx.logger.info(
        `smpp: ${this.peer}: ${pdu.command} refused for "${pdu.system_id}" (error ${r.code})`,
      );
      return this.reply(pdu, {}, r.code === 4 ? SMPP_STATUS.ESME_RBINDFAIL : SMPP_STATUS.ESME_RINVPASWD);
    }
    this.account = r;
    this.systemType = pdu.system_type;
    this.state = BIND_STATE[pdu.command];
    this.ctx.logger.info(`smpp: ${this.peer}: ${pdu.command} as "${r.login}"`);
    this.reply(pdu, { system_id: this.ctx.systemId, tlvs: { sc_interface_version: INTERFACE_VERSION_34 } });
    this.ctx.bound(this);
  }

  private get transmits(): boolean {
    return this.state === "tx" || this.state === "trx";
  }

  private submit(pdu: Pdu<"submit_sm">) {
    if (!this.transmits) return this.reply(pdu, {}, SMPP_STATUS.ESME_RINVBNDSTS);
    if (this.inFlight >= this.ctx.windowSize) return this.reply(pdu, {}, SMPP_STATUS.ESME_RTHROTTLED);
    // A submit holds its place in the window until its answer (after the store's commit) has gone out, so every
    // PDU of one read counts against the window, as requests queued at a busy SMSC would.
    this.inFlight++;
    this.handleSubmit(pdu)
      .catch((err) => {
        this.ctx.logger.error(`smpp: ${this.peer}: submit failed`, err);
        this.reply(pdu, {}, SMPP_STATUS.ESME_RSYSERR);
      })
      .finally(() => {
        this.inFlight--;
        this.endWhenAnswered();
      });
  }

  private async handleSubmit(pdu: Pdu<"submit_sm">): Promise<void> {
    const ctx = this.ctx;
    const account = this.account as Account;
    let ud: ReturnType<typeof userData>;
    try {
      ud = userData(pdu);
    } catch {
      return this.reply(pdu, {}, SMPP_STATUS.ESME_RINVMSGLEN);
    }
    if (!ud.concat) return this.submitWhole(pdu, ud.body, undefined, pdu);
    const now = ctx.clock();
    for (const dropped of ctx.assembler.expire(now - ctx.concatTimeoutMs)) {
      const key = dropped[0]?.key;
      if (key) ctx.concatIds.delete(key);
      ctx.logger.warn(
        `smpp: dropped ${dropped.length} part(s) of a concatenated message that never completed`,
      );
    }
    const c = ud.concat;
    const key = `${account.id}|${pdu.source_addr}|${pdu.destination_addr}|${c.wide ? "w" : "n"}${c.reference}/${c.total}`;
    let id = ctx.concatIds.get(key);
    if (id === undefined) {
      id = ctx.nextConcatId();
      ctx.concatIds.set(key, id);
    }
    const parts = ctx.assembler.add(key, c, { key, pdu, body: ud.body }, now);
    if (!parts) return this.reply(pdu, { message_id: id });
    ctx.concatIds.delete(key);
    const body = new Uint8Array(parts.reduce((n, p) => n + p.body.length, 0));
    let at = 0;
    for (const p of parts) {
      body.set(p.body, at);
      at += p.body.length;
    }
    return this.submitWhole((parts[0] as PendingPart).pdu, body, id, pdu);
  }

  /** Submits a whole message to the core; answers `answer` (the last part) as its fate says. */
  private async submitWhole(
    first: Pdu<"submit_sm">,
    body: Uint8Array,
    id: string | undefined,
    answer: Pdu<"submit_sm">,
  ): Promise<void> {
    const account = this.account as Account;
    const sp = submitParams(first, body, { systemType: this.systemType, nowMs: this.ctx.clock() });
    if ("status" in sp) return this.reply(answer, {}, sp.status);
    if (id !== undefined) sp.params.id = id;
    const registeredDelivery = answer.registered_delivery | first.registered_delivery;
    if (registeredDelivery & REGISTERED_DELIVERY.RECEIPT_MASK) this.ctx.expectReceipts();
    const fate = await this.ctx.core.send({ account, params: sp.params, origin: "smpp" });
    const render = SMPP_FATES[fate.kind];
    if (render.stored && "value" in fate && fate.value.kind === "sent")
      this.ctx.track(fate.value.rows, {
        id: String(fate.value.reply.id),
        accountId: account.id,
        registeredDelivery,
        sourceAddr: first.source_addr,
        sourceTon: first.source_addr_ton,
        sourceNpi: first.source_addr_npi,
        destTon: first.dest_addr_ton,
        destNpi: first.dest_addr_npi,
      });
    if (fate.afterMs) await new Promise((r) => setTimeout(r, fate.afterMs));
    if (this.state === "closed") return;
    if (render.respond === "id" && "value" in fate && fate.value.kind === "sent")
      this.reply(answer, { message_id: String(fate.value.reply.id) });
    else if (render.respond === "error" && "error" in fate)
      this.reply(answer, {}, sendErrorStatus(fate.error.code));
  }

  private query(pdu: Pdu<"query_sm">) {
    if (!this.transmits) return this.reply(pdu, {}, SMPP_STATUS.ESME_RINVBNDSTS);
    const account = this.account as Account;
    const fate = this.ctx.core.status({ account, ids: [pdu.message_id], phones: [], all: 0, del: false });
    if (fate.kind === "lose-request" || fate.kind === "lose-reply") return;
    if (fate.kind === "error") return this.reply(pdu, {}, SMPP_STATUS.ESME_RQUERYFAIL);
    const rec = fate.value[0];
    if (!rec || rec.status === STATUS.notFound) return this.reply(pdu, {}, SMPP_STATUS.ESME_RINVMSGID);
    this.reply(pdu, {
      message_id: pdu.message_id,
      final_date: isFinalStatus(rec.status) ? formatSmppTime(rec.lastTimestamp) : "",
      message_state: messageStateFromStatus(rec.status),
      error_code: rec.err & 0xff,
    });
  }

  private reply(pdu: Pdu, fields: Record<string, unknown> = {}, status = 0): void {
    // assigned, not spread into a literal: this runs for every PDU of a window
    const out = Object.assign({}, fields) as Record<string, unknown>;
    out.command = `${pdu.command}_resp` as CommandName;
    out.sequence_number = pdu.sequence_number;
    out.command_status = status;
    this.send(out as PduInput);
  }

  private send(input: PduInput): void {
    if (!this.socket.writable) return;
    // the PDUs of one task (a window's responses after their group commit) leave in one write, not one write each;
    // a tick queued from a promise job runs once every pending job has run, so this waits for nothing else
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(encodePdu(input));
  }

  private armIdle(): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      this.ctx.logger.info(`smpp: ${this.peer}: idle for ${this.ctx.idleTimeoutMs} ms; closing`);
      this.end();
    }, this.ctx.idleTimeoutMs);
    this.idle.unref();
  }

  private endWhenAnswered(): void {
    if (this.peerEnded && this.inFlight === 0 && this.state !== "closed") this.end();
  }

  private end(): void {
    this.state = "closed";
    clearTimeout(this.idle);
    this.socket.end();
    // a peer that never closes its side must not keep the socket forever
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }
}
