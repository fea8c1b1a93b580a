/**
 * The wire vocabulary of the service's calls to a client's handler URL (spec §6.14). Declared once here; the SDK's
 * parser and the sandbox's sender both derive from it.
 */

/** Hash algorithms a handler URL can ask for; the hash field of the callback is named after the algorithm. */
export const CALLBACK_HASHES = ["md5", "sha1", "crc32"] as const;

/** A callback signature algorithm. */
export type CallbackHash = (typeof CALLBACK_HASHES)[number];

/**
 * Callback kinds, their fields in the order the sandbox sends them, the field that tells the kind apart, and the
 * fields whose values (joined by ":", then ":" + secret) are hashed. Fields marked [INF] in https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md
 * ("Callbacks") are the sandbox's choice: the documentation lists only part of them.
 */
export const CALLBACK_KINDS = {
  status: {
    fields: ["id", "phone", "status", "err", "type", "flag", "ts", "cnt", "cost", "sender"],
    marker: "status",
    signed: ["id", "phone", "status"],
  },
  incoming: {
    fields: ["id", "phone", "mes", "to", "sent", "ts"],
    marker: "mes",
    signed: ["phone", "mes", "to"],
  },
  waitcall: {
    fields: ["phone", "ts", "waitcall"],
    marker: "waitcall",
    signed: ["phone", "ts"],
  },
} as const;

/** A callback kind. */
export type CallbackKind = keyof typeof CALLBACK_KINDS;

/** Handler URL query parameters that configure the callback rather than address the handler. */
export const CALLBACK_URL_PARAMS = ["charset", "fmt", ...CALLBACK_HASHES] as const;

/** Fields sent as JSON numbers when the handler URL asks for `fmt=3` (the rest are strings, like `cost` in replies). */
export const CALLBACK_NUMERIC_FIELDS: ReadonlySet<string> = new Set([
  "id",
  "status",
  "err",
  "type",
  "flag",
  "ts",
  "sent",
  "cnt",
]);
