import { estimate, FORMAT_COUNTING, type HlrFields, round2, STATUS, transliterate } from "smsc/protocol";
import { hlrFields, phoneInfo } from "../../core/phone-info.js";
import type { InspectedRow } from "../../store/inspection.js";
import { type InspectedMessage, presentMessage } from "../../testing/present.js";

/** How the text travels, as the phone receives it (the protocol's estimate() on the stored text). */
export interface TextAnalysis {
  encoding: "gsm7" | "ucs2" | "binary";
  /** The text of each part, in order. */
  parts: string[];
  /** Length in the encoding's units (septets, UTF-16 code units or bytes). */
  length: number;
  /** Units one part holds (160/153, 70/67, 140/134; 0 when the format is billed as one message). */
  partLimit: number;
  /** Units left in the last part. */
  remaining: number;
  /** The distinct characters that forced UCS-2, in order of appearance. */
  ucs2Chars: string[];
  /** For a UCS-2 SMS: the text transliterated to GSM-7 (send.php `translit=1`), its parts, septets left, cost. */
  gsm7Alternative: { text: string; parts: number; remaining: number; cost: number } | null;
}

/** Whether a sender name would pass the service's rules. */
export interface SenderCheck {
  /** `none`: no sender (empty or "."), `numeric`: digits, `alphanumeric`: a name. */
  kind: "none" | "numeric" | "alphanumeric";
  ok: boolean;
  /** Why it would be refused, or what to know; "" when nothing. */
  note: string;
}

/** The extra fields of `GET /api/v1/messages/:id` (https://github.com/smsc-kz/smsc/blob/main/docs/inspection-api.md, "One message"). */
export interface MessageDetail extends InspectedMessage {
  /** The send's wire parameters, without credentials. */
  request: Record<string, string>;
  analysis: TextAnalysis;
  checks: {
    sender: SenderCheck;
    /** `perPart` is the price of one part (one request for formats billed as one message). */
    cost: { perPart: number; parts: number; total: number; currency: string };
    /** Where the number belongs, as status.php `all=2` reports it; "" when unknown. */
    number: { country: string; operator: string };
  };
  /** For HLR requests: the lookup's result once it succeeded (status 1 or 2), otherwise null. */
  hlr?: HlrFields | null;
}

/** Parameters that carry credentials; the store drops them already, this is the second line of defence. */
const SECRET = new Set(["login", "psw", "apikey", "password"]);

/**
 * Checks a sender name against the service's rules: up to 11 Latin letters, digits, spaces, dots, dashes and
 * underscores with at least one letter, or up to 15 digits (spec §2.1 `sender`; smscentre.com FAQ "What are the
 * restrictions on using the sender's name"). The real service also needs the name registered in the account.
 */
function checkSender(sender: string): SenderCheck {
  if (sender === "" || sender === ".")
    return { kind: "none", ok: true, note: "no sender name: the operator's default is shown" };
  if (/^\+?\d+$/.test(sender)) {
    const digits = sender.replace("+", "").length;
    return digits <= 15
      ? { kind: "numeric", ok: true, note: "" }
      : { kind: "numeric", ok: false, note: `a numeric sender has at most 15 digits, this one ${digits}` };
  }
  const bad = [...sender].filter((c) => !/[A-Za-z0-9 ._-]/.test(c));
  if (bad.length)
    return {
      kind: "alphanumeric",
      ok: false,
      note: `only Latin letters, digits, space, "." "-" "_" are allowed; not ${[...new Set(bad)].map((c) => JSON.stringify(c)).join(" ")}`,
    };
  const length = [...sender].length;
  if (length > 11)
    return {
      kind: "alphanumeric",
      ok: false,
      note: `a sender name has at most 11 characters, this one ${length}`,
    };
  if (!/[A-Za-z]/.test(sender))
    return { kind: "alphanumeric", ok: false, note: "a sender name needs at least one letter" };
  return { kind: "alphanumeric", ok: true, note: "must be registered in the account on the real service" };
}

function analyse(m: InspectedRow, perPart: number): TextAnalysis {
  let est: ReturnType<typeof estimate>;
  try {
    est = estimate(m.text, { format: m.format });
  } catch {
    est = estimate(m.text);
  }
  let gsm7Alternative: TextAnalysis["gsm7Alternative"] = null;
  if (est.encoding === "ucs2" && FORMAT_COUNTING[m.format] === "split") {
    const alt = estimate(transliterate(m.text, 1), { format: m.format });
    gsm7Alternative = {
      text: alt.text,
      parts: alt.parts.length,
      remaining: alt.remaining,
      cost: round2(alt.parts.length * perPart),
    };
  }
  return {
    encoding: est.encoding,
    parts: est.parts,
    length: est.length,
    partLimit: est.partLimit,
    remaining: est.remaining,
    ucs2Chars: est.ucs2Chars,
    gsm7Alternative,
  };
}

/** The single-message view: the message as listed, plus its request, how it travels and the checks. */
export function presentMessageDetail(m: InspectedRow, currency: string): MessageDetail {
  const perPart = m.parts > 0 ? round2(m.cost / m.parts) : m.cost;
  const info = phoneInfo(m.phone);
  const request = Object.fromEntries(Object.entries(m.params).filter(([k]) => !SECRET.has(k.toLowerCase())));
  return {
    ...presentMessage(m),
    request,
    analysis: analyse(m, perPart),
    checks: {
      sender: checkSender(m.sender),
      cost: { perPart, parts: m.parts, total: m.cost, currency },
      number: { country: info.countryEn, operator: info.operator },
    },
    ...(m.format === "hlr"
      ? { hlr: m.status === STATUS.delivered || m.status === STATUS.read ? hlrFields(m.phone) : null }
      : {}),
  };
}
