// The web inbox: conversations per phone number, live over SSE, paged beyond the API's 1,000-message pages.
// Message texts are untrusted: they are only ever written with textContent (dom.js), and the server's
// Content-Security-Policy forbids inline code.
import { api, PAGE } from "./api.js";
import { renderCallbacks } from "./callbacks-view.js";
import { renderCalls } from "./calls-view.js";
import { renderDetail, selectTab, TABS } from "./detail-view.js";
import { el, formatCount, formatMoney, formatPhone, rove, setTabStop } from "./dom.js";
import { FORMATS, formatName } from "./labels.js";
import { byTime, conversationItem, conversations } from "./list-view.js";
import { renderMailings } from "./mailings-view.js";
import { incomingMatches, ORIGINS, parseQuery, setToken, tokenValue } from "./search-syntax.js";
import { bubbleKey, threadItems } from "./thread-view.js";

const $ = (id) => document.getElementById(id);
/** Messages per page of a thread (the list pages by the API's largest page). */
const THREAD_PAGE = 500;
const wide = matchMedia("(min-width: 1180px)");
const small = matchMedia("(max-width: 719px)");

const emptyThread = () => ({
  phone: "",
  messages: [],
  incoming: [],
  moreMessages: false,
  moreIncoming: false,
});

const state = {
  accounts: [],
  /** The search box as typed, and what it means. */
  query: "",
  parsed: parseQuery("", FORMATS),
  /** The loaded window of the list, newest first; `incomingCursor` is the oldest incoming id read. */
  list: {
    messages: [],
    incoming: [],
    moreMessages: false,
    moreIncoming: false,
    incomingCursor: 0,
    loaded: false,
  },
  /** The open conversation's number and its own pages. */
  selected: "",
  thread: emptyThread(),
  /** The message whose details are open, and its GET /messages/:id answer. */
  openId: undefined,
  detail: undefined,
  tab: "overview",
  callbacks: undefined,
  callbacksOpen: false,
  /** wait_call.php requests (the Calls panel), newest first. */
  calls: [],
  callsOpen: false,
  /** GET /api/v1/mailings, and whether its panel is open. */
  mailings: [],
  mailingsOpen: false,
  /** Every sender name seen, for the sender filter. */
  senders: new Set(),
  /** HLR results by message id (from the single-message view). */
  hlr: new Map(),
  /** The list's and the thread's tab stops (roving tabindex). */
  focusPhone: "",
  focusKey: "",
  /** The latest status event per message: a page fetched just before a change must not undo it. */
  recent: new Map(),
};

let generation = 0;
let threadGeneration = 0;
let catchUpAfterLoad = false;

// ---------------------------------------------------------------- loading

const incomingParams = () => (state.parsed.filter.login ? { login: state.parsed.filter.login } : {});

/** Whether anything older than `before` matches: the sign under the list. */
async function anyBefore(kind, filter, before) {
  const page = await (kind === "messages" ? api.messages : api.incoming)(filter, { before, limit: 1 });
  return page.length > 0;
}

/** Prefers a status event's version of a message over an older fetched one. */
function freshest(m) {
  const r = state.recent.get(m.id);
  // an event carries what changed, not what only the lists read from the send's request (`call`): keep that
  return r && r.timeline.length > m.timeline.length ? { ...m, ...r } : m;
}

async function loadList() {
  const g = ++generation;
  const { filter, outgoingOnly } = state.parsed;
  const [messages, incoming, accounts] = await Promise.all([
    api.messages(filter),
    outgoingOnly ? [] : api.incoming(incomingParams()),
    api.accounts(),
  ]);
  const [moreMessages, moreIncoming] = await Promise.all([
    messages.length === PAGE ? anyBefore("messages", filter, messages[PAGE - 1].id) : false,
    incoming.length === PAGE ? anyBefore("incoming", incomingParams(), incoming[PAGE - 1].id) : false,
  ]);
  if (g !== generation) return;
  state.accounts = accounts;
  state.list = {
    messages: messages.map(freshest),
    incoming: incoming.filter((m) => incomingMatches(m, state.parsed)),
    moreMessages,
    moreIncoming,
    incomingCursor: incoming[incoming.length - 1]?.id ?? 0,
    loaded: true,
  };
  const convs = conversations(state.list.messages, state.list.incoming);
  if (!convs.some((c) => c.phone === state.selected)) selectPhone(convs[0]?.phone ?? "");
  renderTop();
  renderList();
  renderCallbacksPanel();
  fillSenders();
  if (catchUpAfterLoad) {
    catchUpAfterLoad = false;
    coalesce("catch-up", catchUp, 0);
  }
}

async function loadOlder() {
  const l = state.list;
  const { filter } = state.parsed;
  const [older, olderIncoming] = await Promise.all([
    l.moreMessages ? api.messages(filter, { before: l.messages[l.messages.length - 1].id }) : [],
    l.moreIncoming ? api.incoming(incomingParams(), { before: l.incomingCursor }) : [],
  ]);
  const [moreMessages, moreIncoming] = await Promise.all([
    older.length === PAGE ? anyBefore("messages", filter, older[PAGE - 1].id) : false,
    olderIncoming.length === PAGE
      ? anyBefore("incoming", incomingParams(), olderIncoming[PAGE - 1].id)
      : false,
  ]);
  if (l !== state.list) return;
  l.messages.push(...older);
  l.incoming.push(...olderIncoming.filter((m) => incomingMatches(m, state.parsed)));
  if (olderIncoming.length) l.incomingCursor = olderIncoming[olderIncoming.length - 1].id;
  l.moreMessages = moreMessages;
  l.moreIncoming = l.moreIncoming && moreIncoming;
  renderList();
}

/** Opens a number's thread: its own pages, so a long conversation is complete whatever the list holds. */
function selectPhone(phone) {
  if (phone === state.selected) return;
  state.selected = phone;
  state.thread = { ...emptyThread(), phone };
  state.focusKey = "";
  if (state.openId !== undefined) closeDetail(false);
  loadThread().catch(showError);
}

async function loadThread(before) {
  const phone = state.selected;
  const g = ++threadGeneration;
  if (!phone) {
    state.thread = emptyThread();
    renderThread(true);
    return;
  }
  const t = state.thread;
  const page = { limit: THREAD_PAGE };
  const [messages, incoming] = await Promise.all([
    before && !t.moreMessages
      ? []
      : api.messages({ ...state.parsed.filter, phone }, before ? { ...page, before: before.message } : page),
    state.parsed.outgoingOnly || (before && !t.moreIncoming)
      ? []
      : api.incoming({ ...incomingParams(), phone }, before ? { ...page, before: before.incoming } : page),
  ]);
  if (g !== threadGeneration || phone !== state.selected) return;
  const matching = incoming.filter((m) => incomingMatches(m, state.parsed));
  if (before) {
    t.messages.push(...messages);
    t.incoming.push(...matching);
    if (t.moreMessages) t.moreMessages = messages.length === THREAD_PAGE;
    if (t.moreIncoming) t.moreIncoming = incoming.length === THREAD_PAGE;
    if (incoming.length) t.incomingCursor = incoming[incoming.length - 1].id;
    renderThread(false, true);
  } else {
    state.thread = {
      phone,
      messages: messages.map(freshest),
      incoming: matching,
      moreMessages: messages.length === THREAD_PAGE,
      moreIncoming: incoming.length === THREAD_PAGE,
      incomingCursor: incoming[incoming.length - 1]?.id ?? 0,
    };
    renderThread(true);
  }
  loadHlrResults();
}

/** Fetches the HLR data of the thread's successful lookups (the list view does not carry it). */
async function loadHlrResults() {
  const todo = state.thread.messages.filter(
    (m) => m.format === "hlr" && (m.status === 1 || m.status === 2) && !state.hlr.has(m.id),
  );
  for (const m of todo.slice(0, 50)) {
    const d = await api.message(m.id).catch(() => undefined);
    state.hlr.set(m.id, d?.hlr ?? null);
  }
  if (todo.length) renderThread();
}

async function loadDetail() {
  const id = state.openId;
  if (id === undefined) return;
  const d = await api.message(id).catch(() => undefined);
  if (id !== state.openId) return;
  if (!d) return closeDetail(false);
  state.detail = d;
  if (d.format === "hlr") state.hlr.set(d.id, d.hlr ?? null);
  renderDetail(d, {
    callbacks: (state.callbacks ?? []).filter((c) => c.event === "status" && c.ref === String(d.messageId)),
    onDelete: () => api.deleteMessage(d.id).then(() => removeIds([d.id]), showError),
  });
  selectTab(state.tab);
}

async function loadMailings() {
  state.mailings = await api.mailings().catch(() => state.mailings);
  renderMailingsPanel();
}

async function loadCallbacks() {
  const before = state.callbacks;
  state.callbacks = await api.callbacks().catch(() => undefined);
  if (before === undefined && state.callbacks !== undefined && wide.matches) state.callbacksOpen = true;
  renderCallbacksPanel();
  renderSide();
}

async function loadCalls() {
  state.calls = await api.waitCalls().catch(() => state.calls);
  renderCallsPanel();
}

async function reloadAll() {
  await loadList();
  if (state.selected) await loadThread();
  if (state.openId !== undefined) await loadDetail();
}

// ---------------------------------------------------------------- live updates

const timers = new Map();
/** Runs `fn` once after a burst of events (a send to many numbers) instead of once per event. */
function coalesce(name, fn, delay = 80) {
  if (timers.has(name)) return;
  timers.set(
    name,
    setTimeout(() => {
      timers.delete(name);
      Promise.resolve(fn()).catch(showError);
    }, delay),
  );
}

/** New messages: reads everything after the newest one shown; a flood larger than a page reloads. */
async function catchUp() {
  // a message stored while the first page was being read: read again once it is there
  if (!state.list.loaded) {
    catchUpAfterLoad = true;
    return;
  }
  const list = state.list;
  const after = list.messages[0]?.id ?? 0;
  const page = await api.messages(state.parsed.filter, { after });
  if (list !== state.list) return;
  if (page.length === PAGE) return reloadAll();
  const known = new Set(list.messages.map((m) => m.id));
  const fresh = page.filter((m) => !known.has(m.id)).map(freshest);
  list.messages.unshift(...fresh);
  const mine = fresh.filter((m) => m.phone === state.thread.phone);
  if (mine.length) {
    const inThread = new Set(state.thread.messages.map((m) => m.id));
    state.thread.messages.unshift(...mine.filter((m) => !inThread.has(m.id)));
  }
  if (!state.selected && fresh.length) selectPhone(fresh[0].phone);
  if (fresh.some((m) => m.sender && !state.senders.has(m.sender))) fillSenders();
  renderList();
  if (mine.length) renderThread();
  // a callback may have come in before its message did: it can now say which number it was about
  if (fresh.length) renderCallbacksPanel();
}

/** A status change: replaced where shown; with a status filter it may enter or leave the list. */
function onStatus(m) {
  state.recent.set(m.id, m);
  if (state.recent.size > 5000) state.recent.clear();
  const wanted = state.parsed.filter.status?.split(",").map(Number);
  const passes = !wanted || wanted.includes(m.status);
  const changedList = upsert(state.list.messages, m, passes);
  const changedThread = m.phone === state.thread.phone && upsert(state.thread.messages, m, passes);
  if (!changedList && passes && wanted && inWindow(m.id)) recheck.add(m.id);
  if (recheck.size) coalesce("recheck", runRecheck);
  if (changedList) coalesce("render-list", renderList, 30);
  if (changedThread) coalesce("render-thread", renderThread, 30);
  if (m.id === state.openId) coalesce("detail", loadDetail);
  if (m.format === "hlr") {
    state.hlr.delete(m.id);
    if (changedThread) coalesce("hlr", loadHlrResults);
  }
}

/** Replaces a message in a newest-first array, or drops it when it no longer passes; whether anything changed. */
function upsert(list, m, passes) {
  const i = list.findIndex((x) => x.id === m.id);
  if (i < 0) return false;
  // an event carries what changed, not what only the lists read from the send's request (`call`): keep that
  if (passes) list[i] = { ...list[i], ...m };
  else list.splice(i, 1);
  return true;
}

/** Whether an id falls inside the loaded window of the list. */
const inWindow = (id) =>
  !state.list.moreMessages || id >= state.list.messages[state.list.messages.length - 1].id;

const recheck = new Set();
/** Asks the server which of the changed messages now match all the filters (one ranged query per burst). */
async function runRecheck() {
  const ids = [...recheck];
  recheck.clear();
  if (!ids.length) return;
  const found = [];
  let before = Math.max(...ids) + 1;
  const after = Math.min(...ids) - 1;
  for (;;) {
    const page = await api.messages(state.parsed.filter, { after, before });
    found.push(...page);
    if (page.length < PAGE) break;
    before = page[page.length - 1].id;
  }
  const merge = (list, items) => {
    const byId = new Map(list.map((m) => [m.id, m]));
    for (const m of items) byId.set(m.id, freshest(m));
    return [...byId.values()].sort((a, b) => b.id - a.id);
  };
  state.list.messages = merge(state.list.messages, found);
  const mine = found.filter((m) => m.phone === state.thread.phone);
  if (mine.length) state.thread.messages = merge(state.thread.messages, mine);
  renderList();
  if (mine.length) renderThread();
}

function removeIds(ids) {
  const gone = new Set(ids);
  state.list.messages = state.list.messages.filter((m) => !gone.has(m.id));
  state.thread.messages = state.thread.messages.filter((m) => !gone.has(m.id));
  if (gone.has(state.openId)) closeDetail(false);
  renderList();
  renderThread();
}

function onIncoming(m) {
  if (!incomingMatches(m, state.parsed)) return;
  if (!state.list.incoming.some((x) => x.id === m.id)) state.list.incoming.unshift(m);
  if (m.phone === state.thread.phone && !state.thread.incoming.some((x) => x.id === m.id))
    state.thread.incoming.unshift(m);
  if (!state.selected) selectPhone(m.phone);
  renderList();
  if (m.phone === state.thread.phone) renderThread();
}

function onCallback(c) {
  if (state.callbacks === undefined) return coalesce("callbacks", loadCallbacks);
  state.callbacks = [c, ...state.callbacks.filter((x) => x.id !== c.id)].slice(0, 200);
  renderCallbacksPanel();
  if (state.detail && c.ref === String(state.detail.messageId)) coalesce("detail", loadDetail);
}

function live() {
  let wasUp = false;
  api.live(
    (event, data) => {
      if (event === "message") {
        coalesce("catch-up", catchUp);
        coalesce("mailings", loadMailings, 300);
        coalesce("accounts", refreshAccounts, 150);
      } else if (event === "status") onStatus(data);
      else if (event === "incoming") onIncoming(data);
      else if (event === "deleted") removeIds(data.ids);
      else if (event === "reset") {
        state.hlr.clear();
        state.recent.clear();
        closeDetail(false);
        coalesce("reload", reloadAll, 0);
        coalesce("callbacks", loadCallbacks);
        coalesce("calls", loadCalls);
      } else if (event === "balance") coalesce("accounts", refreshAccounts, 0);
      else if (event === "callback") onCallback(data);
      else if (event === "waitcall") coalesce("calls", loadCalls);
    },
    (up) => {
      $("live").classList.toggle("up", up);
      $("live-text").textContent = up ? "live" : "reconnecting…";
      // events are not replayed: after a reconnect, read the state again
      if (up && wasUp === false && state.list.loaded) {
        coalesce("reload", reloadAll, 0);
        coalesce("calls", loadCalls);
      }
      wasUp = up;
    },
  );
}

async function refreshAccounts() {
  state.accounts = await api.accounts();
  renderTop();
}

// ---------------------------------------------------------------- rendering

function renderTop() {
  const select = $("account");
  const login = tokenValue(state.query, "login");
  select.closest("label").hidden = state.accounts.length < 2;
  select.replaceChildren(
    el("option", { value: "", text: "All accounts" }),
    ...state.accounts.map((a) =>
      el("option", { value: a.login, text: a.login, selected: a.login === login }),
    ),
  );
  const shown = login ? state.accounts.filter((a) => a.login === login) : state.accounts;
  $("balance").textContent = shown
    .map((a) => `${a.login}: ${formatMoney(a.balance, a.currency)}`)
    .join(" · ");
}

const currencyOf = (login) => state.accounts.find((a) => a.login === login)?.currency ?? "";

function renderList() {
  const convs = conversations(state.list.messages, state.list.incoming);
  const root = $("conversations");
  const focused = document.activeElement?.closest?.(".conversation")?.dataset.phone;
  if (!convs.some((c) => c.phone === state.focusPhone))
    state.focusPhone = state.selected || convs[0]?.phone || "";
  root.replaceChildren(
    ...convs.map((c) =>
      conversationItem(c, { active: c.phone === state.selected, focusable: c.phone === state.focusPhone }),
    ),
  );
  if (focused) listItem(focused)?.focus();
  $("empty").hidden = convs.length > 0 || !state.list.loaded;
  $("empty").textContent = state.query.trim()
    ? "Nothing matches the search."
    : "No messages yet. Point your app at this sandbox and send one.";
  const l = state.list;
  const more = l.moreMessages || l.moreIncoming;
  const count = l.messages.length + l.incoming.length;
  $("list-summary").textContent = l.loaded
    ? `${formatCount(count)}${more ? "+" : ""} messages · ${formatCount(convs.length)} conversation${convs.length === 1 ? "" : "s"}`
    : "";
  $("more").hidden = !more;
  $("more-text").textContent = `Showing the newest ${formatCount(count)} messages; older ones exist.`;
  $("load-older").textContent = `Load ${formatCount(PAGE)} older`;
}

const listItem = (phone) =>
  [...$("conversations").querySelectorAll(".conversation")].find((x) => x.dataset.phone === phone);

function renderThread(toEnd = false, keepTop = false) {
  const t = state.thread;
  const items = [
    ...t.messages.map((m) => ({ kind: "out", at: m.createdAt, m })),
    ...t.incoming.map((m) => ({ kind: "in", at: m.receivedAt, m })),
  ].sort(byTime);
  const sent = t.messages;
  $("thread-title").textContent = t.phone ? formatPhone(t.phone) : "No conversation";
  const filtered = state.query.trim() ? ` · filtered by "${state.query.trim()}"` : "";
  $("thread-sub").textContent = t.phone
    ? `${sent.length} sent · ${t.incoming.length} received · ${formatMoney(
        sent.reduce((s, m) => s + m.cost, 0),
        currencyOf(sent[0]?.login),
      )} spent${filtered}`
    : "";
  $("reply").hidden = !t.phone;
  $("earlier").hidden = !(t.moreMessages || t.moreIncoming);
  const scroller = $("thread-scroll");
  const atEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
  const fromBottom = scroller.scrollHeight - scroller.scrollTop;
  const focused = document.activeElement?.closest?.("#thread .bubble");
  const focusedKey = focused ? bubbleKey(focused) : undefined;
  const keys = items.map((i) => (i.kind === "out" ? `out:${i.m.id}` : `in:${i.m.id}`));
  if (!keys.includes(state.focusKey)) state.focusKey = keys[keys.length - 1] ?? "";
  $("thread").replaceChildren(
    ...threadItems(items, { openId: state.openId, hlr: state.hlr, focusKey: state.focusKey, currencyOf }),
  );
  if (focusedKey)
    threadBubbles()
      .find((b) => bubbleKey(b) === focusedKey)
      ?.focus({ preventScroll: true });
  if (keepTop) scroller.scrollTop = scroller.scrollHeight - fromBottom;
  else if (toEnd || atEnd) scroller.scrollTop = scroller.scrollHeight;
}

const threadBubbles = () => [...$("thread").querySelectorAll(".bubble")];

function sideOf() {
  if (state.openId !== undefined) return "detail";
  if (state.callsOpen) return "calls";
  if (state.mailingsOpen) return "mailings";
  return state.callbacksOpen && state.callbacks !== undefined ? "callbacks" : "";
}

function renderSide() {
  const side = sideOf();
  $("layout").dataset.side = side;
  $("detail").hidden = side !== "detail";
  $("callbacks-panel").hidden = side !== "callbacks";
  $("calls-panel").hidden = side !== "calls";
  $("mailings-panel").hidden = side !== "mailings";
  $("mailings-toggle").setAttribute("aria-expanded", side === "mailings" ? "true" : "false");
  const toggle = $("callbacks-toggle");
  toggle.hidden = state.callbacks === undefined;
  toggle.setAttribute("aria-expanded", side === "callbacks" ? "true" : "false");
  $("calls-toggle").setAttribute("aria-expanded", side === "calls" ? "true" : "false");
}

function renderCallsPanel() {
  const waiting = renderCalls(state.calls, $("calls"), $("calls-sub"));
  const pill = $("calls-count");
  pill.textContent = waiting ? String(waiting) : "";
  pill.title = waiting ? `${waiting} waiting for a call` : "";
}

function renderMailingsPanel() {
  const waiting = renderMailings(state.mailings, $("mailings"), $("mailings-sub"));
  const pill = $("mailings-count");
  pill.textContent = waiting ? String(waiting) : "";
  pill.title = waiting ? `${waiting} waiting` : "";
}

function renderCallbacksPanel() {
  if (state.callbacks === undefined) return;
  const phones = new Map(state.list.messages.map((m) => [String(m.messageId), m.phone]));
  const failed = renderCallbacks(state.callbacks, $("callbacks"), $("callbacks-sub"), (ref) =>
    phones.get(ref),
  );
  const pill = $("callbacks-count");
  pill.textContent = failed ? String(failed) : "";
  pill.className = `count-pill${failed ? " bad" : ""}`;
  pill.title = failed ? `${failed} failed attempts` : "";
}

// ---------------------------------------------------------------- navigation

function openConversation(phone, viaKeyboard = false) {
  state.focusPhone = phone;
  setView("thread");
  if (phone !== state.selected) {
    selectPhone(phone);
    renderThread(true);
  }
  renderList();
  if (viaKeyboard) {
    // the thread loads asynchronously: focus its newest message once it is there
    const focusNewest = () => {
      const bubbles = threadBubbles();
      if (bubbles.length) rove(bubbles, undefined, -1);
      else $("thread").focus();
    };
    if (state.thread.messages.length || state.thread.incoming.length) focusNewest();
    else waitForThread(phone).then(focusNewest);
  }
}

/** Resolves once the thread of `phone` has been loaded and drawn. */
function waitForThread(phone) {
  return new Promise((resolve) => {
    const started = threadGeneration;
    const check = () => {
      if (state.thread.phone === phone && threadGeneration >= started && $("thread").childElementCount)
        resolve();
      else if (state.selected === phone) requestAnimationFrame(check);
    };
    check();
  });
}

function setView(view) {
  $("layout").dataset.view = view;
}

function backToList() {
  setView("list");
  listItem(state.selected)?.focus();
}

function openMessage(id, viaKeyboard = false) {
  state.openId = id;
  state.detail = undefined;
  state.focusKey = `out:${id}`;
  $("detail-title").textContent = "Loading…";
  for (const t of TABS) $(`panel-${t}`).replaceChildren();
  renderSide();
  renderThread();
  loadDetail().then(() => {
    if (viaKeyboard) $(`tab-${state.tab}`).focus();
  }, showError);
}

function closeDetail(refocus = true) {
  const id = state.openId;
  state.openId = undefined;
  state.detail = undefined;
  renderSide();
  renderThread();
  if (refocus && id !== undefined)
    threadBubbles()
      .find((b) => b.dataset.id === String(id))
      ?.focus();
}

function toggleMailings() {
  if (sideOf() === "mailings") state.mailingsOpen = false;
  else {
    state.mailingsOpen = true;
    state.callsOpen = false;
    state.callbacksOpen = false;
    if (state.openId !== undefined) closeDetail(false);
    loadMailings();
  }
  renderSide();
  if (sideOf() === "mailings") $("mailings-close").focus();
}

function toggleCallbacks() {
  if (sideOf() === "callbacks") state.callbacksOpen = false;
  else {
    state.callbacksOpen = true;
    state.callsOpen = false;
    state.mailingsOpen = false;
    if (state.openId !== undefined) closeDetail(false);
  }
  renderSide();
  if (sideOf() === "callbacks") $("callbacks-close").focus();
}

function toggleCalls() {
  if (sideOf() === "calls") state.callsOpen = false;
  else {
    state.callsOpen = true;
    state.mailingsOpen = false;
    state.callbacksOpen = false;
    if (state.openId !== undefined) closeDetail(false);
    loadCalls().catch(showError);
  }
  renderSide();
  if (sideOf() === "calls") $("calls-close").focus();
}

function closeCalls() {
  state.callsOpen = false;
  renderSide();
  $("calls-toggle").focus();
}

/** Where the keyboard is: the list, the thread, or elsewhere. */
function area() {
  const a = document.activeElement;
  if (a?.closest?.("#conversations")) return "list";
  if (a?.closest?.("#thread")) return "thread";
  if (!a || a === document.body) return "none";
  return "other";
}
let lastArea = "list";

/** Moves the focus by `delta` items; from outside the list or thread, the first key lands on its tab stop. */
function move(delta, where) {
  const thread = where === "thread";
  const items = thread ? threadBubbles() : [...$("conversations").querySelectorAll(".conversation")];
  const from = document.activeElement?.closest?.(thread ? "#thread .bubble" : ".conversation");
  const stop = current(items);
  const next = rove(items, from ?? stop, from || !stop ? delta : 0);
  if (next && thread) state.focusKey = bubbleKey(next);
  else if (next) state.focusPhone = next.dataset.phone;
}

/** The item that holds the tab stop, when the focus is elsewhere. */
const current = (items) => items.find((x) => x.tabIndex === 0);

function onKey(e) {
  const target = e.target;
  const typing = target.closest?.("input, textarea, select, [contenteditable]");
  if ($("shortcuts").open) return;
  if (e.key === "Escape") return onEscape(e, typing);
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (target === $("search") && e.key === "ArrowDown") {
    e.preventDefault();
    const item = listItem(state.focusPhone) ?? $("conversations").querySelector(".conversation");
    item?.focus();
    return;
  }
  if (typing) return;
  const where = area();
  if (where === "list" || where === "thread") lastArea = where;
  if (target.closest?.("[role=tablist]")) return tabKeys(e);
  const arrows = where === "list" || where === "thread" || where === "none";
  switch (e.key) {
    case "/":
      e.preventDefault();
      $("search").focus();
      $("search").select();
      return;
    case "?":
      e.preventDefault();
      $("shortcuts").showModal();
      return;
    case "j":
    case "k":
      e.preventDefault();
      move(e.key === "j" ? 1 : -1, where === "list" || where === "thread" ? where : lastArea);
      return;
    case "ArrowDown":
    case "ArrowUp":
      if (!arrows) return;
      e.preventDefault();
      move(e.key === "ArrowDown" ? 1 : -1, where === "none" ? lastArea : where);
      return;
    case "Home":
    case "End":
      if (where !== "list" && where !== "thread") return;
      e.preventDefault();
      move(e.key === "Home" ? -1e9 : 1e9, where);
      return;
    case "Enter":
    case " ": {
      const conv = target.closest?.(".conversation");
      if (conv) {
        e.preventDefault();
        openConversation(conv.dataset.phone, true);
        return;
      }
      const bubble = target.closest?.("#thread .bubble.received");
      if (bubble) {
        e.preventDefault();
        openMessage(Number(bubble.dataset.id), true);
      }
      return;
    }
  }
}

function onEscape(e, typing) {
  if (typing) {
    if (e.target === $("search")) {
      e.preventDefault();
      (
        listItem(state.focusPhone) ??
        $("conversations").querySelector(".conversation") ??
        $("conversations")
      ).focus();
    } else if (e.target === $("reply-text")) {
      e.preventDefault();
      (current(threadBubbles()) ?? $("thread")).focus();
    }
    return;
  }
  const side = sideOf();
  if (side === "detail") {
    e.preventDefault();
    closeDetail(true);
  } else if (side === "calls") {
    e.preventDefault();
    closeCalls();
  } else if (side === "mailings") {
    e.preventDefault();
    state.mailingsOpen = false;
    renderSide();
    $("mailings-toggle").focus();
  } else if (side === "callbacks" && !wide.matches) {
    e.preventDefault();
    state.callbacksOpen = false;
    renderSide();
    $("callbacks-toggle").focus();
  } else if (small.matches && $("layout").dataset.view === "thread") {
    e.preventDefault();
    backToList();
  } else if (area() === "thread") {
    e.preventDefault();
    listItem(state.selected)?.focus();
  }
}

function tabKeys(e) {
  const i = TABS.indexOf(state.tab);
  const to =
    e.key === "ArrowRight"
      ? (i + 1) % TABS.length
      : e.key === "ArrowLeft"
        ? (i + TABS.length - 1) % TABS.length
        : e.key === "Home"
          ? 0
          : e.key === "End"
            ? TABS.length - 1
            : -1;
  if (to < 0) return;
  e.preventDefault();
  state.tab = TABS[to];
  selectTab(state.tab, true);
}

// ---------------------------------------------------------------- search and filters

const STATUS_OPTIONS = [
  ["", "Status"],
  ["failed", "Failed only"],
  ["delivered", "Delivered"],
  ["pending", "Waiting to be sent"],
  ["sent", "At the operator"],
];

function fillSelect(select, options, value, custom) {
  const known = options.some(([v]) => v === value);
  select.replaceChildren(
    ...options.map(([v, label]) => el("option", { value: v, text: label, selected: v === value })),
    known ? null : el("option", { value, text: custom(value), selected: true }),
  );
}

function syncFilters() {
  const q = state.query;
  fillSelect($("f-status"), STATUS_OPTIONS, tokenValue(q, "status"), (v) => `status:${v}`);
  fillSelect(
    $("f-format"),
    [["", "Format"], ...FORMATS.map((f) => [f, formatName(f)])],
    tokenValue(q, "format"),
    (v) => `format:${v}`,
  );
  fillSelect(
    $("f-origin"),
    [["", "Origin"], ...ORIGINS.map((o) => [o, o.toUpperCase()])],
    tokenValue(q, "origin"),
    (v) => `origin:${v}`,
  );
  fillSenders();
  const hint = $("search-hint");
  if (state.parsed.errors.length) {
    hint.className = "search-hint error";
    hint.textContent = state.parsed.errors.join("; ");
  } else if (hint.classList.contains("error")) {
    hint.className = "search-hint muted";
    hint.replaceChildren(
      "Text, number or ",
      el("code", { text: "status:failed format:flash from:Shop to:7701 origin:smpp login:demo" }),
    );
  }
}

/** The sender filter: every sender name seen so far (a narrowed list still offers the others). */
function fillSenders() {
  for (const m of state.list.messages) if (m.sender) state.senders.add(m.sender);
  const value = tokenValue(state.query, "from");
  const names = [...state.senders].sort((a, b) => a.localeCompare(b));
  const known = names.find((n) => n.toLowerCase() === value.toLowerCase());
  fillSelect(
    $("f-sender"),
    [["", "Sender"], ...names.map((n) => [n, n])],
    known ?? value,
    (v) => `from:${v}`,
  );
}

function setQuery(text) {
  const before = JSON.stringify(state.parsed.filter);
  state.query = text;
  state.parsed = parseQuery(text, FORMATS);
  if ($("search").value !== text) $("search").value = text;
  syncFilters();
  renderTop();
  if (JSON.stringify(state.parsed.filter) === before) return;
  state.thread = { ...emptyThread(), phone: state.selected };
  loadList()
    .then(() => loadThread())
    .catch(showError);
}

function showError(err) {
  $("live-text").textContent = `error: ${err.message}`;
}

// ---------------------------------------------------------------- wiring

function wire() {
  let searchTimer;
  $("search").addEventListener("input", (e) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => setQuery(e.target.value), 150);
  });
  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(searchTimer);
    setQuery($("search").value);
  });
  for (const [id, key] of [
    ["f-status", "status"],
    ["f-format", "format"],
    ["f-origin", "origin"],
    ["f-sender", "from"],
    ["account", "login"],
  ]) {
    $(id).addEventListener("change", (e) => setQuery(setToken(state.query, key, e.target.value)));
  }
  $("conversations").addEventListener("click", (e) => {
    const item = e.target.closest(".conversation");
    if (item) openConversation(item.dataset.phone);
  });
  $("thread").addEventListener("click", (e) => {
    const bubble = e.target.closest(".bubble.received");
    if (bubble) openMessage(Number(bubble.dataset.id));
  });
  $("thread").addEventListener("focusin", (e) => {
    const bubble = e.target.closest(".bubble");
    if (bubble) {
      state.focusKey = bubbleKey(bubble);
      setTabStop(threadBubbles(), bubble);
    }
  });
  $("conversations").addEventListener("focusin", (e) => {
    const item = e.target.closest(".conversation");
    if (item) {
      state.focusPhone = item.dataset.phone;
      setTabStop([...$("conversations").querySelectorAll(".conversation")], item);
    }
  });
  $("back").addEventListener("click", backToList);
  $("load-older").addEventListener("click", () => loadOlder().catch(showError));
  $("load-earlier").addEventListener("click", () => {
    const t = state.thread;
    loadThread({ message: t.messages[t.messages.length - 1]?.id, incoming: t.incomingCursor }).catch(
      showError,
    );
  });
  $("detail-close").addEventListener("click", () => closeDetail(true));
  $("callbacks-close").addEventListener("click", () => {
    state.callbacksOpen = false;
    renderSide();
    $("callbacks-toggle").focus();
  });
  $("callbacks-toggle").addEventListener("click", toggleCallbacks);
  $("calls-toggle").addEventListener("click", toggleCalls);
  $("calls-close").addEventListener("click", closeCalls);
  $("calls").addEventListener("click", (e) => {
    const button = e.target.closest(".call-button");
    if (!button) return;
    button.disabled = true;
    api.call(button.dataset.phone, button.dataset.to).then(loadCalls, (err) => {
      button.disabled = false;
      showError(err);
    });
  });
  $("mailings-toggle").addEventListener("click", toggleMailings);
  $("mailings-close").addEventListener("click", () => {
    state.mailingsOpen = false;
    renderSide();
    $("mailings-toggle").focus();
  });
  for (const t of TABS)
    $(`tab-${t}`).addEventListener("click", () => {
      state.tab = t;
      selectTab(t);
    });
  $("help").addEventListener("click", () => $("shortcuts").showModal());
  $("shortcuts-close").addEventListener("click", () => $("shortcuts").close());
  $("delete-matching").addEventListener("click", () => {
    const q = state.query.trim();
    const what = q ? `every message matching "${q}"` : "every message";
    if (!confirm(`Delete ${what}?`)) return;
    api.deleteMatching(state.parsed.filter).then(() => coalesce("reload", reloadAll, 0), showError);
  });
  $("reset").addEventListener("click", () => {
    if (!confirm("Delete all messages and incoming SMS and restore the balances?")) return;
    api.reset().then(() => coalesce("reload", reloadAll, 0), showError);
  });
  $("reply").addEventListener("submit", (e) => {
    e.preventDefault();
    const input = $("reply-text");
    if (!input.value || !state.selected) return;
    const login = tokenValue(state.query, "login") || undefined;
    api.inject({ phone: state.selected, text: input.value, login }).then(() => {
      input.value = "";
    }, showError);
  });
  document.addEventListener("keydown", onKey);
  wide.addEventListener("change", renderSide);
}

// the panels scroll: in the Tab order, so the keyboard can scroll them (tabs pattern, WAI-ARIA APG)
for (const t of TABS) $(`panel-${t}`).tabIndex = 0;
wire();
syncFilters();
renderSide();
live();
loadList().catch(showError);
loadCallbacks();
loadCalls();
loadMailings();
