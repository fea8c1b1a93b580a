import { extraFields, InvalidOptionError, type ResolvedOptions, redactFields } from "../client/index.js";
import { MESSAGE_FORMATS, type MessageFormat, resolveFormat } from "../protocol/index.js";

type Fields = Array<[string, string]>;

/** send_sms's request, in the seed library's order: cost=3, phones, mes, translit, id, format, sender, time, query. */
export function sendFields(
  phones: string | readonly string[],
  message: string,
  translit: number,
  time: string,
  id: string | number,
  format: number | string,
  sender: string,
  query: string,
): Fields {
  return [
    ["cost", "3"],
    ["phones", phoneList(phones)],
    ["mes", String(message)],
    ["translit", String(translit)],
    ["id", String(id)],
    ...formatField(format),
    ...(sender === "" || sender === undefined ? [] : [["sender", String(sender)] as [string, string]]),
    ...(time === "" ? [] : [["time", time] as [string, string]]),
    ...queryFields(query),
  ];
}

/** get_sms_cost's request: cost=1, phones, mes, sender, translit, format, query. */
export function costFields(
  phones: string | readonly string[],
  message: string,
  translit: number,
  format: number | string,
  sender: string,
  query: string,
): Fields {
  return [
    ["cost", "1"],
    ["phones", phoneList(phones)],
    ["mes", String(message)],
    ...(sender === "" || sender === undefined ? [] : [["sender", String(sender)] as [string, string]]),
    ["translit", String(translit)],
    ...formatField(format),
    ...queryFields(query),
  ];
}

/** get_status's request: phone, id, all. */
export function statusFields(id: string, phone: string, all: number): Fields {
  if (all !== 0 && all !== 1 && all !== 2) throw new InvalidOptionError("all", "must be 0, 1 or 2");
  return [
    ["phone", String(phone)],
    ["id", id],
    ["all", String(all)],
  ];
}

/** The parameters of a request as the debug message prints them, with psw and apikey masked. */
export function commandFields(o: ResolvedOptions, fields: Fields): string {
  const all = redactFields([...o.auth, ["fmt", "1"], ["charset", o.charset], ...fields]);
  return Object.entries(all)
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

function phoneList(phones: string | readonly string[]): string {
  return typeof phones === "string" ? phones : phones.join(",");
}

/** The library format index (or a format name) → its flag; 0 / "sms" sends none. */
function formatField(format: number | string): Fields {
  let name: MessageFormat;
  try {
    name = resolveFormat(format as MessageFormat | number);
  } catch (e) {
    throw new InvalidOptionError("format", (e as Error).message);
  }
  const f = MESSAGE_FORMATS[name];
  return f.param === null ? [] : [[f.param, f.value]];
}

function queryFields(query: string): Fields {
  return query === "" || query === undefined ? [] : extraFields(query, "query");
}
