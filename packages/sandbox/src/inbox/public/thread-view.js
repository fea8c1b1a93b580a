// The phone's screen: one conversation as bubbles with day separators. What the app sent is on the left (as the
// subscriber receives it), what the subscriber sent (incoming SMS) on the right. Each message kind has its own look.
import {
  dayKey,
  dayLabel,
  el,
  formatClock,
  formatDateTime,
  formatMoney,
  formatPhone,
  plural,
  relative,
} from "./dom.js";
import { formatName, statusBadge, statusEn } from "./labels.js";
import { MESSAGE_FORMATS } from "./tables.js";

const ENCODINGS = { gsm7: "GSM-7", ucs2: "UCS-2", binary: "Binary" };

/** Whether a format is billed as one message whatever its text (the protocol's FORMAT_COUNTING). */
const single = (format) => MESSAGE_FORMATS[format]?.counting === "single";

/** What each kind says about itself under the text. */
const NOTES = {
  flash: "Flash SMS: shown on the screen at once and not saved.",
  hlr: "Asks the network whether the number is live and where it is registered.",
  ping: "Checks that the phone is on; the subscriber sees nothing.",
  call: "Read out to the subscriber in a voice call.",
  push: "Opens a link on the phone.",
};

/** The service's voices (send.php `voice`, spec §2.1). */
const VOICES = { m: "male", m2: "male, second", w: "female", w2: "female, second" };

/** A voice message's line: whose voice reads it out, and whether the text is a code the service generated. */
function callLine(m) {
  const call = m.call ?? { voice: "" };
  const voice = call.voice
    ? `the ${VOICES[call.voice] ?? call.voice} voice (${call.voice})`
    : "the default voice";
  const what = call.code !== undefined ? "🔊 Generated code, read out in" : "🔊 Read out in";
  return el("div", { class: "call-line muted", text: `${what} ${voice}` });
}

/**
 * The thread's list items, oldest first, a separator before each new day.
 * @param {ReturnType<import("./list-view.js").conversations>[number]["items"]} items
 * @param {{ openId?: number, hlr: Map<number, object | null>, focusKey?: string,
 *   currencyOf: (login: string) => string }} ctx
 */
export function threadItems(items, ctx) {
  const out = [];
  let day = "";
  for (const item of items) {
    const key = dayKey(item.at);
    if (key !== day) {
      day = key;
      out.push(
        el("li", { class: "day", role: "separator" }, [
          el("time", { datetime: item.at, text: dayLabel(item.at) }),
        ]),
      );
    }
    const node = item.kind === "out" ? sentBubble(item.m, ctx) : replyBubble(item.m);
    node.tabIndex = ctx.focusKey === bubbleKey(node) ? 0 : -1;
    out.push(node);
  }
  return out;
}

/** A bubble's identity across renders ("out:17", "in:3"). */
export function bubbleKey(node) {
  return node.dataset.id ? `out:${node.dataset.id}` : `in:${node.dataset.incomingId}`;
}

/** Whether a message is sent later than it was accepted (send.php `time`). */
export function isScheduled(m) {
  return Date.parse(m.sendAt) - Date.parse(m.createdAt) > 1000;
}

function sentBubble(m, ctx) {
  const special = m.format !== "sms";
  return el(
    "li",
    {
      class: `bubble received k-${m.format}${ctx.openId === m.id ? " open" : ""}`,
      "data-id": m.id,
      "data-format": m.format,
      "aria-label": `${formatName(m.format)} from ${m.sender || "no sender"}: ${m.call?.code !== undefined ? `code ${m.call.code}` : m.text || formatName(m.format)}, ${statusEn(m.status)}`,
    },
    [
      el("div", { class: "bubble-top" }, [
        el("span", { class: "sender", text: m.sender || "(no sender)" }),
        special ? el("span", { class: `kind k-${m.format}`, text: formatName(m.format) }) : null,
      ]),
      m.text || !(m.format === "hlr" || m.format === "ping")
        ? el("div", { class: m.call?.code !== undefined ? "text call-code" : "text", text: m.text })
        : null,
      m.format === "call" ? callLine(m) : null,
      NOTES[m.format] ? el("div", { class: "kind-note", text: NOTES[m.format] }) : null,
      m.format === "hlr" || m.format === "ping" ? lookupResult(m, ctx.hlr) : null,
      isScheduled(m) ? scheduled(m) : null,
      m.err
        ? el("div", { class: "err-line", text: `Error ${m.err}${m.errName ? `: ${m.errName}` : ""}` })
        : null,
      el("div", { class: "meta" }, [
        el("span", { class: "units", text: units(m, ctx.currencyOf(m.login)) }),
        statusBadge(m.status),
        el("time", {
          datetime: m.createdAt,
          title: formatDateTime(m.createdAt),
          text: formatClock(m.createdAt),
        }),
      ]),
    ],
  );
}

function units(m, currency) {
  const money = formatMoney(m.cost, currency);
  if (single(m.format)) return `${m.format === "hlr" ? "1 request" : "1 message"} · ${money}`;
  return `${ENCODINGS[m.encoding] ?? m.encoding} · ${plural(m.parts, "part")} · ${money}`;
}

function scheduled(m) {
  const waiting = m.status === -1 && Date.parse(m.sendAt) > Date.now();
  return el("div", { class: "scheduled" }, [
    "Scheduled for ",
    el("time", { datetime: m.sendAt, text: formatDateTime(m.sendAt) }),
    waiting ? ` · leaves ${relative(m.sendAt)}` : "",
  ]);
}

/** The answer of an HLR or ping request: waiting, reachable (with the HLR data once loaded), or failed. */
function lookupResult(m, hlr) {
  const kind = m.status === 1 || m.status === 2 || m.status === 4 ? "ok" : m.status >= 3 ? "failed" : "wait";
  let text;
  if (kind === "wait") text = "Waiting for the network's answer…";
  else if (kind === "failed")
    text = `Not reachable: ${m.errName || statusEn(m.status)}${m.err ? ` (error ${m.err})` : ""}`;
  else if (m.format === "ping") text = "The phone is on.";
  else {
    const h = hlr.get(m.id);
    if (!h) text = "Reachable · loading the network's data…";
    else {
      const where = [h.net, h.cn].filter(Boolean).join(", ");
      const roaming = h.rcn ? ` · roaming in ${[h.rnet, h.rcn].filter(Boolean).join(", ")}` : "";
      text = `Reachable · ${where || "unknown network"}${roaming} · IMSI ${h.imsi} · MSC ${h.msc}`;
    }
  }
  return el("div", { class: `result ${kind}`, "data-result-for": m.id, text });
}

/** An incoming SMS: the phone's own message. */
function replyBubble(m) {
  return el(
    "li",
    { class: "bubble own", "data-incoming-id": m.id, "aria-label": `Incoming SMS: ${m.text}` },
    [
      el("div", { class: "text", text: m.text }),
      el("div", { class: "meta" }, [
        el("span", { text: m.to ? `to ${formatPhone(m.to)}` : "incoming SMS" }),
        el("time", {
          datetime: m.receivedAt,
          title: formatDateTime(m.receivedAt),
          text: formatClock(m.receivedAt),
        }),
      ]),
    ],
  );
}
