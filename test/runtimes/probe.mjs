// The one script every runtime runs: it drives the built SDK (handed in, loaded the runtime's own way) against a
// sandbox and returns what it saw as plain JSON. Plain JavaScript on purpose: browsers and workerd do not run
// TypeScript, and nothing here may assume Node (no process, no Buffer, no node: modules).

/**
 * Which runtime this is, from that runtime's own globals.
 * @returns {{ name: string, version: string }}
 */
export function runtimeIdentity() {
  const g = /** @type {any} */ (globalThis);
  if (g.Deno?.version?.deno) return { name: "deno", version: g.Deno.version.deno };
  if (g.Bun?.version) return { name: "bun", version: g.Bun.version };
  if (g.navigator?.userAgent === "Cloudflare-Workers") return { name: "workerd", version: "" };
  if (g.process?.versions?.node) return { name: "node", version: g.process.version };
  if (g.window !== undefined && g.document !== undefined)
    return { name: "browser", version: g.navigator.userAgent };
  return { name: "unknown", version: "" };
}

/**
 * Sends through `Smsc` and through the compat `SMSC`, reads the status and balance, prices a text offline and
 * provokes one service error, against the sandbox at `baseUrl` (demo / demo).
 * @param {{ Smsc: any, SMSC: any, estimate: any, InvalidPhoneError: any, ApiError: any, STATUS_CODES: any }} sdk
 *   `Smsc`, `estimate`, `InvalidPhoneError` and `ApiError` from `smsc`, `SMSC` from `smsc/compat`, `STATUS_CODES`
 *   from `smsc/protocol`
 * @param {string} baseUrl the sandbox's URL
 * @param {string} phone a phone no other runtime uses in the same sandbox
 */
export async function probe(sdk, baseUrl, phone) {
  const runtime = runtimeIdentity();
  // non-ASCII on purpose: the body goes through TextEncoder and the reply through TextDecoder
  const message = `Hello from ${runtime.name}: Сәлем 👋`;
  const compatMessage = `Compat from ${runtime.name}: Привет`;
  const smsc = new sdk.Smsc({ login: "demo", password: "demo", baseUrl, timeout: 10_000, maxRetries: 0 });

  const sent = await smsc.send({ phones: phone, message, sender: "Probe" });
  const status = await smsc.status({ id: sent.id, phone, all: 1 });
  const balance = await smsc.balance();

  const compat = new sdk.SMSC({ login: "demo", password: "demo", baseUrl, timeout: 10_000 });
  const compatSend = await compat.send_sms(phone, compatMessage, 0, "", 0, 0, "Probe");
  const compatBalance = await compat.get_balance();

  let error = null;
  try {
    await smsc.send({ phones: "12", message: "no such phone" });
  } catch (e) {
    error = {
      name: e?.name,
      code: e?.code,
      isInvalidPhone: e instanceof sdk.InvalidPhoneError,
      isApiError: e instanceof sdk.ApiError,
    };
  }

  return {
    runtime,
    message,
    compatMessage,
    sent,
    status,
    statusKnown: Object.hasOwn(sdk.STATUS_CODES, String(status.status)),
    balance,
    compatSend,
    compatBalance,
    encoding: sdk.estimate(message).encoding,
    error,
  };
}
