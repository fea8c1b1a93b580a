import type { Charset } from "../charset.js";

/**
 * The service's e-mail → SMS interface (spec §7): letters go to `send@send.<domain>` through the service's own
 * SMTP server `send.<domain>` (port 25, no SMTP authentication), as plain text in koi8-r unless the
 * Content-Type says otherwise, at most 100 KB.
 */
export const SMTP_INTERFACE = {
  /** Local part of the recipient address. */
  mailbox: "send",
  /** Prefix of the service's SMTP host before the brand domain. */
  hostPrefix: "send.",
  /** Port of the service's SMTP server (the libraries connect to 25 without TLS, spec §7). */
  port: 25,
  /** Largest letter the service takes, in bytes (100 KB). */
  maxLetterBytes: 100 * 1024,
  /** Charset assumed when the letter declares none. */
  defaultCharset: "koi8-r" satisfies Charset,
  /** The tags that wrap the letter text when it cannot travel as text/plain. */
  textOpen: "[text]",
  textClose: "[/text]",
} as const;

/** The service's SMTP host for a brand domain: `send.smsc.kz`. */
export function mailHost(domain: string): string {
  return SMTP_INTERFACE.hostPrefix + domain;
}

/** The address letters are sent to for a brand domain: `send@send.smsc.kz`. */
export function mailRecipient(domain: string): string {
  return `${SMTP_INTERFACE.mailbox}@${mailHost(domain)}`;
}
