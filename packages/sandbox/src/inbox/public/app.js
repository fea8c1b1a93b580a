// The web inbox: conversations per phone number, live over SSE. Message texts are untrusted: they are only ever
// written with textContent (dom.js), and the server's Content-Security-Policy forbids inline code.
import { api } from "./api.js";
import { el, formatMoney, formatPhone, formatTime, statusKind } from "./dom.js";

const $ = (id) => document.getElementById(id);

const state = {
  accounts: [],
  login: "",
  search: "",
  messages: [],
  incoming: [],
  selected: "",
  expanded: new Set(),
  callbacks: undefined,
};

let reloadTimer;
/** Coalesces bursts of events (a send to many numbers) into one reload. */
function scheduleReload(delay = 60) {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => load().catch(showError), delay);
}

async function load() {
  const filter = { login: state.login || undefined };
  const [messages, incoming, accounts] = await Promise.all([
    api.messages({ ...filter, q: state.search || undefined }),
    api.incoming(filter),
    api.accounts(),
  ]);
  state.messages = messages;
  state.incoming = incoming.filter(matchesSearch);
  state.accounts = accounts;
  render();
}

async function loadCallbacks() {
  state.callbacks = await api.callbacks().catch(() => undefined);
  renderCallbacks();
}

function matchesSearch(m) {
  const q = state.search.trim().toLocaleLowerCase();
  if (!q) return true;
  const digits = q.replace(/\D/g, "");
  return m.text.toLocaleLowerCase().includes(q) || (/^[\d\s()+-]+$/.test(q) && m.phone.includes(digits));
}

/** Messages and incoming SMS grouped by the subscriber's number, most recent conversation first. */
function conversations() {
  const byPhone = new Map();
  const add = (phone, item) => {
    if (!byPhone.has(phone)) byPhone.set(phone, []);
    byPhone.get(phone).push(item);
  };
  for (const m of state.messages) add(m.phone, { kind: "out", at: m.createdAt, m });
  for (const m of state.incoming) add(m.phone, { kind: "in", at: m.receivedAt, m });
  const list = [...byPhone].map(([phone, items]) => {
    items.sort((a, b) => a.at.localeCompare(b.at) || a.m.id - b.m.id);
    return { phone, items, last: items[items.length - 1] };
  });
  return list.sort((a, b) => b.last.at.localeCompare(a.last.at));
}

function render() {
  renderAccounts();
  const convs = conversations();
  if (!convs.some((c) => c.phone === state.selected)) state.selected = convs[0]?.phone ?? "";
  $("empty").hidden = convs.length > 0;
  $("empty").textContent = state.search
    ? "Nothing matches the search."
    : "No messages yet. Point your app at this sandbox and send one.";
  $("conversations").replaceChildren(...convs.map(conversationItem));
  renderThread(convs.find((c) => c.phone === state.selected));
}

function renderAccounts() {
  const select = $("account");
  const current = state.accounts.find((a) => a.login === state.login) ?? state.accounts[0];
  select.closest("label").hidden = state.accounts.length < 2;
  select.replaceChildren(
    el("option", { value: "", text: "All accounts" }),
    ...state.accounts.map((a) =>
      el("option", { value: a.login, text: a.login, selected: a.login === state.login }),
    ),
  );
  const shown = state.login ? [current] : state.accounts;
  $("balance").textContent = shown
    .filter(Boolean)
    .map((a) => `${a.login}: ${formatMoney(a.balance, a.currency)}`)
    .join(" · ");
}

function conversationItem(c) {
  const last = c.last.m;
  const sentCount = c.items.filter((i) => i.kind === "out").length;
  const item = el(
    "li",
    { class: `conversation${c.phone === state.selected ? " active" : ""}`, "data-phone": c.phone },
    [
      el("div", { class: "conv-top" }, [
        el("span", { class: "conv-phone", text: formatPhone(c.phone) }),
        el("time", { class: "conv-time", text: formatTime(c.last.at) }),
      ]),
      el("div", { class: "conv-bottom" }, [
        el("span", { class: "conv-snippet", text: `${c.last.kind === "in" ? "↩ " : ""}${last.text}` }),
        el("span", { class: "count", text: String(sentCount || "") }),
      ]),
    ],
  );
  item.addEventListener("click", () => {
    state.selected = c.phone;
    render();
  });
  return item;
}

function renderThread(conv) {
  $("thread-title").textContent = conv ? formatPhone(conv.phone) : "No conversation";
  const sent = conv ? conv.items.filter((i) => i.kind === "out") : [];
  $("thread-sub").textContent = conv
    ? `${sent.length} sent · ${conv.items.length - sent.length} received · ${formatMoney(
        sent.reduce((s, i) => s + i.m.cost, 0),
      )} spent`
    : "";
  $("reply").hidden = !conv;
  $("thread").replaceChildren(
    ...(conv ? conv.items.map((i) => (i.kind === "out" ? sentBubble(i.m) : replyBubble(i.m))) : []),
  );
  const thread = $("thread");
  thread.scrollTop = thread.scrollHeight;
}

/** A message the app sent: it arrives on the phone, on the left. */
function sentBubble(m) {
  const kind = statusKind(m.status);
  const details = el("details", { class: "details", open: state.expanded.has(m.id) }, [
    el("summary", { text: "Details" }),
    el("dl", {}, [
      ...pair("ID", `${m.messageId} (row ${m.id})`),
      ...pair("Format", `${m.format} · type ${m.type}`),
      ...pair("Origin", m.origin),
      ...pair("Account", m.login),
      ...(m.err ? pair("Error", `${m.err} ${m.errName}`.trim()) : []),
    ]),
    el(
      "ol",
      { class: "timeline" },
      m.timeline.map((t) =>
        el("li", { class: `st-${statusKind(t.status)}` }, [
          el("span", { text: `${t.status} ${t.statusName}${t.err ? ` (err ${t.err})` : ""}` }),
          el("time", { text: formatTime(t.at) }),
        ]),
      ),
    ),
    deleteButton(m),
  ]);
  details.addEventListener("toggle", () => {
    if (details.open) state.expanded.add(m.id);
    else state.expanded.delete(m.id);
  });
  return el("li", { class: "bubble received", "data-id": m.id }, [
    el("div", { class: "sender", text: m.sender || "(no sender)" }),
    el("div", { class: "text", text: m.text }),
    el("div", { class: "meta" }, [
      el("span", {
        text: `${m.encoding.toUpperCase()} · ${m.parts} part${m.parts === 1 ? "" : "s"} · ${formatMoney(m.cost)}`,
      }),
      el("span", {
        class: `badge ${kind}`,
        title: m.statusName,
        text: `${m.statusName || m.status}${m.err ? ` · err ${m.err}` : ""}`,
      }),
      el("time", { text: formatTime(m.createdAt) }),
    ]),
    details,
  ]);
}

/** An incoming SMS: the phone's own message, on the right. */
function replyBubble(m) {
  return el("li", { class: "bubble own", "data-incoming-id": m.id }, [
    el("div", { class: "text", text: m.text }),
    el("div", { class: "meta" }, [
      el("span", { text: m.to ? `to ${formatPhone(m.to)}` : "incoming" }),
      el("time", { text: formatTime(m.receivedAt) }),
    ]),
  ]);
}

function pair(label, value) {
  return [el("dt", { text: label }), el("dd", { text: value })];
}

function deleteButton(m) {
  const b = el("button", { class: "ghost danger small", type: "button", text: "Delete message" });
  b.addEventListener("click", () => api.deleteMessage(m.id).then(() => scheduleReload(0), showError));
  return b;
}

function renderCallbacks() {
  const panel = $("callbacks-panel");
  panel.hidden = state.callbacks === undefined;
  if (!state.callbacks) return;
  const items = state.callbacks.slice(-100).reverse();
  $("callbacks").replaceChildren(
    ...(items.length
      ? items.map((c) => el("li", {}, [el("pre", { text: JSON.stringify(c, null, 1) })]))
      : [el("li", { class: "muted", text: "No callbacks sent yet." })]),
  );
}

function showError(err) {
  const live = $("live-text");
  live.textContent = `error: ${err.message}`;
}

function wire() {
  let searchTimer;
  $("search").addEventListener("input", (e) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      state.search = e.target.value;
      load().catch(showError);
    }, 150);
  });
  $("account").addEventListener("change", (e) => {
    state.login = e.target.value;
    load().catch(showError);
  });
  $("delete-matching").addEventListener("click", () => {
    const what = state.search ? `every message matching "${state.search}"` : "every message";
    if (!confirm(`Delete ${what}${state.login ? ` of ${state.login}` : ""}?`)) return;
    api
      .deleteMatching({ q: state.search || undefined, login: state.login || undefined })
      .then(() => scheduleReload(0), showError);
  });
  $("reset").addEventListener("click", () => {
    if (!confirm("Delete all messages and incoming SMS and restore the balances?")) return;
    api.reset().then(() => scheduleReload(0), showError);
  });
  $("reply").addEventListener("submit", (e) => {
    e.preventDefault();
    const input = $("reply-text");
    if (!input.value || !state.selected) return;
    api.inject({ phone: state.selected, text: input.value, login: state.login || undefined }).then(() => {
      input.value = "";
      scheduleReload(0);
    }, showError);
  });
  api.live(
    (event) => {
      if (event === "callback") loadCallbacks();
      else scheduleReload();
    },
    (up) => {
      $("live").classList.toggle("up", up);
      $("live-text").textContent = up ? "live" : "reconnecting…";
      if (up) scheduleReload(0);
    },
  );
}

wire();
load().catch(showError);
loadCallbacks();
