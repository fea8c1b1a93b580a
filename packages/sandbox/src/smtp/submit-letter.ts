import {
  decodeMailBody,
  type ErrorReply,
  encodeCostReply,
  encodeError,
  encodeSendReply,
  MailBodyError,
  mailBodyToRequest,
} from "smsc/protocol";
import { apiError } from "../core/api-error.js";
import type { Core } from "../core/types.js";
import { LetterError, letterText } from "./mime.js";

/** The SMTP answer to a letter: a reply, or `drop` when the core asks for the reply to be lost. */
export type LetterOutcome = { code: number; lines: string[] } | { drop: true };

/**
 * Turns a received letter into a send through the core, synchronously at the end of DATA (our choice,
 * https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "SMTP"): 250 with the send.php text reply (`OK - 1 SMS, ID - 12`), or 550 whose first line is
 * the service's error (`ERROR = 2 (authorise error)`) and whose second, for a malformed letter, says why.
 * `<test>`=1 prices the letter without sending or storing anything (250 `OK - 1 SMS, COST - 10.00`).
 */
export function submitLetter(core: Core, raw: Buffer, ip: string): LetterOutcome {
  let request: ReturnType<typeof mailBodyToRequest>;
  try {
    request = mailBodyToRequest(decodeMailBody(letterText(raw)));
  } catch (e) {
    if (e instanceof LetterError || e instanceof MailBodyError) return refuse(apiError(1), e.message);
    throw e;
  }
  if ("reason" in request) return refuse(apiError(request.code), request.reason);
  const account = core.authenticate({ ...request.credentials, ip });
  if ("code" in account) return refuse(account);
  const input = { account, params: request.params as Record<string, string>, origin: "smtp" as const };
  if (request.test) {
    const cost = core.price(input);
    return "code" in cost ? refuse(cost) : { code: 250, lines: [encodeCostReply(cost, 0)] };
  }
  const result = core.submit(input);
  if ("error" in result) return refuse(result.error);
  if (result.dropReply) return { drop: true };
  return { code: 250, lines: [encodeSendReply(result.reply, 0, 0)] };
}

function refuse(error: ErrorReply, reason?: string): LetterOutcome {
  return { code: 550, lines: reason ? [encodeError(error, 0), reason] : [encodeError(error, 0)] };
}
