// The inspection API (docs/inspection-api.md), as the inbox uses it.

const BASE = "/api/v1";

/** The API's largest page. */
export const PAGE = 1000;

async function call(method, path, body) {
  const res = await fetch(`${BASE}${path}`, {
    method,
    // the API refuses a POST without this type, even with no body: no form or no-cors page could send it
    headers: method === "GET" ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || `${method} ${path}: HTTP ${res.status}`);
  return data;
}

const query = (params) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
};

export const api = {
  /** One page of messages, newest first: `filter` as the API's parameters, `page` = { before, after, limit }. */
  messages: (filter, page = {}) =>
    call("GET", `/messages${query({ ...filter, limit: PAGE, ...page })}`).then((r) => r.messages),
  /** One page of incoming SMS, newest first (filters login, phone; page = { before, after, limit }). */
  incoming: (filter, page = {}) =>
    call("GET", `/incoming${query({ ...filter, limit: PAGE, ...page })}`).then((r) => r.incoming),
  /** One message with its request, analysis, checks (and HLR result). */
  message: (id) => call("GET", `/messages/${id}`),
  accounts: () => call("GET", "/accounts").then((r) => r.accounts),
  deleteMessage: (id) => call("DELETE", `/messages/${id}`),
  deleteMatching: (filter) => call("DELETE", `/messages${query(filter)}`),
  reset: () => call("POST", "/reset"),
  inject: (msg) => call("POST", "/incoming", msg),
  /** Mailings (jobs.php) with their progress and runs, newest first. */
  mailings: () => call("GET", "/mailings").then((r) => r.mailings),
  /** The callbacks log (newest first) when the sandbox has one, otherwise undefined. */
  async callbacks() {
    const res = await fetch(`${BASE}/callbacks?limit=200`);
    if (!res.ok) return undefined;
    const data = await res.json();
    return Array.isArray(data) ? data : (data.callbacks ?? []);
  },
  /** Confirmation-by-call requests (wait_call.php), newest first. */
  waitCalls: () => call("GET", "/wait-calls?limit=200").then((r) => r.waitCalls),
  /** Plays the subscriber `phone` calling `to`: the account's handler gets the waitcall callback. */
  call: (phone, to) => call("POST", `/wait-calls/${encodeURIComponent(phone)}/call`, { to }),
  /** Opens the live stream; `on(event, data)` gets every event. */
  live(on, onState) {
    const source = new EventSource(`${BASE}/events`);
    for (const name of [
      "message",
      "status",
      "incoming",
      "deleted",
      "reset",
      "balance",
      "callback",
      "waitcall",
    ]) {
      source.addEventListener(name, (e) => on(name, JSON.parse(e.data)));
    }
    source.onopen = () => onState(true);
    source.onerror = () => onState(false);
    return source;
  },
};
