/**
 * Every documented send.php parameter (spec §2.1): its wire name, the SDK option that sets it (`null` when the SDK
 * sets it itself, e.g. through `format`), and what it means. The SDK maps options to wire names only through
 * this table, and the sandbox accepts exactly these names (anything else is ignored, as on the service).
 */
export const SEND_PARAMS = {
  login: { option: null, doc: "Client login" },
  psw: { option: null, doc: "Password, or the lower-case hex MD5 of it" },
  apikey: { option: null, doc: "API key instead of login and psw" },
  phones: { option: "phones", doc: "Numbers separated by , or ;  (G<n> sends to a contact group)" },
  mes: { option: "message", doc: "Message text, at most 1000 characters" },
  list: { option: "list", doc: "Lines phones:message, one per recipient, instead of phones and mes" },
  nl: { option: "multiline", doc: "Special mode for multi-line texts inside list" },
  id: { option: "id", doc: "Client-assigned id: 1..2147483647 or up to 40 of [A-Za-z0-9._-]" },
  sender: { option: "sender", doc: "Sender name; '' or '.' disables the default sender" },
  translit: { option: "translit", doc: "0 none, 1 translit, 2 mpaHc" },
  tinyurl: { option: "tinyUrl", doc: "1 replaces links by short links" },
  time: { option: "time", doc: "Delivery time: DDMMYYhhmm, DD.MM.YY hh:mm, h1-h2, 0<unix ts>, +<minutes>" },
  tz: { option: "tz", doc: "Time zone of time, in hours relative to Moscow" },
  period: { option: "period", doc: "Spread a mailing over this many hours (0.1..720)" },
  freq: { option: "freq", doc: "Minutes between batches of a spread mailing (1..1440)" },
  flash: { option: null, doc: "Flash SMS (format flash)" },
  bin: { option: null, doc: "Binary message: 1 bytes, 2 hex (formats bin, binHex)" },
  push: { option: null, doc: "WAP-push (format push)" },
  hlr: { option: null, doc: "HLR request (format hlr)" },
  ping: { option: null, doc: "Ping-SMS (format ping)" },
  mms: { option: null, doc: "MMS (format mms)" },
  mail: { option: null, doc: "E-mail (format mail)" },
  call: { option: null, doc: "Voice call (format call)" },
  voice: { option: "voice", doc: "Voice of a call: m, m2, w, w2" },
  param: { option: "callParams", doc: "Call parameters w,i,n" },
  viber: { option: null, doc: "Viber message (format viber)" },
  soc: { option: null, doc: "Social networks message (format soc)" },
  tg: { option: null, doc: "Telegram message (format tg)" },
  bot: { option: "bot", doc: "Telegram bot name" },
  whatsapp: { option: null, doc: "WhatsApp message (format whatsapp)" },
  fileurl: { option: "fileUrl", doc: "Address of a file to attach" },
  subj: { option: "subject", doc: "Subject of an MMS or e-mail" },
  charset: { option: null, doc: "windows-1251 (default), utf-8 or koi8-r" },
  cost: { option: null, doc: "0 send, 1 price only, 2 send and add cost, 3 also add the new balance" },
  fmt: { option: null, doc: "Response format: 0 text, 1 numbers, 2 xml, 3 json" },
  valid: { option: "valid", doc: "Lifetime at the operator: hh:mm or hours, 1..24" },
  maxsms: { option: "maxSms", doc: "Maximum number of parts; longer texts are truncated" },
  imgcode: { option: "imgCode", doc: "Captcha code for the anti-spam check" },
  userip: { option: "userIp", doc: "End user's IP for the per-IP daily limit" },
  err: { option: "err", doc: "1 adds the erroneous numbers to the response" },
  op: { option: "op", doc: "1 adds every number with its status, mcc/mnc and cost" },
  pp: { option: "partner", doc: "Partner id to bind the client to" },
  smsreq: {
    option: "smsReq",
    doc: "Hide the text and warn about re-confirmation after this many days (10..999)",
  },
} as const;

/** A send.php wire parameter name. */
export type SendParam = keyof typeof SEND_PARAMS;

/** Whether a wire name is a documented send parameter. */
export function isSendParam(name: string): name is SendParam {
  return Object.hasOwn(SEND_PARAMS, name);
}

/** SDK option name → wire name, derived from SEND_PARAMS. */
export const OPTION_TO_PARAM: Readonly<Record<string, SendParam>> = Object.fromEntries(
  Object.entries(SEND_PARAMS)
    .filter(([, p]) => p.option !== null)
    .map(([wire, p]) => [p.option as string, wire as SendParam]),
);

/** Request parameters of status.php (spec §4.1). */
export const STATUS_PARAMS = {
  phone: "Phone number, or a comma list in the order of the ids",
  id: "Message id or a comma list; a trailing comma keeps the multi format",
  all: "0 short, 1 full, 2 full with country, operator and region",
  del: "1 deletes the message",
  charset: "Encoding of the request and the result",
  fmt: "Response format",
} as const;

/** Request parameters of balance.php (spec §5). */
export const BALANCE_PARAMS = {
  cur: "1 adds the currency to the response",
  fmt: "Response format",
} as const;

/** Request parameters of wait_call.php (spec §6.13; api-surface §10). */
export const WAIT_CALL_PARAMS = {
  phone: "The subscriber's number, from which the confirmation call will come",
  fmt: "Response format",
} as const;

/** Request parameters of tinyurls.php (api-surface §8). */
export const TINYURL_PARAMS = {
  get: "1: the click counters of one short link",
  link: "The original full link (urlencoded)",
  id: "The short link's id, instead of link",
  fmt: "Response format",
} as const;
