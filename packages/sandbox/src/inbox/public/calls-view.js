// Confirmation calls (wait_call.php): who is to call which number, and a button that plays the subscriber's call
// (POST /api/v1/wait-calls/:phone/call), after which the account's handler URL gets the waitcall callback.
import { el, formatClock, formatDateTime, formatPhone, relative } from "./dom.js";

const STATES = {
  waiting: ["pending", "Waiting for the call"],
  confirmed: ["delivered", "Called"],
  expired: ["failed", "Expired"],
};

/** Whether a request still takes a call. */
export const callable = (w, now = Date.now()) => Date.parse(w.expiresAt) > now;

/** One request; its button carries the subscriber's number and the number to dial. */
export function callItem(w) {
  const [kind, label] = STATES[w.state] ?? ["pending", w.state];
  const at = new Date(w.createdAt);
  const open = callable(w);
  return el(
    "li",
    {
      class: `cb call ${w.state === "expired" ? "failed" : w.state === "waiting" ? "retrying" : "ok"}`,
      "data-id": w.id,
      "data-state": w.state,
    },
    [
      el("div", { class: "cb-top" }, [
        el("time", {
          class: "cb-time",
          datetime: at.toISOString(),
          title: formatDateTime(at),
          text: formatClock(at),
        }),
        el("span", { class: "cb-event", text: formatPhone(w.phone) }),
        el("span", {
          class: `cb-outcome badge ${kind}`,
          text: w.calls > 1 ? `${label} · ${w.calls} calls` : label,
        }),
      ]),
      el("div", { class: "cb-body", text: `is to call ${formatPhone(w.number)} · ${w.login}` }),
      el("div", {
        class: "cb-url",
        text: open
          ? `valid until ${formatClock(w.expiresAt)} (${relative(w.expiresAt)})`
          : `expired ${relative(w.expiresAt)}`,
      }),
      open
        ? el("div", { class: "call-actions" }, [
            el("button", {
              type: "button",
              class: "small call-button",
              "data-phone": w.phone,
              "data-to": w.number,
              text: `📞 Call ${formatPhone(w.number)} from ${formatPhone(w.phone)}`,
            }),
          ])
        : null,
    ],
  );
}

/** Fills the panel; returns how many requests wait for their call, for the top bar. */
export function renderCalls(list, root, sub) {
  const waiting = list.filter((w) => w.state === "waiting" && callable(w)).length;
  root.replaceChildren(
    ...(list.length
      ? list.map(callItem)
      : [
          el("li", {
            class: "muted",
            text: "No confirmation calls yet. wait_call.php?phone=<number> gives a number to call; play the call here.",
          }),
        ]),
  );
  sub.textContent = list.length ? `${list.length} requests · ${waiting} waiting` : "";
  return waiting;
}
