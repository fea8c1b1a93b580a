import type { Smsc } from "../client/index.js";
import { type PhoneNumber, parsePhone } from "../protocol/index.js";
import type { ChannelName } from "./types.js";

/** What a channel is asked to deliver. */
export interface ChannelRequest {
  phone: PhoneNumber;
  /** The message id to send with (status callbacks carry it back). */
  messageId: string;
  /** A code made by verify, for channels that send their own text. */
  code: string;
  /** The SMS text with `code` in it (templates, app hash, domain line). */
  text: string;
  /** The end user's IP, when the app gave it (sent as `userip`, the service's own per-IP daily limit). */
  ip?: string;
  signal?: AbortSignal;
}

/**
 * What a channel delivered: the code the user will type (its own, or one the service made up), or, for a
 * confirmation by the user's call, the number to call (the code is then approved by the `waitcall` callback).
 */
export type Delivery = { code: string } | { callTo: string };

/** A way to get a code to a phone. `start` calls it after every limit has passed. */
export interface Channel {
  name: ChannelName;
  deliver(request: ChannelRequest): Promise<Delivery>;
}

/** Options of the built-in channels. */
export interface ChannelOptions {
  /** Sender name of the SMS. @default the account's default sender */
  sender?: string;
  /** Voice of the call: m, m2, w, w2. @default the service's */
  voice?: string;
}

/** Codes by SMS: verify's own code in the rendered text (send.php). */
export function smsChannel(smsc: Smsc, o: ChannelOptions = {}): Channel {
  return {
    name: "sms",
    async deliver({ phone, messageId, code, text, ip, signal }) {
      await smsc.send(
        {
          phones: phone.e164,
          message: text,
          id: messageId,
          ...(o.sender !== undefined ? { sender: o.sender } : {}),
          ...(ip !== undefined ? { userIp: ip } : {}),
        },
        signal ? { signal } : {},
      );
      return { code };
    },
  };
}

/**
 * Codes by a voice call: `mes=code` with `call=1` (spec §2.6) makes the service call and read out a code it
 * generates, and its reply carries that code. The code is the service's (4 digits), not verify's.
 */
export function callChannel(smsc: Smsc, o: ChannelOptions = {}): Channel {
  return {
    name: "call",
    async deliver({ phone, messageId, ip, signal }) {
      const r = await smsc.send(
        {
          phones: phone.e164,
          message: "code",
          format: "call",
          id: messageId,
          ...(o.voice !== undefined ? { voice: o.voice } : {}),
          ...(o.sender !== undefined ? { sender: o.sender } : {}),
          ...(ip !== undefined ? { userIp: ip } : {}),
        },
        signal ? { signal } : {},
      );
      if (r.code === undefined || r.code === "")
        throw new Error("smsc/verify: the voice call's reply carried no code (spec §2.6 mes=code)");
      return { code: r.code };
    },
  };
}

/**
 * Confirmation by the user's own call (wait_call.php, spec §6.13): the service gives a number for `phone` to call
 * and, when the call comes, sends the account's handler URL a signed `waitcall` callback, which
 * `Verify.handleCallback` turns into the approval. No code is typed. `waitCall` creates a request on the service, so
 * the SDK never retries it after a reply may have been made. See https://github.com/smsc-kz/smsc/blob/main/docs/verify.md "Channels".
 */
export function inboundCallChannel(smsc: Smsc): Channel {
  return {
    name: "inbound-call",
    async deliver({ phone, signal }) {
      const r = await smsc.waitCall({ phone: phone.e164 }, signal ? { signal } : {});
      const callTo = parsePhone(r.phone)?.e164;
      if (callTo === undefined)
        throw new Error("smsc/verify: wait_call.php answered no number to call (spec §6.13)");
      return { callTo };
    },
  };
}
