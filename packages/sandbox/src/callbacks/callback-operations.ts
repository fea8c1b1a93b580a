import { type ApiSection, bool, closed, int, listOf, ref, str } from "../http/openapi/api-spec.js";

const LOGIN = { login: { description: "The account's login." } };
const SETTING = { 200: { description: "The account's handler URL.", schema: ref("CallbackSetting") } };

/** The callbacks' routes (callback-routes.ts), documented. */
export const CALLBACK_API: ApiSection = {
  tag: "callbacks",
  description: "Accounts' handler URLs and the log of calls to them (docs/callbacks.md).",
  schemas: {
    CallbackAttempt: closed(
      {
        id: int("Log row id, monotonic."),
        accountId: int("The account's id."),
        login: str("The account."),
        event: str("What was reported.", { enum: ["status", "incoming"] }),
        ref: str("The message id (status) or incoming SMS id."),
        url: str("The handler URL with its secret replaced by ***."),
        attempt: int("1 for the first try."),
        httpStatus: int("The handler's HTTP status, when it answered."),
        error: str("Why the attempt failed (network error, timeout, non-2xx)."),
        ok: bool("Whether the handler answered 2xx."),
        final: bool("Whether no further attempt will be made."),
        at: int("When, in ms since the epoch on the sandbox clock."),
      },
      ["httpStatus", "error"],
    ),
    CallbackLog: listOf("callbacks", ref("CallbackAttempt")),
    CallbackSetting: closed({
      login: str("The account."),
      url: { type: ["string", "null"], description: "The handler URL with its secret redacted, or null." },
    }),
  },
  operations: [
    {
      method: "GET",
      path: "/api/v1/callbacks",
      id: "listCallbacks",
      summary: "The callback delivery log, newest first",
      query: [
        { name: "login", description: "Only this account's.", schema: { type: "string" } },
        {
          name: "limit",
          description: "At most this many (1–1000).",
          schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 },
        },
      ],
      replies: { 200: { description: "The attempts.", schema: ref("CallbackLog") } },
      errors: [400, 404],
    },
    {
      method: "GET",
      path: "/api/v1/accounts/:login/callback",
      id: "getCallback",
      summary: "An account's handler URL",
      pathParams: LOGIN,
      replies: SETTING,
      errors: [404],
    },
    {
      method: "PUT",
      path: "/api/v1/accounts/:login/callback",
      id: "setCallback",
      summary: "Set (or, with null or an empty string, remove) an account's handler URL",
      pathParams: LOGIN,
      body: {
        required: true,
        schema: {
          type: "object",
          properties: { url: { type: ["string", "null"], description: "http:// or https:// URL." } },
          required: ["url"],
        },
      },
      replies: SETTING,
      errors: [404],
    },
    {
      method: "DELETE",
      path: "/api/v1/accounts/:login/callback",
      id: "deleteCallback",
      summary: "Remove an account's handler URL",
      pathParams: LOGIN,
      replies: SETTING,
      errors: [404],
    },
  ],
};
