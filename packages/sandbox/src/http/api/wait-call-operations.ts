import { type ApiSection, closed, int, listOf, ref, str, time } from "../openapi/api-spec.js";

const FILTERS = [
  { name: "login", description: "Only this account's.", schema: { type: "string" } },
  {
    name: "limit",
    description: "At most this many, newest first (0–1000).",
    schema: { type: "integer", minimum: 0, maximum: 1000, default: 100 },
  },
];

/** The confirmation-by-call routes (wait-call-routes.ts), documented (https://github.com/smsc-kz/smsc/blob/main/docs/inspection-api.md "Confirmation by call"). */
export const WAIT_CALL_API: ApiSection = {
  tag: "wait-calls",
  description:
    "wait_call.php requests, and the subscriber's call the sandbox plays (docs/inspection-api.md#confirmation-by-call).",
  schemas: {
    WaitCall: closed(
      {
        id: int("The request's id."),
        login: str("The account."),
        phone: str("The subscriber's number (digits), who is to call."),
        number: str("The number they were told to dial (digits)."),
        state: str("waiting; confirmed (a call came); expired (none came in time).", {
          enum: ["waiting", "confirmed", "expired"],
        }),
        calls: int("Calls that came while it was valid."),
        createdAt: time("Requested."),
        expiresAt: time("Valid until."),
        calledAt: time("The last call."),
      },
      ["calledAt"],
    ),
    WaitCallList: listOf("waitCalls", ref("WaitCall")),
    Calls: listOf("calls", ref("WaitCall")),
  },
  operations: [
    {
      method: "GET",
      path: "/api/v1/wait-calls",
      id: "listWaitCalls",
      summary: "wait_call.php requests, newest first",
      query: [
        FILTERS[0]!,
        { name: "phone", description: "Only this subscriber's.", schema: { type: "string" } },
        FILTERS[1]!,
      ],
      replies: { 200: { description: "The requests.", schema: ref("WaitCallList") } },
      errors: [400, 404],
    },
    {
      method: "POST",
      path: "/api/v1/wait-calls/:phone/call",
      id: "callWaitCall",
      summary: "The subscriber calls",
      description:
        "Every request of that number still valid (the newest per account; of one account with `login`; of the " +
        "number dialled with `to`) counts the call, and its account's handler URL gets the `waitcall` callback. " +
        "409 when `to` is not the number it was given, 410 when its requests expired.",
      pathParams: { phone: { description: "The subscriber's number, who calls." } },
      body: {
        schema: {
          type: "object",
          properties: {
            to: str("The number dialled (by default: the one its requests gave it)."),
            login: str("Only this account's request."),
          },
        },
      },
      replies: { 200: { description: "The requests the call confirmed.", schema: ref("Calls") } },
      errors: [404, 409, 410],
    },
  ],
};

/** The short-link route (wait-call-routes.ts), documented (https://github.com/smsc-kz/smsc/blob/main/docs/inspection-api.md "Short links"). */
export const SHORT_LINK_API: ApiSection = {
  tag: "short-links",
  description:
    "The links sends with tinyurl=1 replaced, with their clicks (docs/inspection-api.md#short-links).",
  schemas: {
    ShortLink: closed({
      code: str("The code at the end of its URL (tinyurls.php `id`)."),
      login: str("The account."),
      url: str("The original link."),
      short: str("The short URL, as it went out in the text."),
      clicks: int("Clicks counted by GET /t/{code}."),
      createdAt: time("Created."),
    }),
    ShortLinkList: listOf("shortLinks", ref("ShortLink")),
  },
  operations: [
    {
      method: "GET",
      path: "/api/v1/short-links",
      id: "listShortLinks",
      summary: "Short links, newest first",
      query: FILTERS,
      replies: { 200: { description: "The links.", schema: ref("ShortLinkList") } },
      errors: [400, 404],
    },
  ],
};
