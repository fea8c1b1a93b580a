// The callbacks log (GET /api/v1/callbacks): each attempt to call an account's handler URL, newest first, with its
// time, what it reported, the outcome, the attempt number and why it failed.
import { el, formatClock, formatDateTime, formatPhone } from "./dom.js";

const EVENTS = { status: "Delivery status", incoming: "Incoming SMS", waitcall: "Confirmation call" };

/** What a log entry is about: a message, an incoming SMS, or the subscriber who called. */
function about(c, phoneOf) {
  if (c.event === "status")
    return `Message ${c.ref}${phoneOf(c.ref) ? ` to ${formatPhone(phoneOf(c.ref))}` : ""}`;
  if (c.event === "waitcall") return `Call from ${formatPhone(c.ref)}`;
  return `Incoming SMS ${c.ref}`;
}

/** How an attempt ended: "ok", "retrying" (failed, another try follows) or "failed" (the last try failed). */
export function outcomeOf(c) {
  return c.ok ? "ok" : c.final ? "failed" : "retrying";
}

/**
 * One log entry; `phoneOf(ref)` names the number a status callback was about, when the page knows the message.
 * @param {object} c
 * @param {(ref: string) => string | undefined} [phoneOf]
 */
export function callbackItem(c, phoneOf = () => undefined) {
  const outcome = outcomeOf(c);
  const http = c.httpStatus === undefined ? "no answer" : `HTTP ${c.httpStatus}`;
  const at = new Date(c.at);
  const today = at.toDateString() === new Date().toDateString();
  return el("li", { class: `cb ${outcome}`, "data-id": c.id, "data-outcome": outcome }, [
    el("div", { class: "cb-top" }, [
      el("time", {
        class: "cb-time",
        datetime: at.toISOString(),
        title: formatDateTime(at),
        text: today ? formatClock(at) : formatDateTime(at),
      }),
      el("span", { class: "cb-event", text: EVENTS[c.event] ?? c.event }),
      el("span", {
        class: `cb-outcome badge ${c.ok ? "delivered" : outcome === "retrying" ? "pending" : "failed"}`,
        text: `${c.ok ? "OK" : outcome === "retrying" ? "Failed, will retry" : "Failed"} · ${http}`,
      }),
    ]),
    el("div", {
      class: "cb-body",
      text: [
        about(c, phoneOf),
        `attempt ${c.attempt}`,
        c.ok ? "done" : c.final ? "gave up" : "will retry",
        c.login,
      ].join(" · "),
    }),
    c.error ? el("div", { class: "cb-reason", text: `Reason: ${c.error}` }) : null,
    el("div", { class: "cb-url", text: c.url }),
  ]);
}

/** Fills the panel; returns how many attempts failed, for the top bar. */
export function renderCallbacks(list, root, sub, phoneOf) {
  const failed = list.filter((c) => !c.ok).length;
  root.replaceChildren(
    ...(list.length
      ? list.map((c) => callbackItem(c, phoneOf))
      : [
          el("li", {
            class: "muted",
            text: "No callbacks yet. Set a handler URL: PUT /api/v1/accounts/:login/callback.",
          }),
        ]),
  );
  sub.textContent = list.length ? `${list.length} attempts · ${failed} failed` : "";
  return failed;
}
