/** What a magic number does to a send. */
export interface MagicBehaviour {
  /** What it is for, for the docs and the inbox. */
  readonly doc: string;
  /** The send is stored and debited, then the reply is lost (fate `lose-reply`: HTTP and SMTP drop the connection, SMPP sends no response). */
  readonly dropReply?: boolean;
  /** The request is lost before anything is stored or debited (fate `lose-request`, rendered as above). */
  readonly dropBeforeStore?: boolean;
  /** The send is stored, and the reply is held back for the chaos setting `slowReplyMs` (default 10 s), by every adapter. */
  readonly slowReply?: boolean;
  /** The whole send is refused with this send.php error (with an id, spec §3.1); nothing is stored or debited. */
  readonly sendError?: 3 | 6 | 7 | 8;
  /** Status the message ends in instead of 1 (delivered). */
  readonly finalStatus?: number;
  /** Delivery error code that goes with `finalStatus`. */
  readonly finalErr?: number;
  /** The message is stored and billed, moves -1 → 0 and stays in 0: no final status, no final status callback. */
  readonly neverFinal?: boolean;
  /** A premium-rate destination: each unit costs this many times its zone's price (send and cost=1 alike). */
  readonly premium?: number;
}

/**
 * Phone numbers (digits only) with scripted behaviour, for testing clients against failure modes. Every other
 * number is delivered normally. The scheme: +7 700 000 00 NN, where NN is the send error (03–08), the final status
 * (10 = 1, 13 = 3, 20–25 = that status), no final status (30), or a transport failure (90 slow, 98 and 99 dropped
 * connections). Whole ranges with a behaviour are MAGIC_RANGES.
 * https://github.com/smsc-kz/smsc/blob/main/docs/magic-numbers.md lists them (a test keeps it in sync with this table).
 */
export const MAGIC_NUMBERS = {
  "77000000003": {
    doc: "Send refused with error 3 (insufficient funds), with an id; nothing stored.",
    sendError: 3,
  },
  "77000000006": {
    doc: "Send refused with error 6 (message prohibited), with an id; nothing stored.",
    sendError: 6,
  },
  "77000000007": {
    doc: "Send refused with error 7 (invalid number), with an id; nothing stored.",
    sendError: 7,
  },
  "77000000008": {
    doc: "Send refused with error 8 (cannot be delivered), with an id; nothing stored.",
    sendError: 8,
  },
  "77000000010": {
    doc: "Delivered: ends in status 1, err 0 (the normal path, named).",
    finalStatus: 1,
    finalErr: 0,
  },
  "77000000013": {
    doc: "Expired: ends in status 3, err 6 (subscriber offline).",
    finalStatus: 3,
    finalErr: 6,
  },
  "77000000020": {
    doc: "Impossible to deliver: ends in status 20, err 1 (subscriber does not exist).",
    finalStatus: 20,
    finalErr: 1,
  },
  "77000000022": {
    doc: "Invalid number: ends in status 22, err 249 (invalid number format).",
    finalStatus: 22,
    finalErr: 249,
  },
  "77000000023": {
    doc: "Prohibited: ends in status 23, err 253 (prohibited by spam filter).",
    finalStatus: 23,
    finalErr: 253,
  },
  "77000000024": {
    doc: "Insufficient funds: ends in status 24, err 0 (the err table has no funds code).",
    finalStatus: 24,
    finalErr: 0,
  },
  "77000000025": {
    doc: "Unavailable number: ends in status 25, err 248 (no route).",
    finalStatus: 25,
    finalErr: 248,
  },
  "77000000030": {
    doc: "Never arrives: accepted and debited, moves -1 → 0 and stays in status 0 for ever; no final status, no final status callback (delivery timeouts, fallback to another channel).",
    neverFinal: true,
  },
  "77000000090": {
    doc: "Slow reply: the send is stored, and the reply (HTTP, SMTP or SMPP) waits `slowReplyMs` (chaos setting, default 10 s; client timeout tests).",
    slowReply: true,
  },
  "77000000098": {
    doc: "Dropped before storing: the connection is closed unanswered (HTTP, SMTP; SMPP sends no response) and nothing is stored or debited (a safe retry).",
    dropBeforeStore: true,
  },
  "77000000099": {
    doc: "Stored and debited, then the reply is lost: HTTP and SMTP close the connection without answering, SMPP sends no response (failover / retry tests). Status lookups work normally.",
    dropReply: true,
  },
} as const satisfies Record<string, MagicBehaviour>;

/** How many times its zone's price a premium-range number costs. */
export const PREMIUM_PRICE_FACTOR = 50;

/**
 * Number ranges (digit prefixes) with scripted behaviour: +7 700 000 01 NN (all 100 numbers) is a premium-rate
 * destination, what SMS pumping (toll fraud) aims at: sends are accepted, delivered and billed at
 * PREMIUM_PRICE_FACTOR times the price. https://github.com/smsc-kz/smsc/blob/main/docs/magic-numbers.md lists them.
 */
export const MAGIC_RANGES = {
  "770000001": {
    doc: `Premium-rate destination (SMS pumping target): accepted and delivered, every part billed at ${PREMIUM_PRICE_FACTOR}× its zone's price (also in cost=1 answers). Block it (e.g. smsc/verify's blockedPrefixes) before anything is sent.`,
    premium: PREMIUM_PRICE_FACTOR,
  },
} as const satisfies Record<string, MagicBehaviour>;

/** The behaviour of a number given as digits, if it is magic (itself, or in a magic range). */
export function magicNumber(digits: string): MagicBehaviour | undefined {
  const exact = EXACT.get(digits);
  if (exact) return exact;
  if (digits.length !== 11) return undefined;
  for (const [prefix, m] of RANGES) if (digits.startsWith(prefix)) return m;
  return undefined;
}

/**
 * MAGIC_NUMBERS as a Map, made once: a phone is a number-like key, which an object looks up through the runtime's slow
 * path (3.5% of a send's CPU), a Map by its hash.
 */
const EXACT: ReadonlyMap<string, MagicBehaviour> = new Map(Object.entries(MAGIC_NUMBERS));

/** MAGIC_RANGES as a list, made once: every recipient of every send is looked up. */
const RANGES: ReadonlyArray<readonly [string, MagicBehaviour]> = Object.entries(MAGIC_RANGES);
