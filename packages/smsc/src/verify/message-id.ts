import type { ChannelName } from "./types.js";

const LETTERS: Record<ChannelName, string> = { sms: "s", call: "c", "inbound-call": "i" };
const CHANNEL_OF: Record<string, ChannelName> = { s: "sms", c: "call", i: "inbound-call" };
const PATTERN = /^vfy-([sci])-([a-z0-9]{20})$/;

/** The send id of a code: "vfy-s-<code id>" (26 of the service's 40 id characters), so callbacks map back. */
export function verifyMessageId(channel: ChannelName, id: string): string {
  return `vfy-${LETTERS[channel]}-${id}`;
}

/** The channel and code id in a send id made by verifyMessageId, or undefined for any other id. */
export function parseVerifyMessageId(messageId: string): { channel: ChannelName; id: string } | undefined {
  const m = PATTERN.exec(messageId);
  return m ? { channel: CHANNEL_OF[m[1]!]!, id: m[2]! } : undefined;
}
