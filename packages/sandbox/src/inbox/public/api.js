// The inspection API (docs/inspection-api.md), as the inbox uses it.

const BASE = "/api/v1";

async function call(method, path, body) {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
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
  messages: (filter) => call("GET", `/messages${query({ limit: 1000, ...filter })}`).then((r) => r.messages),
  incoming: (filter) => call("GET", `/incoming${query({ limit: 1000, ...filter })}`).then((r) => r.incoming),
  accounts: () => call("GET", "/accounts").then((r) => r.accounts),
  deleteMessage: (id) => call("DELETE", `/messages/${id}`),
  deleteMatching: (filter) => call("DELETE", `/messages${query(filter)}`),
  reset: () => call("POST", "/reset"),
  inject: (msg) => call("POST", "/incoming", msg),
  /** The callbacks log when the sandbox has one, otherwise undefined. */
  async callbacks() {
    const res = await fetch(`${BASE}/callbacks`);
    if (!res.ok) return undefined;
    const data = await res.json();
    return Array.isArray(data) ? data : (data.callbacks ?? []);
  },
  /** Opens the live stream; `on(event, data)` gets every event. */
  live(on, onState) {
    const source = new EventSource(`${BASE}/events`);
    for (const name of ["message", "status", "incoming", "deleted", "reset", "balance", "callback"]) {
      source.addEventListener(name, (e) => on(name, JSON.parse(e.data)));
    }
    source.onopen = () => onState(true);
    source.onerror = () => onState(false);
    return source;
  },
};
