// The conversation list: one entry per subscriber number, most recent first.
import { el, formatPhone, formatShort, statusKind } from "./dom.js";
import { formatName, statusEn } from "./labels.js";

/**
 * Groups sent messages and incoming SMS by number, each conversation's items oldest first.
 * @returns {Array<{ phone: string, items: Array<{ kind: "out" | "in", at: string, m: object }>, last: object,
 *   failed: number, sent: number }>}
 */
export function conversations(messages, incoming) {
  const byPhone = new Map();
  const add = (phone, item) => {
    const items = byPhone.get(phone);
    if (items) items.push(item);
    else byPhone.set(phone, [item]);
  };
  for (const m of messages) add(m.phone, { kind: "out", at: m.createdAt, m });
  for (const m of incoming) add(m.phone, { kind: "in", at: m.receivedAt, m });
  const list = [...byPhone].map(([phone, items]) => {
    items.sort(byTime);
    const out = items.filter((i) => i.kind === "out");
    return {
      phone,
      items,
      last: items[items.length - 1],
      sent: out.length,
      failed: out.filter((i) => statusKind(i.m.status) === "failed").length,
    };
  });
  return list.sort((a, b) => byTime(b.last, a.last));
}

/** Oldest first: by time, then sent before received, then by id. */
export function byTime(a, b) {
  return a.at.localeCompare(b.at) || (a.kind === b.kind ? a.m.id - b.m.id : a.kind === "out" ? -1 : 1);
}

/** What a conversation's last item says in the list. */
function snippet(item) {
  const m = item.m;
  if (item.kind === "in") return `↩ ${m.text}`;
  if (m.text) return m.format === "sms" ? m.text : `${formatName(m.format)}: ${m.text}`;
  return `${formatName(m.format)}: ${statusEn(m.status)}`;
}

/** One list entry; `focusable` puts it in the Tab order (roving tabindex). */
export function conversationItem(c, { active, focusable }) {
  return el(
    "div",
    {
      class: `conversation${active ? " active" : ""}`,
      "data-phone": c.phone,
      role: "option",
      "aria-selected": active ? "true" : "false",
      tabindex: focusable ? "0" : "-1",
    },
    [
      el("div", { class: "conv-top" }, [
        el("span", { class: "conv-phone", text: formatPhone(c.phone) }),
        el("time", { class: "conv-time", datetime: c.last.at, text: formatShort(c.last.at) }),
      ]),
      el("div", { class: "conv-bottom" }, [
        el("span", { class: "conv-snippet", text: snippet(c.last) }),
        el("span", { class: "conv-flags" }, [
          c.failed ? el("span", { class: "failed-pill", text: `${c.failed} failed` }) : null,
          el("span", { class: "count", title: "Messages sent", text: String(c.sent || "") }),
        ]),
      ]),
    ],
  );
}
