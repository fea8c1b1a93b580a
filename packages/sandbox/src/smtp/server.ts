import net from "node:net";
import type { SecureContextOptions } from "node:tls";
import { SMTP_INTERFACE } from "smsc/protocol";
import { type Logger, silentLogger } from "../core/logger.js";
import type { Core } from "../core/types.js";
import { closeServer, type Listener, listenOn } from "../listener.js";
import { SmtpSession } from "./smtp-session.js";

/** Options of {@link createSmtpServer}. */
export interface SmtpServerOptions {
  /** The core every letter is submitted to. */
  core: Core;
  /** @default silent */
  logger?: Logger;
  /** Address to listen on. @default "127.0.0.1" */
  host?: string;
  /** Port; 0 picks a free one. @default 0 */
  port?: number;
  /** Largest letter in bytes; bigger ones get 552 and are not stored. @default 102400 (the service's 100 KB) */
  maxSize?: number;
  /** Name in the greeting and EHLO reply. @default "send.smsc.kz" */
  hostname?: string;
  /** Key and certificate: when given, STARTTLS is offered. */
  tls?: SecureContextOptions;
  /** Milliseconds a silent client is kept. @default 300000 (RFC 5321 §4.5.3.2.7) */
  idleTimeout?: number;
}

/** A running SMTP listener. */
export type SmtpServer = Listener;

/**
 * The sandbox's stand-in for `send.<domain>` (spec §7): letters in the service's format become sends through the
 * same core as HTTP, so they show up in status.php, the inbox and the history.
 */
export function createSmtpServer(options: SmtpServerOptions): SmtpServer {
  const config = {
    core: options.core,
    logger: options.logger ?? silentLogger,
    hostname: options.hostname ?? "send.smsc.kz",
    maxSize: options.maxSize ?? SMTP_INTERFACE.maxLetterBytes,
    idleTimeout: options.idleTimeout ?? 300_000,
    ...(options.tls ? { tls: options.tls } : {}),
  };
  const sessions = new Set<SmtpSession>();
  const server = net.createServer((socket) => {
    const session = new SmtpSession(socket, config);
    sessions.add(session);
    socket.on("close", () => sessions.delete(session));
  });
  return {
    async listen() {
      const address = await listenOn(server, options.port, options.host);
      config.logger.info(`smtp: listening on ${address.address}:${address.port}`);
      return { port: address.port };
    },
    close: () => closeServer(server, sessions),
  };
}
