// One message in four tabs: Overview (what happened), Parts (what the phone receives, the characters that forced
// UCS-2 and a GSM-7 alternative), Request (the send's wire parameters) and Checks (sender, number, encoding, cost).
// Everything comes from GET /api/v1/messages/:id.
import { callbackItem } from "./callbacks-view.js";
import { el, formatDateTime, formatMoney, formatPhone, plural, statusKind } from "./dom.js";
import { formatName, statusBadge, statusEn, statusRu } from "./labels.js";
import { isScheduled } from "./thread-view.js";

const $ = (id) => document.getElementById(id);

export const TABS = ["overview", "parts", "request", "checks"];

const ENCODINGS = { gsm7: "GSM-7", ucs2: "UCS-2", binary: "binary" };

/**
 * Fills the detail panels.
 * @param {object} d the message as GET /api/v1/messages/:id answers
 * @param {{ callbacks: object[], onDelete: () => void }} ctx
 */
export function renderDetail(d, ctx) {
  $("detail-title").textContent = `${formatName(d.format)} to ${formatPhone(d.phone)}`;
  $("panel-overview").replaceChildren(...overview(d, ctx));
  $("panel-parts").replaceChildren(...parts(d));
  $("panel-request").replaceChildren(...request(d));
  $("panel-checks").replaceChildren(...checks(d));
}

/** Shows one tab; `focus` moves the focus to its button (arrow keys in the tab list). */
export function selectTab(name, focus = false) {
  for (const t of TABS) {
    const tab = $(`tab-${t}`);
    const on = t === name;
    tab.setAttribute("aria-selected", on ? "true" : "false");
    tab.tabIndex = on ? 0 : -1;
    $(`panel-${t}`).hidden = !on;
    if (on && focus) tab.focus();
  }
}

function kv(rows) {
  return el(
    "dl",
    { class: "kv" },
    rows.filter(Boolean).flatMap(([k, v]) => [el("dt", { text: k }), el("dd", {}, [v])]),
  );
}

function overview(d, ctx) {
  const where = [d.checks?.number.operator, d.checks?.number.country].filter(Boolean).join(", ");
  const del = el("button", { class: "danger", type: "button", text: "Delete message" });
  del.addEventListener("click", ctx.onDelete);
  return [
    el("p", {}, [statusBadge(d.status), ` Status ${d.status}`]),
    d.text ? el("div", { class: "part" }, [el("div", { class: "part-text", text: d.text })]) : null,
    kv([
      ["Number", `${formatPhone(d.phone)}${where ? ` · ${where}` : ""}`],
      ["Sender", d.sender || "(none)"],
      ["Format", `${formatName(d.format)} · type ${d.type}`],
      ["Origin", d.origin.toUpperCase()],
      ["Account", d.login],
      ["Message id", String(d.messageId)],
      ["Send id", String(d.sendId)],
      ["Row id", String(d.id)],
      ["Accepted", formatDateTime(d.createdAt)],
      isScheduled(d) ? ["Scheduled for", formatDateTime(d.sendAt)] : null,
      ["Last change", formatDateTime(d.statusAt)],
      d.err ? ["Error", `${d.err}${d.errName ? ` · ${d.errName}` : ""}`] : null,
      d.comment ? ["Comment", d.comment] : null,
    ]),
    ...(d.format === "hlr" ? hlr(d) : []),
    el("h3", { text: "Timeline" }),
    el(
      "ol",
      { class: "timeline" },
      d.timeline.map((t) =>
        el("li", { class: `st-${statusKind(t.status)}` }, [
          el("span", {}, [
            statusEn(t.status),
            el("span", { class: "muted", lang: "ru", text: ` · ${statusRu(t.status)}` }),
            t.err ? ` (error ${t.err})` : "",
          ]),
          el("time", { datetime: t.at, text: formatDateTime(t.at) }),
        ]),
      ),
    ),
    ...(ctx.callbacks.length
      ? [
          el("h3", { text: "Callbacks for this message" }),
          el(
            "ol",
            { class: "callbacks embedded" },
            ctx.callbacks.map((c) => callbackItem(c)),
          ),
        ]
      : []),
    el("div", { class: "row-actions" }, [del]),
  ];
}

function hlr(d) {
  const head = el("h3", { text: "HLR result" });
  if (!d.hlr) {
    const failed = statusKind(d.status) === "failed";
    return [
      head,
      el("p", {
        class: failed ? "result failed" : "muted",
        text: failed
          ? `The lookup failed: ${d.errName || statusEn(d.status)}${d.err ? ` (error ${d.err})` : ""}.`
          : "No answer from the network yet.",
      }),
    ];
  }
  const h = d.hlr;
  return [
    head,
    kv([
      ["Network", h.net || "—"],
      ["Country", h.cn || "—"],
      ["MCC / MNC", `${h.mcc || "—"} / ${h.mnc || "—"}`],
      ["IMSI", h.imsi],
      ["MSC", h.msc],
      ["Roaming", h.rcn ? [h.rnet, h.rcn].filter(Boolean).join(", ") : "no (at home)"],
    ]),
  ];
}

/** A part's text with each run of characters that forced UCS-2 marked. */
function marked(text, ucs2) {
  const out = [];
  let run = "";
  let forced = false;
  const flush = () => {
    if (!run) return;
    out.push(
      forced ? el("mark", { class: "ucs2", title: [...run].map(codePoint).join(" "), text: run }) : run,
    );
    run = "";
  };
  for (const ch of text) {
    if (ucs2.has(ch) !== forced) {
      flush();
      forced = !forced;
    }
    run += ch;
  }
  flush();
  return out;
}

const codePoint = (ch) => `U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`;

function parts(d) {
  const a = d.analysis;
  const ucs2 = new Set(a.ucs2Chars);
  const enc = ENCODINGS[a.encoding] ?? a.encoding;
  const summary =
    a.partLimit === 0
      ? `${formatName(d.format)} is billed as one message whatever its length; the text would need ${enc}.`
      : `${enc} · ${plural(a.parts.length, "part")} of up to ${a.partLimit} ${a.encoding === "gsm7" ? "septets" : a.encoding === "ucs2" ? "UTF-16 units" : "bytes"} · ${a.length} in all, ${a.remaining} left in the last part`;
  const out = [
    el("h3", { text: "As the phone receives it" }),
    el("p", { class: "muted", text: summary }),
    ...a.parts.map((p, i) =>
      el("div", { class: "part", "data-part": i + 1 }, [
        el("div", { class: "part-head", text: `Part ${i + 1} of ${a.parts.length}` }),
        el("div", { class: "part-text" }, marked(p, ucs2)),
      ]),
    ),
  ];
  if (a.parts.length === 0) out.push(el("p", { class: "muted", text: "No text: nothing to split." }));
  if (a.ucs2Chars.length) {
    out.push(
      el("h3", { text: `Characters that force UCS-2 (${a.ucs2Chars.length})` }),
      el(
        "ul",
        { class: "chars" },
        a.ucs2Chars.map((ch) =>
          el("li", {}, [el("mark", { class: "ucs2", text: ch }), el("code", { text: codePoint(ch) })]),
        ),
      ),
    );
  }
  if (a.gsm7Alternative) {
    const alt = a.gsm7Alternative;
    const cur = d.checks.cost.currency;
    const copy = el("button", { class: "small", type: "button", text: "Copy the GSM-7 text" });
    copy.addEventListener("click", () => copyText(copy, alt.text));
    out.push(
      el("div", { class: "alt", id: "gsm7-alternative" }, [
        el("h3", { text: "GSM-7 alternative" }),
        el("p", {
          text:
            alt.parts < a.parts.length
              ? `Transliterated (send.php translit=1): ${plural(alt.parts, "part")}, ${formatMoney(alt.cost, cur)} instead of ${formatMoney(d.cost, cur)}.`
              : `Transliterated (send.php translit=1): still ${plural(alt.parts, "part")} at ${formatMoney(alt.cost, cur)}, with ${alt.remaining} characters to spare in the last part.`,
        }),
        el("pre", { text: alt.text }),
        copy,
      ]),
    );
  }
  return out;
}

function request(d) {
  const entries = Object.entries(d.request);
  const query = new URLSearchParams(d.request).toString();
  const copy = el("button", { class: "small", type: "button", text: "Copy as a query string" });
  copy.addEventListener("click", () => copyText(copy, query));
  return [
    el("h3", { text: `send.php parameters (${d.origin.toUpperCase()})` }),
    el("p", {
      class: "muted",
      text: "What the send asked for, in the service's wire names. Credentials (login, psw, apikey) are never stored.",
    }),
    entries.length
      ? kv(entries.map(([k, v]) => [k, el("code", { text: v })]))
      : el("p", { class: "muted", text: "No parameters were stored." }),
    el("h3", { text: "Query string" }),
    el("pre", { class: "raw", text: query }),
    copy,
  ];
}

function checks(d) {
  const c = d.checks;
  const a = d.analysis;
  const list = [];
  const add = (level, what, why) => list.push({ level, what, why });
  const s = c.sender;
  if (!s.ok) add("bad", `Sender "${d.sender}" would be refused`, s.note);
  else if (s.kind === "none") add("ok", "No sender name", s.note);
  else add("ok", `Sender "${d.sender}" is a valid ${s.kind} name`, s.note);
  const where = [c.number.country, c.number.operator].filter(Boolean).join(" · ");
  if (where) add("ok", `Number ${formatPhone(d.phone)}`, where);
  else add("warn", `Number ${formatPhone(d.phone)}`, "The sandbox knows no country or operator for it.");
  if (a.encoding === "ucs2" && a.partLimit > 0)
    add(
      "warn",
      `UCS-2: ${plural(a.ucs2Chars.length, "character")} force it`,
      `${a.ucs2Chars.join(" ")} — a part then holds 70 units (67 when split) instead of 160 GSM-7 characters.`,
    );
  else if (a.encoding === "gsm7") add("ok", "GSM-7", "160 characters in one part, 153 per part when split.");
  const cur = c.cost.currency;
  add(
    "ok",
    `Cost ${formatMoney(c.cost.total, cur)}`,
    `${plural(c.cost.parts, d.format === "hlr" ? "request" : "part")} × ${formatMoney(c.cost.perPart, cur)}`,
  );
  const alt = a.gsm7Alternative;
  if (alt && alt.cost < c.cost.total)
    add(
      "warn",
      `GSM-7 would cost ${formatMoney(alt.cost, cur)}`,
      `Send with translit=1, or replace the marked characters: ${plural(alt.parts, "part")} instead of ${c.cost.parts}.`,
    );
  if (d.err) add("bad", `Delivery error ${d.err}`, d.errName || statusEn(d.status));
  if (isScheduled(d)) add("ok", "Scheduled", `Leaves at ${formatDateTime(d.sendAt)}.`);
  const marks = { ok: "✓", warn: "!", bad: "✗" };
  return [
    el(
      "ul",
      { class: "checks" },
      list.map((x) =>
        el("li", { class: `check ${x.level}`, "data-level": x.level }, [
          el("span", { class: "mark", "aria-hidden": "true", text: marks[x.level] }),
          el("span", { class: "what", text: x.what }),
          x.why ? el("span", { class: "why", text: x.why }) : null,
        ]),
      ),
    ),
  ];
}

function copyText(button, text) {
  const label = button.textContent;
  navigator.clipboard
    ?.writeText(text)
    .then(() => (button.textContent = "Copied"))
    .catch(() => (button.textContent = "Copy refused by the browser"))
    .finally(() => setTimeout(() => (button.textContent = label), 1500));
}
