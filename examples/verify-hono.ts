// The docs/verify.md recipe: phone verification behind two HTTP routes, in Hono, and the callback route that the
// service's signed `waitcall` callback (the inbound-call channel) comes to. `startReply` and `checkReply` map
// verify's results to HTTP the same way for Express and Fastify (docs/verify.md shows those too).
import { Hono } from "hono";
import { callbackFetchHandler } from "smsc";
import type { CheckResult, StartResult, Verify } from "smsc/verify";

/** An HTTP answer: status, JSON body, headers. */
export interface Reply {
  status: 200 | 202 | 400 | 429;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/**
 * A start: 202 when a code went out (with `callTo`, the number to call, for inbound-call), 429 with Retry-After when
 * a limit refused, 400 for a number that may not get one.
 */
export function startReply(r: StartResult, now = Date.now()): Reply {
  if (r.status === "sent") {
    const body = { sent: true, channel: r.channel, resendAt: r.resendAt };
    return { status: 202, body: r.callTo ? { ...body, callTo: r.callTo } : body, headers: {} };
  }
  if (r.status === "rate-limited") {
    const seconds = Math.max(1, Math.ceil((r.retryAt - now) / 1000));
    return {
      status: 429,
      body: { sent: false, error: "try_later" },
      headers: { "Retry-After": String(seconds) },
    };
  }
  return { status: 400, body: { sent: false, error: "phone_not_accepted" }, headers: {} };
}

/**
 * A check: 200 when approved; one and the same 400 for every other outcome, so that the answer does not tell
 * whether the phone has a code at all (enumeration).
 */
export function checkReply(r: CheckResult): Reply {
  if (r.status === "approved") return { status: 200, body: { verified: true }, headers: {} };
  return { status: 400, body: { verified: false, error: "invalid_code" }, headers: {} };
}

/** Options of the recipe's app. */
export interface VerifyAppOptions {
  /**
   * The secret of the account's handler URL (`https://app.example/smsc/callback?md5=<secret>`): with it, the app
   * serves `POST /smsc/callback`, where signed `waitcall` callbacks approve inbound-call verifications.
   */
  callbackSecret?: string;
}

/** The routes. `ipOf` says where the client's address is (a header set by your proxy, or the socket). */
export function verifyApp(
  verify: Verify,
  ipOf: (req: Request) => string | undefined,
  options: VerifyAppOptions = {},
) {
  const app = new Hono();
  app.post("/verify/start", async (c) => {
    const { phone, channel } = await c.req.json<{ phone?: unknown; channel?: unknown }>();
    if (typeof phone !== "string") return c.json({ error: "phone_required" }, 400);
    const ip = ipOf(c.req.raw);
    const r = await verify.start(phone, {
      ...(channel === "call" || channel === "inbound-call" ? { channel } : {}),
      ...(ip ? { ip } : {}),
    });
    const reply = startReply(r);
    return c.json(reply.body, reply.status, reply.headers);
  });
  app.post("/verify/check", async (c) => {
    const { phone, code } = await c.req.json<{ phone?: unknown; code?: unknown }>();
    if (typeof phone !== "string" || typeof code !== "string")
      return c.json(checkReply({ status: "unknown" }).body, 400);
    const reply = checkReply(await verify.check(phone, code));
    // on approval, this is where the app signs the user in (sets its session cookie)
    return c.json(reply.body, reply.status, reply.headers);
  });
  if (options.callbackSecret !== undefined) {
    // a callback without the right signature gets 403 and reaches no hook; verify.on("approved") hears the call
    const callbacks = callbackFetchHandler({
      secret: options.callbackSecret,
      onWaitCall: (cb) => verify.handleCallback(cb),
      onStatus: (cb) => verify.handleCallback(cb),
    });
    app.post("/smsc/callback", (c) => callbacks(c.req.raw));
  }
  return app;
}
