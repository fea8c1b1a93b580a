import type { CoreEventSource } from "../core/types.js";
import { normalisePhone } from "../store/address.js";
import type { Store } from "../store/store.js";
import { type InspectedMessage, presentMessage } from "./present.js";

/** What waitForMessage waits for. */
export interface WaitForMessageOptions {
  /** The recipient, in any form the service accepts ("+7 701 123-45-67"). */
  phone?: string;
  /** A substring of the text, or a pattern it must match. */
  match?: string | RegExp;
  /** Account login. */
  login?: string;
  /** Only messages with an id above this one. */
  after?: number;
  /** How long to wait, in ms. @default 10000 */
  timeout?: number;
  /** Stops waiting (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
}

/** Thrown when no matching message arrives in time. */
export class WaitTimeoutError extends Error {
  override name = "WaitTimeoutError";
}

/** The default wait, in ms. */
export const DEFAULT_WAIT_MS = 10_000;

/** Hands out each message once to the tests that wait for one. */
export interface MessageWaiter {
  /**
   * Resolves with the oldest matching message that no earlier wait has returned, waiting for one to arrive when
   * there is none yet; rejects with WaitTimeoutError after `timeout` ms.
   */
  wait(options: WaitForMessageOptions): Promise<InspectedMessage>;
  /** Forgets which messages were handed out (after a reset). */
  clear(): void;
  /** Rejects every pending wait. */
  close(): void;
}

/** How many candidates one look at the store reads. */
const SCAN = 1000;

/** Creates the waiter behind `sandbox.waitForMessage` and `GET /api/v1/messages/wait`. */
export function createMessageWaiter(source: { events: CoreEventSource }, store: Store): MessageWaiter {
  const handedOut = new Set<number>();
  const pending = new Set<(err: Error) => void>();

  function find(o: WaitForMessageOptions, phone: string | undefined): InspectedMessage | undefined {
    const rows = store.inspection.messages({
      ...(phone !== undefined ? { phone } : {}),
      ...(o.login !== undefined ? { login: o.login } : {}),
      ...(o.after !== undefined ? { after: o.after } : {}),
      order: "asc",
      limit: SCAN,
    });
    const hit = rows.find((r) => !handedOut.has(r.rowId) && matches(r.text, o.match));
    if (!hit) return undefined;
    handedOut.add(hit.rowId);
    return presentMessage(hit);
  }

  /** The newest message to the phone, to show in a timeout error what did arrive. */
  function latest(phone: string | undefined): string | undefined {
    if (phone === undefined) return undefined;
    return store.inspection.messages({ phone, limit: 1 })[0]?.text;
  }

  function wait(o: WaitForMessageOptions): Promise<InspectedMessage> {
    const phone = o.phone !== undefined ? normalisePhone(o.phone) : undefined;
    const timeout = o.timeout ?? DEFAULT_WAIT_MS;
    return new Promise((resolve, reject) => {
      if (o.signal?.aborted) return reject(o.signal.reason);
      const now = find(o, phone);
      if (now) return resolve(now);
      const finish = (err: Error | undefined, m?: InspectedMessage) => {
        clearTimeout(timer);
        off();
        o.signal?.removeEventListener("abort", onAbort);
        pending.delete(fail);
        if (err) reject(err);
        else resolve(m!);
      };
      const fail = (err: Error) => finish(err);
      const onAbort = () => finish(o.signal!.reason as Error);
      const off = source.events.on("message", () => {
        const m = find(o, phone);
        if (m) finish(undefined, m);
      });
      const timer = setTimeout(
        () => finish(new WaitTimeoutError(describe(o, timeout, latest(phone)))),
        timeout,
      );
      o.signal?.addEventListener("abort", onAbort);
      pending.add(fail);
    });
  }

  return {
    wait,
    clear: () => handedOut.clear(),
    close() {
      for (const fail of [...pending]) fail(new Error("the sandbox closed while waiting for a message"));
    },
  };
}

function matches(text: string, match: string | RegExp | undefined): boolean {
  if (match === undefined) return true;
  if (typeof match === "string") return text.includes(match);
  match.lastIndex = 0;
  return match.test(text);
}

function describe(o: WaitForMessageOptions, timeout: number, latest: string | undefined): string {
  const parts = [
    o.phone !== undefined ? `to ${o.phone}` : "",
    o.match !== undefined
      ? `matching ${typeof o.match === "string" ? JSON.stringify(o.match) : String(o.match)}`
      : "",
    o.login !== undefined ? `of account ${o.login}` : "",
    o.after !== undefined ? `after id ${o.after}` : "",
  ].filter(Boolean);
  const seen =
    latest === undefined ? "" : ` (the latest message to that number reads ${JSON.stringify(latest)})`;
  return `no message ${parts.join(" ")}${parts.length ? " " : ""}arrived within ${timeout} ms${seen}`;
}
