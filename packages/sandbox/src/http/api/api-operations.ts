import { MESSAGE_FORMATS, STATUS, STATUS_CODES } from "smsc/protocol";
import {
  type ApiParameter,
  type ApiSection,
  bool,
  closed,
  int,
  type JsonSchema,
  listOf,
  num,
  ref,
  str,
  time,
} from "../openapi/api-spec.js";
import { API_PREFIX, MAX_WAIT_MS } from "./api-routes.js";
import { MAX_LIMIT } from "./filters.js";

const P = API_PREFIX;
const STATUS_VALUES = Object.keys(STATUS_CODES).map(Number);
const status = (description: string) => int(description, { enum: STATUS_VALUES });

/** The fields of a message as the list shows it (InspectedMessage, testing/present.ts). */
const MESSAGE_FIELDS: Record<string, JsonSchema> = {
  id: int("Unique per recipient: the id of /messages/{id} and of paging."),
  messageId: {
    type: ["string", "integer"],
    description: "The id status.php knows: the client's own id, or the send's server id.",
  },
  sendId: int("The server id of the send, shared by all its recipients."),
  login: str("The account."),
  origin: str("The adapter the send came through.", { examples: ["http", "smtp", "smpp"] }),
  phone: str("The number as stored: digits only (an e-mail address or Telegram id for those formats)."),
  text: str("The text as sent (after transliteration and maxsms)."),
  sender: str('The sender name ("" for none).'),
  format: str("The message format.", { enum: Object.keys(MESSAGE_FORMATS) }),
  type: int("The service's numeric message type."),
  encoding: str('As the protocol\'s estimate() reports for the stored text ("" when it cannot tell).', {
    enum: ["gsm7", "ucs2", "binary", ""],
  }),
  parts: int("Parts billed."),
  cost: num("Cost of this recipient, in the account's currency."),
  status: status("Current status (spec §4.2)."),
  statusName: str("The status's Russian name."),
  err: int("The delivery error code (spec §4.3), 0 for none."),
  errName: str('The delivery error\'s English description ("" for 0).'),
  comment: str("The send's comment."),
  createdAt: time("Accepted."),
  sendAt: time("Scheduled delivery moment."),
  statusAt: time("Last status change."),
  timeline: {
    type: "array",
    description: "Every status the message had, oldest first.",
    items: closed({
      status: status("The status."),
      statusName: str("Its Russian name."),
      err: int("The delivery error code."),
      at: time("When."),
    }),
  },
};

const ANALYSIS = closed({
  encoding: str("How the text travels.", { enum: ["gsm7", "ucs2", "binary"] }),
  parts: { type: "array", items: { type: "string" }, description: "The text of each part, in order." },
  length: int("Length in the encoding's units (septets, UTF-16 code units or bytes)."),
  partLimit: int("Units one part holds (160/153, 70/67, 140/134; 0 for formats billed as one message)."),
  remaining: int("Units left in the last part."),
  ucs2Chars: {
    type: "array",
    items: { type: "string" },
    description: "The distinct characters that forced UCS-2, in order.",
  },
  gsm7Alternative: {
    description: "For a UCS-2 sms or flash: the text transliterated to GSM-7 (translit=1); otherwise null.",
    oneOf: [
      { type: "null" },
      closed({
        text: str("The transliterated text."),
        parts: int("Its parts."),
        remaining: int("Septets left."),
        cost: num("Its cost."),
      }),
    ],
  },
});

const HLR = closed(
  Object.fromEntries(
    ["imsi", "msc", "mcc", "mnc", "cn", "net", "rcn", "rnet"].map((k) => [
      k,
      str(`status.php's HLR field ${k}.`),
    ]),
  ),
);

const SCHEMAS: Record<string, JsonSchema> = {
  Message: { ...closed(MESSAGE_FIELDS), description: "One recipient of one send." },
  MessageDetail: {
    ...closed(
      {
        ...MESSAGE_FIELDS,
        request: {
          type: "object",
          additionalProperties: { type: "string" },
          description: "The send's wire parameters (send.php names), without login, psw and apikey.",
        },
        analysis: ANALYSIS,
        checks: closed({
          sender: closed({
            kind: str("none (empty or .), numeric or alphanumeric.", {
              enum: ["none", "numeric", "alphanumeric"],
            }),
            ok: bool("Whether the name passes the service's rules."),
            note: str('Why not, or what to know; "" when nothing.'),
          }),
          cost: closed({
            perPart: num("Cost ÷ parts (the request's price for HLR and ping)."),
            parts: int("Parts."),
            total: num("The message's cost."),
            currency: str("The account's currency."),
          }),
          number: closed({
            country: str('The number\'s country, in English ("" when unknown).'),
            operator: str('Its operator ("" when unknown).'),
          }),
        }),
        hlr: {
          description: "HLR lookups only: the result once it succeeded, else null.",
          oneOf: [{ type: "null" }, ref("Hlr")],
        },
      },
      ["hlr"],
    ),
    description: "One message with its request, how it travels and the checks (the inbox's detail tabs).",
  },
  Hlr: HLR,
  MessageList: listOf("messages", ref("Message")),
  Deleted: closed({
    deleted: int("How many were deleted."),
    ids: { type: "array", items: { type: "integer" } },
  }),
  Incoming: closed({
    id: int("The incoming SMS's id."),
    login: str("The account it was sent to."),
    phone: str("The subscriber's number."),
    to: str('The account\'s number it was sent to ("" when not given).'),
    text: str("The text."),
    receivedAt: time("Received."),
  }),
  IncomingList: listOf("incoming", ref("Incoming")),
  Account: closed({
    login: str("The account's login."),
    balance: num("Its balance."),
    credit: num("Its credit."),
    currency: str("Its currency."),
  }),
  AccountList: listOf("accounts", ref("Account")),
};

/** The message filters of the list, latest and bulk delete (http/api/filters.ts). */
const FILTERS: ApiParameter[] = [
  {
    name: "phone",
    description: "The number in any form the service accepts; exact.",
    schema: { type: "string" },
  },
  { name: "text", description: "A substring of the text, case-insensitive.", schema: { type: "string" } },
  { name: "sender", description: "The sender name, case-insensitive.", schema: { type: "string" } },
  { name: "status", description: "A status code or a comma list (20,22).", schema: { type: "string" } },
  { name: "format", description: "A message format or a comma list.", schema: { type: "string" } },
  { name: "origin", description: "http, smtp or smpp, or a comma list.", schema: { type: "string" } },
  {
    name: "phoneContains",
    description: "Part of the number: its digits when written as a number, else the text.",
    schema: { type: "string" },
  },
  {
    name: "q",
    description: "Free search: text, sender, or digits of the number.",
    schema: { type: "string" },
  },
  { name: "login", description: "The account (also `account`).", schema: { type: "string" } },
  { name: "account", description: "Same as login.", schema: { type: "string" } },
  {
    name: "before",
    description: "Only ids below this one (paging back).",
    schema: { type: "integer", minimum: 0 },
  },
  {
    name: "after",
    description: "Only ids above this one (polling).",
    schema: { type: "integer", minimum: 0 },
  },
];
const LIMIT = (max: number, dflt: number): ApiParameter => ({
  name: "limit",
  description: `At most this many, newest first (1–${max}).`,
  schema: { type: "integer", minimum: 0, maximum: max, default: dflt },
});
const ID = { id: { description: "The message's id (`id` of the list).", schema: { type: "integer" } } };
const LOGIN = { login: { description: "The account's login." } };

/** The inspection API's routes (api-routes.ts), documented. */
export const INSPECTION_API: ApiSection = {
  tag: "inspection",
  description: "Messages, incoming SMS, accounts, reset and the live event stream (docs/inspection-api.md).",
  schemas: SCHEMAS,
  operations: [
    {
      method: "GET",
      path: `${P}/messages`,
      id: "listMessages",
      summary: "List and search messages, newest first",
      query: [...FILTERS, LIMIT(MAX_LIMIT, 50)],
      replies: { 200: { description: "The matching messages.", schema: ref("MessageList") } },
      errors: [400],
    },
    {
      method: "DELETE",
      path: `${P}/messages`,
      id: "deleteMessages",
      summary: "Delete every message matching the filters (none: all)",
      description: "Like status.php del=1: the messages stop changing and status.php answers -3 for them.",
      query: FILTERS,
      replies: { 200: { description: "What was deleted.", schema: ref("Deleted") } },
      errors: [400],
    },
    {
      method: "GET",
      path: `${P}/messages/latest`,
      id: "latestMessage",
      summary: "The newest message matching the filters",
      query: FILTERS,
      replies: { 200: { description: "The message.", schema: ref("Message") } },
      errors: [400, 404],
    },
    {
      method: "GET",
      path: `${P}/messages/wait`,
      id: "waitForMessage",
      summary: "Long poll for the oldest matching message no earlier wait returned",
      description: "Answers as soon as there is one; a reset forgets what was handed out.",
      query: [
        { name: "phone", description: "The number.", schema: { type: "string" } },
        { name: "login", description: "The account (also `account`).", schema: { type: "string" } },
        { name: "account", description: "Same as login.", schema: { type: "string" } },
        {
          name: "match",
          description: "A substring of the text, or /pattern/flags.",
          schema: { type: "string" },
        },
        {
          name: "after",
          description: "Only messages with an id above this one.",
          schema: { type: "integer" },
        },
        {
          name: "timeout",
          description: "How long to wait, ms.",
          schema: { type: "integer", minimum: 0, maximum: MAX_WAIT_MS, default: 10_000 },
        },
      ],
      replies: { 200: { description: "The message.", schema: ref("Message") } },
      errors: [400, 408, 503],
    },
    {
      method: "GET",
      path: `${P}/messages/:id`,
      id: "getMessage",
      summary: "One message with its request, analysis and checks",
      pathParams: ID,
      replies: { 200: { description: "The message.", schema: ref("MessageDetail") } },
      errors: [400, 404],
    },
    {
      method: "DELETE",
      path: `${P}/messages/:id`,
      id: "deleteMessage",
      summary: "Delete one message",
      pathParams: ID,
      replies: { 200: { description: "What was deleted.", schema: ref("Deleted") } },
      errors: [400, 404],
    },
    {
      method: "POST",
      path: `${P}/messages/:id/outcome`,
      id: "setOutcome",
      summary: "Move a message to a status now, for good",
      description: "Emits a status event (and a delivery callback when the account has a handler URL).",
      pathParams: ID,
      body: {
        required: true,
        schema: {
          type: "object",
          properties: {
            status: int("Any status of spec §4.2 but -3.", {
              enum: STATUS_VALUES.filter((s) => s !== STATUS.notFound),
            }),
            err: int("The delivery error code.", { minimum: 0, default: 0 }),
          },
          required: ["status"],
        },
      },
      replies: { 200: { description: "The updated message.", schema: ref("Message") } },
      errors: [404],
    },
    {
      method: "GET",
      path: `${P}/incoming`,
      id: "listIncoming",
      summary: "List incoming SMS, newest first",
      query: [
        { name: "phone", description: "The subscriber's number.", schema: { type: "string" } },
        { name: "to", description: "The account's number it was sent to.", schema: { type: "string" } },
        { name: "login", description: "The account (also `account`).", schema: { type: "string" } },
        { name: "account", description: "Same as login.", schema: { type: "string" } },
        { name: "after", description: "Only ids above this one.", schema: { type: "integer", minimum: 0 } },
        { name: "before", description: "Only ids below this one.", schema: { type: "integer", minimum: 0 } },
        LIMIT(1000, 50),
      ],
      replies: { 200: { description: "The incoming SMS.", schema: ref("IncomingList") } },
      errors: [400],
    },
    {
      method: "POST",
      path: `${P}/incoming`,
      id: "injectIncoming",
      summary: "Store an SMS a subscriber sent to an account",
      description: "Emits the incoming event; get.php?get_answers=1 lists it.",
      body: {
        required: true,
        schema: {
          type: "object",
          properties: {
            phone: str("The subscriber's number."),
            text: str("The text."),
            to: str("The account's number (optional)."),
            login: str("The account.", { default: "demo" }),
          },
          required: ["phone", "text"],
        },
      },
      replies: { 200: { description: "The stored SMS.", schema: ref("Incoming") } },
      errors: [404],
    },
    {
      method: "GET",
      path: `${P}/accounts`,
      id: "listAccounts",
      summary: "Every account with its balance",
      replies: { 200: { description: "The accounts.", schema: ref("AccountList") } },
    },
    {
      method: "PUT",
      path: `${P}/accounts/:login/balance`,
      id: "setBalance",
      summary: "Set an account's balance",
      pathParams: LOGIN,
      body: {
        required: true,
        schema: {
          type: "object",
          properties: { balance: { type: ["number", "string"], description: "The new balance." } },
          required: ["balance"],
        },
      },
      replies: { 200: { description: "The account.", schema: ref("Account") } },
      errors: [404],
    },
    {
      method: "POST",
      path: `${P}/reset`,
      id: "reset",
      summary: "Delete everything and restore the seed balances",
      description:
        "Messages, status history and incoming SMS go; waits forget what they handed out; ids keep counting.",
      replies: {
        200: { description: "Done.", schema: closed({ reset: { const: true } }) },
      },
    },
    {
      method: "GET",
      path: `${P}/events`,
      id: "events",
      summary: "Live events (Server-Sent Events)",
      description:
        "Events message, status, incoming, deleted, reset, balance and callback; `data` is one line of JSON " +
        "(a Message, an Incoming, { ids }, {}, an Account, a CallbackAttempt).",
      replies: {
        200: { description: "The stream.", contentType: "text/event-stream", schema: { type: "string" } },
      },
    },
  ],
};
