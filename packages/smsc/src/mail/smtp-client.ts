import net from "node:net";
import tls from "node:tls";
import { ConnectionError, TimeoutError } from "../client/errors.js";
import type { SmscLogger } from "../client/logger.js";
import type { Redactor } from "../client/redact.js";
import { dotStuff } from "./dot-stuff.js";
import { SmtpError, type SmtpStage } from "./errors.js";
import { type SmtpReply, SmtpReplyReader } from "./smtp-reply-reader.js";

/** How to reach an SMTP server and what it may ask for. */
export interface SmtpTarget {
  host: string;
  port: number;
  /** TLS from the first byte (port 465 style). */
  secure: boolean;
  /** Upgrade with STARTTLS: when offered, always (fail if not offered), or never. */
  starttls: "opportunistic" | "required" | "never";
  /** TLS settings (certificate authorities, `rejectUnauthorized`, …) for `secure` and STARTTLS. */
  tls?: tls.ConnectionOptions;
  /** AUTH credentials; PLAIN is preferred when the server offers both. */
  auth?: { user: string; pass: string; method?: "PLAIN" | "LOGIN" };
  /** Name given in EHLO/HELO. */
  name: string;
  /** Milliseconds the whole dialogue may take. */
  timeout: number;
  signal?: AbortSignal;
  logger?: SmscLogger;
  /** Masks secrets in what the server says before it reaches an error or the log (a relay may quote the letter). */
  redactor?: Redactor;
}

/** A letter's envelope and its bytes (headers and body, with LF or CRLF line breaks). */
export interface SmtpEnvelope {
  from: string;
  to: readonly string[];
  data: Uint8Array;
}

/** Hands one letter to an SMTP server and returns the server's final reply to DATA. */
export async function deliver(target: SmtpTarget, envelope: SmtpEnvelope): Promise<SmtpReply> {
  const session = new SmtpSession(target);
  try {
    return await session.run(envelope);
  } finally {
    session.close();
  }
}

class SmtpSession {
  readonly #t: SmtpTarget;
  readonly #origin: string;
  #socket: net.Socket;
  #reader = new SmtpReplyReader();
  #dataSent = false;
  #timer: NodeJS.Timeout;
  #onAbort = () => this.#fail(this.#t.signal?.reason ?? new Error("aborted"), true);

  constructor(target: SmtpTarget) {
    this.#t = target;
    this.#origin = `smtp://${target.host}:${target.port}`;
    const opts = { host: target.host, port: target.port };
    this.#socket = target.secure
      ? tls.connect({ ...opts, servername: serverName(target.host), ...target.tls })
      : net.connect(opts);
    this.#attach(this.#socket);
    this.#timer = setTimeout(
      () => this.#fail(new TimeoutError(this.#origin, target.timeout)),
      target.timeout,
    );
    if (target.signal?.aborted) this.#onAbort();
    target.signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  async run(env: SmtpEnvelope): Promise<SmtpReply> {
    await this.#expect("greeting", await this.#reader.next(), 220);
    let ext = await this.#hello();
    const isTls = this.#t.secure;
    if (!isTls && this.#t.starttls !== "never" && (ext.has("STARTTLS") || this.#t.starttls === "required")) {
      await this.#expect("starttls", await this.#command("STARTTLS"), 220);
      await this.#upgrade();
      ext = await this.#hello();
    }
    if (this.#t.auth) await this.#authenticate(ext, this.#t.auth);
    const body = ext.has("8BITMIME") ? " BODY=8BITMIME" : "";
    await this.#expect("mail", await this.#command(`MAIL FROM:<${env.from}>${body}`), 250);
    for (const rcpt of env.to) await this.#expect("rcpt", await this.#command(`RCPT TO:<${rcpt}>`), 250, 251);
    await this.#expect("data", await this.#command("DATA"), 354);
    this.#dataSent = true;
    this.#t.logger?.debug("smtp > [letter]", { bytes: env.data.length });
    this.#socket.write(dotStuff(env.data));
    const final = await this.#expect("message", await this.#reader.next(), 250);
    // the letter is accepted; a failing QUIT changes nothing
    await this.#command("QUIT").catch(() => undefined);
    return final;
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#t.signal?.removeEventListener("abort", this.#onAbort);
    this.#socket.destroy();
  }

  /** EHLO, falling back to HELO (RFC 5321 §4.1.4); returns the extension keywords with their arguments. */
  async #hello(): Promise<Map<string, string>> {
    const ehlo = await this.#command(`EHLO ${this.#t.name}`);
    if (ehlo.code === 250) {
      const ext = new Map<string, string>();
      for (const line of ehlo.lines.slice(1)) {
        const [kw = "", ...args] = line.trim().split(/\s+/);
        ext.set(kw.toUpperCase(), args.join(" ").toUpperCase());
      }
      return ext;
    }
    await this.#expect("ehlo", await this.#command(`HELO ${this.#t.name}`), 250);
    return new Map();
  }

  async #authenticate(ext: Map<string, string>, auth: NonNullable<SmtpTarget["auth"]>): Promise<void> {
    const offered = (ext.get("AUTH") ?? "").split(" ");
    const method =
      auth.method ?? (offered.includes("PLAIN") || !offered.includes("LOGIN") ? "PLAIN" : "LOGIN");
    if (!ext.has("AUTH")) throw new SmtpError("auth", 0, "the server offers no AUTH");
    const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
    if (method === "PLAIN") {
      const reply = await this.#command(
        `AUTH PLAIN ${b64(`\0${auth.user}\0${auth.pass}`)}`,
        "AUTH PLAIN ***",
      );
      await this.#expect("auth", reply, 235);
      return;
    }
    await this.#expect("auth", await this.#command("AUTH LOGIN"), 334);
    await this.#expect("auth", await this.#command(b64(auth.user), "***"), 334);
    await this.#expect("auth", await this.#command(b64(auth.pass), "***"), 235);
  }

  async #upgrade(): Promise<void> {
    const plain = this.#socket;
    plain.removeAllListeners("data");
    plain.removeAllListeners("error");
    plain.removeAllListeners("close");
    const secure = tls.connect({ socket: plain, servername: serverName(this.#t.host), ...this.#t.tls });
    this.#socket = secure;
    this.#attach(secure);
    await new Promise<void>((resolve, reject) => {
      secure.once("secureConnect", resolve);
      secure.once("error", reject);
    });
  }

  #attach(socket: net.Socket): void {
    socket.on("data", (chunk: Buffer) => this.#reader.push(chunk));
    socket.on("error", (e) => this.#fail(e));
    socket.on("close", () => this.#fail(new Error("connection closed")));
  }

  #command(line: string, logged = line): Promise<SmtpReply> {
    this.#t.logger?.debug(`smtp > ${logged}`);
    this.#socket.write(`${line}\r\n`);
    return this.#reader.next();
  }

  async #expect(stage: SmtpStage, raw: SmtpReply, ...ok: number[]): Promise<SmtpReply> {
    const reply = { ...raw, lines: raw.lines.map((l) => this.#redact(l)) };
    this.#t.logger?.debug(`smtp < ${reply.code} ${reply.lines.join(" | ")}`);
    if (!ok.includes(reply.code)) throw new SmtpError(stage, reply.code, reply.lines.join("\n"));
    return reply;
  }

  #redact(text: string): string {
    return this.#t.redactor ? this.#t.redactor.text(text) : text;
  }

  #fail(cause: unknown, raw = false): void {
    const error =
      raw || cause instanceof ConnectionError || cause instanceof SmtpError
        ? cause
        : new ConnectionError(
            `smsc: SMTP connection to ${this.#origin} failed: ${this.#redact(describe(cause))}`,
            {
              host: this.#origin,
              maybeSent: this.#dataSent,
              cause: this.#t.redactor ? this.#t.redactor.error(cause) : cause,
            },
          );
    this.#reader.fail(error);
    this.#socket.destroy();
  }
}

/** SNI takes host names only (RFC 6066 §3). */
function serverName(host: string): string | undefined {
  return net.isIP(host) ? undefined : host;
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
