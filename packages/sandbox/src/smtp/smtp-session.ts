import type net from "node:net";
import tls from "node:tls";
import type { Logger } from "../core/logger.js";
import type { Core } from "../core/types.js";
import { submitLetter } from "./submit-letter.js";

/** What every session of one server shares. */
export interface SessionConfig {
  core: Core;
  logger: Logger;
  /** Name in the greeting and the EHLO reply. */
  hostname: string;
  /** Largest letter in bytes (after dot-unstuffing). */
  maxSize: number;
  /** Key and certificate to offer STARTTLS with; no STARTTLS without them. */
  tls?: tls.SecureContextOptions;
  /** Milliseconds of silence before the session is closed with 421. */
  idleTimeout: number;
}

/** RFC 5321 §4.5.3.1.4: a command line is at most 512 octets with its CRLF (§4.5.3.1.5: so is a reply line). */
const MAX_COMMAND = 512;
const MAX_RECIPIENTS = 100;
/** Data bytes buffered while waiting for a line break, before they are counted as part of a line. */
const LONG_LINE = 64 * 1024;

type State = "command" | "data" | "auth-plain" | "auth-login-user" | "auth-login-pass" | "closed";

/**
 * One SMTP conversation (RFC 5321 subset): greeting, EHLO/HELO, optional STARTTLS, AUTH PLAIN/LOGIN (accepted
 * and ignored: the service asks for no SMTP auth, the letter carries the credentials), MAIL, RCPT, DATA, RSET,
 * NOOP, QUIT, and the SIZE limit (552, nothing stored).
 */
export class SmtpSession {
  readonly #c: SessionConfig;
  #socket: net.Socket;
  readonly #ip: string;
  #buf: Buffer = Buffer.alloc(0);
  #state: State = "command";
  #helo = false;
  #from: string | undefined;
  #rcpt: string[] = [];
  #data: Buffer[] = [];
  #dataSize = 0;
  #tooBig = false;
  /** A data line longer than LONG_LINE arrives in pieces; only its first piece may be the dot or dot-stuffed. */
  #midLine = false;
  #secure = false;
  /** A letter is with the core: input waits in #buf until its reply has gone out, so replies stay in order. */
  #busy = false;
  /** The client has sent all it will (half-closed): the session ends once what it sent is answered. */
  #peerEnded = false;
  readonly #onEnd = () => {
    this.#peerEnded = true;
    this.#process();
  };

  constructor(socket: net.Socket, config: SessionConfig) {
    this.#c = config;
    this.#socket = socket;
    this.#ip = socket.remoteAddress ?? "";
    this.#attach(socket);
    this.#reply(220, `${config.hostname} ESMTP smsc-sandbox`);
  }

  /** Ends the session at once (server shutdown). */
  destroy(): void {
    this.#state = "closed";
    this.#socket.destroy();
  }

  #attach(socket: net.Socket): void {
    // half-open: a client that pipelines its commands and closes its side still gets every reply (see #onEnd)
    socket.allowHalfOpen = true;
    socket.setTimeout(this.#c.idleTimeout);
    socket.on("timeout", () => {
      this.#reply(421, `${this.#c.hostname} idle too long, closing`);
      this.#end();
    });
    socket.on("data", (chunk: Buffer) => this.#receive(chunk));
    socket.on("end", this.#onEnd);
    socket.on("error", () => this.destroy());
  }

  #receive(chunk: Buffer): void {
    this.#buf = this.#buf.length === 0 ? chunk : Buffer.concat([this.#buf, chunk]);
    this.#process();
  }

  #process(): void {
    let nl = this.#buf.indexOf(0x0a);
    while (nl >= 0 && this.#state !== "closed" && !this.#busy) {
      const line = this.#buf.subarray(0, nl + 1);
      this.#buf = this.#buf.subarray(nl + 1);
      if (this.#state === "data") this.#dataLine(line);
      else if (line.length > MAX_COMMAND) this.#reply(500, "Line too long");
      else if (this.#command(line.toString("latin1").replace(/\r?\n$/, "")) === "upgrade") return;
      nl = this.#buf.indexOf(0x0a);
    }
    if (this.#busy) return;
    if (this.#state === "data" && this.#buf.length > LONG_LINE) {
      this.#dataLine(this.#buf, true);
      this.#buf = Buffer.alloc(0);
    } else if (this.#state !== "data" && this.#buf.length > MAX_COMMAND) {
      this.#reply(500, "Line too long");
      this.#buf = Buffer.alloc(0);
    }
    // a client that wrote its commands and half-closed gets every reply, the one to a letter still with the core too
    if (this.#peerEnded && this.#state !== "closed") this.#end();
  }

  /** Handles one command line; returns "upgrade" when the socket is being replaced by TLS. */
  #command(line: string): "upgrade" | undefined {
    if (this.#state !== "command") return this.#authStep(line);
    const [verb = "", ...rest] = line.split(" ");
    const arg = rest.join(" ").trim();
    switch (verb.toUpperCase()) {
      case "EHLO":
      case "HELO":
        return this.#hello(verb.toUpperCase() === "EHLO", arg);
      case "STARTTLS":
        return this.#starttls();
      case "AUTH":
        return this.#auth(arg);
      case "MAIL":
        return this.#mail(arg);
      case "RCPT":
        return this.#rcptTo(arg);
      case "DATA":
        if (this.#rcpt.length === 0) return this.#reply(503, "Need RCPT command");
        this.#state = "data";
        return this.#reply(354, "End data with <CR><LF>.<CR><LF>");
      case "RSET":
        this.#reset();
        return this.#reply(250, "OK");
      case "NOOP":
        return this.#reply(250, "OK");
      case "QUIT":
        this.#reply(221, "Bye");
        return this.#end();
      case "VRFY":
        return this.#reply(252, "Cannot VRFY user, but will accept message and attempt delivery");
      default:
        return this.#reply(500, "Command not recognized");
    }
  }

  #hello(extended: boolean, domain: string): undefined {
    if (domain === "") return this.#reply(501, "Syntax: EHLO hostname");
    this.#helo = true;
    this.#reset();
    if (!extended) return this.#reply(250, this.#c.hostname);
    const ext = [`SIZE ${this.#c.maxSize}`, "8BITMIME", "AUTH PLAIN LOGIN"];
    if (this.#c.tls && !this.#secure) ext.push("STARTTLS");
    return this.#replyLines(250, [`${this.#c.hostname} greets ${domain}`, ...ext]);
  }

  #starttls(): "upgrade" | undefined {
    if (!this.#c.tls || this.#secure) return this.#reply(502, "STARTTLS not available");
    this.#reply(220, "Ready to start TLS");
    const plain = this.#socket;
    plain.removeAllListeners("data");
    plain.removeAllListeners("timeout");
    plain.off("end", this.#onEnd);
    plain.setTimeout(0);
    // RFC 3207 §4.2: anything pipelined after STARTTLS is discarded, and the session starts over
    this.#buf = Buffer.alloc(0);
    const secure = new tls.TLSSocket(plain, {
      isServer: true,
      secureContext: tls.createSecureContext(this.#c.tls),
    });
    this.#socket = secure;
    this.#secure = true;
    this.#helo = false;
    this.#reset();
    this.#attach(secure);
    return "upgrade";
  }

  #auth(arg: string): undefined {
    const [mechanism = "", initial] = arg.split(" ");
    if (!this.#helo) return this.#reply(503, "Send EHLO first");
    switch (mechanism.toUpperCase()) {
      case "PLAIN":
        if (initial === undefined) {
          this.#state = "auth-plain";
          return this.#reply(334, "");
        }
        return this.#reply(235, "Authentication successful");
      case "LOGIN":
        this.#state = initial === undefined ? "auth-login-user" : "auth-login-pass";
        return this.#reply(334, initial === undefined ? "VXNlcm5hbWU6" : "UGFzc3dvcmQ6");
      default:
        return this.#reply(504, "Unrecognized authentication type");
    }
  }

  /** The continuation lines of AUTH; their content is ignored and never logged. */
  #authStep(line: string): undefined {
    if (line.trim() === "*") {
      this.#state = "command";
      return this.#reply(501, "Authentication cancelled");
    }
    if (this.#state === "auth-login-user") {
      this.#state = "auth-login-pass";
      return this.#reply(334, "UGFzc3dvcmQ6");
    }
    this.#state = "command";
    return this.#reply(235, "Authentication successful");
  }

  #mail(arg: string): undefined {
    if (!this.#helo) return this.#reply(503, "Send HELO/EHLO first");
    if (this.#from !== undefined) return this.#reply(503, "Nested MAIL command");
    const m = /^FROM:\s*<([^>]*)>(.*)$/i.exec(arg);
    if (!m) return this.#reply(501, "Syntax: MAIL FROM:<address>");
    const size = /\bSIZE=(\d+)/i.exec(m[2]!);
    if (size && Number(size[1]) > this.#c.maxSize)
      return this.#reply(552, "Message size exceeds fixed maximum");
    this.#from = m[1]!;
    return this.#reply(250, "OK");
  }

  #rcptTo(arg: string): undefined {
    if (this.#from === undefined) return this.#reply(503, "Need MAIL command");
    const m = /^TO:\s*<([^>]+)>/i.exec(arg);
    if (!m) return this.#reply(501, "Syntax: RCPT TO:<address>");
    if (this.#rcpt.length >= MAX_RECIPIENTS) return this.#reply(452, "Too many recipients");
    // any recipient is taken: the sandbox stands in for send@send.<every domain> (docs/protocol.md "SMTP")
    this.#rcpt.push(m[1]!);
    return this.#reply(250, "OK");
  }

  #dataLine(line: Buffer, partial = false): undefined {
    const first = !this.#midLine;
    this.#midLine = partial;
    const content = line.subarray(0, line.length - (line.at(-2) === 0x0d ? 2 : 1));
    if (first && content.length === 1 && content[0] === 0x2e) return this.#endData();
    const unstuffed = first && content[0] === 0x2e ? line.subarray(1) : line;
    this.#dataSize += unstuffed.length;
    if (this.#dataSize > this.#c.maxSize) {
      // keep reading to the final dot, storing nothing, so the reply comes in order
      this.#tooBig = true;
      this.#data = [];
    } else this.#data.push(unstuffed);
  }

  #endData(): undefined {
    this.#state = "command";
    if (this.#tooBig) {
      this.#reset();
      this.#c.logger.info(`smtp: refused a letter over ${this.#c.maxSize} bytes`);
      return this.#reply(552, "Message size exceeds fixed maximum message size");
    }
    const raw = Buffer.concat(this.#data);
    this.#reset();
    this.#busy = true;
    // what the client sends meanwhile waits in the socket, not in memory, until the reply has gone out
    this.#socket.pause();
    void this.#submit(raw);
  }

  async #submit(raw: Buffer): Promise<void> {
    let outcome: Awaited<ReturnType<typeof submitLetter>>;
    try {
      outcome = await submitLetter(this.#c.core, raw, this.#ip);
      if (outcome.afterMs) await new Promise((r) => setTimeout(r, outcome.afterMs));
    } catch (e) {
      this.#c.logger.error("smtp: letter failed", e);
      outcome = { code: 451, lines: ["Local error in processing"] };
    }
    this.#busy = false;
    if (this.#state === "closed") return;
    this.#socket.resume();
    if ("drop" in outcome) {
      this.destroy();
      return;
    }
    this.#c.logger.info(`smtp: letter answered ${outcome.code} ${outcome.lines[0]}`);
    this.#replyLines(outcome.code, outcome.lines);
    this.#process();
  }

  #reset(): void {
    this.#from = undefined;
    this.#rcpt = [];
    this.#data = [];
    this.#dataSize = 0;
    this.#tooBig = false;
    this.#midLine = false;
  }

  #end(): undefined {
    this.#state = "closed";
    this.#socket.end();
    return undefined;
  }

  #reply(code: number, text: string): undefined {
    return this.#replyLines(code, [text]);
  }

  #replyLines(code: number, lines: string[]): undefined {
    if (this.#state === "closed" || this.#socket.destroyed) return undefined;
    const out = lines.map((l, i) => `${code}${i === lines.length - 1 ? " " : "-"}${replyText(l)}`);
    this.#socket.write(`${out.join("\r\n")}\r\n`);
    return undefined;
  }
}

/**
 * The text of one reply line: printable ASCII only, each other character (CR, LF, controls, 8-bit bytes of a
 * client's EHLO or letter) written as "?", and cut to fit a 512-octet line. Replies quote client input (the EHLO
 * name, a letter's bad field); without this a quoted line break would end the line and forge the next reply.
 */
function replyText(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?").slice(0, MAX_COMMAND - 6);
}
