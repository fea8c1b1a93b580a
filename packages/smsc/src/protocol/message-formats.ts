/**
 * Message formats: the official libraries' `format` index 0–11 (spec §2.3), the send.php flag each one sets,
 * and the server's `type` code reported by status.php (spec §4.4). `tg` and `whatsapp` have no library index.
 */
export const MESSAGE_FORMATS = {
  sms: { index: 0, param: null, value: null, type: 0, label: "SMS" },
  flash: { index: 1, param: "flash", value: "1", type: 1, label: "Flash-SMS" },
  push: { index: 2, param: "push", value: "1", type: 3, label: "Wap-push" },
  hlr: { index: 3, param: "hlr", value: "1", type: 4, label: "HLR" },
  bin: { index: 4, param: "bin", value: "1", type: 2, label: "binary" },
  binHex: { index: 5, param: "bin", value: "2", type: 2, label: "binary (hex)" },
  ping: { index: 6, param: "ping", value: "1", type: 5, label: "Ping-SMS" },
  mms: { index: 7, param: "mms", value: "1", type: 6, label: "MMS" },
  mail: { index: 8, param: "mail", value: "1", type: 8, label: "E-mail" },
  call: { index: 9, param: "call", value: "1", type: 7, label: "call" },
  viber: { index: 10, param: "viber", value: "1", type: 10, label: "Viber" },
  soc: { index: 11, param: "soc", value: "1", type: 12, label: "social networks" },
  // No source gives the status `type` of Telegram and WhatsApp messages; 13 and 14 are our choice (docs/protocol.md).
  tg: { index: null, param: "tg", value: "1", type: 13, label: "Telegram" },
  whatsapp: { index: null, param: "whatsapp", value: "1", type: 14, label: "WhatsApp" },
} as const;

/** A message format by name. */
export type MessageFormat = keyof typeof MESSAGE_FORMATS;

/** A library format index, 0–11. */
export type FormatIndex = Exclude<(typeof MESSAGE_FORMATS)[MessageFormat]["index"], null>;

/** Format names in library index order: `FORMAT_BY_INDEX[5] === "binHex"`. */
export const FORMAT_BY_INDEX = Object.entries(MESSAGE_FORMATS)
  .filter(([, f]) => f.index !== null)
  .sort(([, a], [, b]) => (a.index ?? 0) - (b.index ?? 0))
  .map(([name]) => name as MessageFormat);

/** Resolves a format given by name or library index; throws RangeError on anything else. */
export function resolveFormat(format: MessageFormat | number): MessageFormat {
  if (typeof format === "number") {
    const name = FORMAT_BY_INDEX[format];
    if (name === undefined) throw new RangeError(`format index must be 0–11, got ${format}`);
    return name;
  }
  if (!(format in MESSAGE_FORMATS)) throw new RangeError(`unknown message format "${String(format)}"`);
  return format;
}

/**
 * Reads which format a send request asked for from its wire parameters (the sandbox's side of the table).
 * `bin=2` is binHex, any other true flag selects its format; plain SMS when none is set.
 */
export function formatFromParams(get: (name: string) => string | undefined): MessageFormat {
  for (const [name, f] of Object.entries(MESSAGE_FORMATS)) {
    if (f.param === null) continue;
    const v = get(f.param);
    if (v === undefined || v === "" || v === "0") continue;
    if (f.param === "bin") return v === "2" ? "binHex" : "bin";
    return name as MessageFormat;
  }
  return "sms";
}
