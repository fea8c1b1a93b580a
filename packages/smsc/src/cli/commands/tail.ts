import { isFinalStatus, STATUS, STATUS_CODES } from "../../protocol/index.js";
import { abortableSleep } from "../abortable-sleep.js";
import { type Command, str } from "../command.js";
import { EXIT_CODES } from "../exit-codes.js";
import { PLAIN, type Style } from "../style.js";

/** The sandbox's event stream, relative to its base URL (https://github.com/smsc-kz/smsc/blob/main/docs/inspection-api.md). */
const EVENTS_PATH = "/api/v1/events";

/** The sandbox's message list, for catching up after a reconnect (https://github.com/smsc-kz/smsc/blob/main/docs/inspection-api.md). */
const MESSAGES_PATH = "/api/v1/messages";

/** Failed connection attempts in a row (one a second) before tail gives up. */
const MAX_RECONNECTS = 30;

/**
 * Fields of tail's NDJSON lines: the event name and the sandbox's message object (https://github.com/smsc-kz/smsc/blob/main/docs/inspection-api.md), plus
 * `to` and `receivedAt` of incoming SMS.
 */
const TAIL_FIELDS = [
  "event",
  "id",
  "messageId",
  "sendId",
  "login",
  "origin",
  "phone",
  "to",
  "text",
  "sender",
  "format",
  "type",
  "encoding",
  "parts",
  "cost",
  "status",
  "statusName",
  "err",
  "errName",
  "comment",
  "createdAt",
  "sendAt",
  "statusAt",
  "receivedAt",
  "timeline",
] as const;

/** One server-sent event. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Splits a text/event-stream into events (the WHATWG rules that matter here: `event:`, `data:` lines joined by
 * "\n", `id:`, comments, CR/LF/CRLF line ends, dispatch on a blank line).
 */
export async function* readSse(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buf = "";
  let event = "";
  let data: string[] = [];
  let id: string | undefined;
  for await (const chunk of body) {
    buf += decoder.decode(chunk, { stream: true });
    for (;;) {
      const m = /\r\n|\r|\n/.exec(buf);
      // a lone CR at the end may be the first half of a CRLF: wait for more
      if (!m || (m[0] === "\r" && m.index === buf.length - 1)) break;
      const line = buf.slice(0, m.index);
      buf = buf.slice(m.index + m[0].length);
      if (line === "") {
        if (data.length)
          yield { event: event || "message", data: data.join("\n"), ...(id !== undefined ? { id } : {}) };
        event = "";
        data = [];
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
      else if (field === "id") id = value;
    }
  }
}

interface StreamedMessage {
  id?: unknown;
  /** `incoming` events: when the SMS arrived. */
  receivedAt?: string;
  phone?: string;
  status?: number;
  text?: string;
  /** ISO 8601 (the sandbox's inspection API) or ms. */
  statusAt?: string | number;
  createdAt?: string | number;
}

/** One human line: time, phone, status, text; the status green when delivered, red when it failed. */
export function tailLine(event: string, m: StreamedMessage, style: Style = PLAIN): string {
  const at = m.statusAt ?? m.createdAt ?? m.receivedAt;
  const date = at === undefined ? undefined : new Date(at);
  const time = date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(11, 19) : "--:--:--";
  const st = m.status === undefined ? "" : String(m.status);
  const name =
    event === "incoming" ? "incoming" : ((STATUS_CODES as Record<string, { en: string }>)[st]?.en ?? "");
  const text = (m.text ?? "").replace(/\s+/g, " ");
  const code = Number(st);
  const paint =
    st === "" || event === "incoming"
      ? (s: string) => s
      : code === STATUS.delivered || code === STATUS.read
        ? style.green
        : isFinalStatus(code)
          ? style.red
          : style.yellow;
  return `${style.dim(time)}  ${(m.phone ?? "").padEnd(14)} ${paint(`${st} ${name}`.padEnd(28))} ${event === "message" || event === "incoming" ? text : `(${event}) ${text}`}`;
}

/** `smsc tail`: streams the messages arriving in a sandbox (its SSE endpoint), until Ctrl-C. */
export const tail: Command = {
  name: "tail",
  summary: "stream the messages arriving in a sandbox (Ctrl-C to stop)",
  usage: "[--phone <phone>] [--no-status]",
  flags: {
    phone: { type: "string", arg: "phone", help: "only this number (digits as stored)" },
    "no-status": { type: "boolean", help: "only new messages (and incoming SMS), not status changes" },
  },
  fields: TAIL_FIELDS,
  notes: `Reads ${EVENTS_PATH} of the first --base-url: the sandbox's event stream (docs/inspection-api.md); the service has
none. One line per event: time (UTC), phone, status, text; --json prints one JSON object per line (NDJSON). After
a reconnect, messages stored in the gap are fetched from ${MESSAGES_PATH}.`,
  examples: ["smsc tail --base-url http://127.0.0.1:8400", "smsc tail --profile sandbox --json | jq .text"],
  handlesSignals: () => true,
  async run({ values, baseUrl, io, json, select, style, signal, setExitCode }) {
    const base = baseUrl();
    const url = `${base}${EVENTS_PATH}`;
    const phone = str(values, "phone")?.replace(/\D/g, "");
    const statuses = values["no-status"] !== true;
    // message row ids already printed as "message": the catch-up after a reconnect may overlap the stream
    const printed = new Set<unknown>();
    let newest: number | undefined;
    let failures = 0;
    let reconnecting = false;
    const show = (event: string, m: StreamedMessage) => {
      if (phone !== undefined && m.phone?.replace(/\D/g, "") !== phone) return;
      if (event === "message") {
        if (printed.has(m.id)) return;
        printed.add(m.id);
        if (typeof m.id === "number" && (newest === undefined || m.id > newest)) newest = m.id;
      }
      io.stdout.write(
        json ? `${JSON.stringify(select({ event, ...m }))}\n` : `${tailLine(event, m, style.out)}\n`,
      );
    };
    while (!signal.aborted) {
      try {
        const res = await fetch(url, { headers: { accept: "text/event-stream" }, signal });
        if (!res.ok || !res.body) throw new Error(`${url} answered HTTP ${res.status}`);
        if (reconnecting && newest !== undefined) {
          // the stream does not replay what happened while we were away: catch up from the message list
          const missed = await fetch(`${base}${MESSAGES_PATH}?after=${newest}`, { signal });
          if (missed.ok) {
            const { messages } = (await missed.json()) as { messages: StreamedMessage[] };
            for (const m of messages.reverse()) show("message", m);
          }
        }
        reconnecting = false;
        failures = 0;
        for await (const ev of readSse(res.body as unknown as AsyncIterable<Uint8Array>)) {
          if (ev.event !== "message" && ev.event !== "incoming" && !(statuses && ev.event === "status"))
            continue;
          let m: StreamedMessage;
          try {
            m = JSON.parse(ev.data) as StreamedMessage;
          } catch {
            continue;
          }
          show(ev.event, m);
        }
        // the stream ended (the sandbox closed or restarted): reconnect
        reconnecting = true;
      } catch (e) {
        if (signal.aborted) break;
        // the sandbox restarted or is not up yet: say so once, then keep trying, like tail -F
        reconnecting = true;
        if (++failures === 1) io.stderr.write(`tail: ${(e as Error).message}; retrying\n`);
        if (failures > MAX_RECONNECTS) {
          io.stderr.write(`tail: gave up after ${MAX_RECONNECTS} attempts\n`);
          setExitCode(EXIT_CODES.connection);
          return undefined;
        }
        await abortableSleep(1000, signal);
      }
    }
    setExitCode(EXIT_CODES.ok);
    return undefined;
  },
  human: () => undefined,
};
