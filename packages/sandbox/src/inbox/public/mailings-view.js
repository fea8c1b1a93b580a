// The mailings panel (GET /api/v1/mailings): each mailing (jobs.php) with its schedule, its progress and its runs.
import { el, formatDateTime } from "./dom.js";

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

const STATUS = { waiting: "Waiting", done: "Done", cancelled: "Cancelled" };
const REPEAT = {
  none: "once",
  hourly: "every hour",
  daily: "every day",
  workdays: "every working day",
  weekends: "every weekend day",
  weekly: "every week",
  monthly: "every month",
  yearly: "every year",
};

/** "2 of 3 runs", "4 runs" when it repeats without a limit. */
export function progressText(m) {
  const total = m.repeat === "none" ? 1 : m.repeats === null ? undefined : m.repeats + 1;
  return total === undefined ? plural(m.runs, "run") : `${m.runs} of ${plural(total, "run")}`;
}

/** One mailing. */
export function mailingItem(m) {
  const total = m.repeat === "none" ? 1 : m.repeats === null ? undefined : m.repeats + 1;
  const when = m.nextAt ? `next run ${formatDateTime(new Date(m.nextAt))}` : "no run due";
  return el("li", { class: `cb mailing ${m.status}`, "data-id": m.id, "data-status": m.status }, [
    el("div", { class: "cb-top" }, [
      el("span", { class: "cb-event", text: m.name }),
      el("span", { class: "cb-time", text: `#${m.id} · ${m.login}` }),
      el("span", {
        class: `cb-outcome badge ${m.status === "done" ? "delivered" : m.status === "waiting" ? "pending" : "failed"}`,
        text: STATUS[m.status] ?? m.status,
      }),
    ]),
    total === undefined
      ? null
      : el("progress", {
          class: "mailing-progress",
          max: total,
          value: m.runs,
          "aria-label": progressText(m),
        }),
    el("div", {
      class: "cb-body mailing-progress-text",
      text: [
        progressText(m),
        plural(m.messages, "message"),
        `cost ${m.cost}`,
        REPEAT[m.repeat] ?? m.repeat,
        when,
      ].join(" · "),
    }),
    el("div", { class: "cb-url", text: `${m.phones ?? ""}${m.text ? ` — ${m.text}` : ""}` }),
    m.history.length
      ? el(
          "ol",
          { class: "mailing-runs" },
          m.history.map((r) =>
            el("li", {
              text: `${r.kind === "follow" ? "fallback of run" : "run"} ${r.run}: ${formatDateTime(new Date(r.at))} · ${
                r.error === null ? plural(r.messages, "message") : `error ${r.error}`
              }`,
            }),
          ),
        )
      : null,
  ]);
}

/** Fills the panel; returns how many mailings are waiting for a run, for the top bar. */
export function renderMailings(list, root, sub) {
  const waiting = list.filter((m) => m.status === "waiting").length;
  root.replaceChildren(
    ...(list.length
      ? list.map(mailingItem)
      : [
          el("li", {
            class: "muted",
            text: "No mailings yet. Create one: jobs.php?add=1 or smsc mailings create.",
          }),
        ]),
  );
  sub.textContent = list.length ? `${list.length} mailings · ${waiting} waiting` : "";
  return waiting;
}
