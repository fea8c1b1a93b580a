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
import type { FateKind } from "../core/fate.js";
import type { Core, SendOutcome } from "../core/types.js";
import { LetterError, letterText } from "./mime.js";

/** The SMTP answer to a letter: a reply, or `drop` (the connection closes unanswered); `afterMs` delays either. */
export type LetterOutcome = ({ code: number; lines: string[] } | { drop: true }) & { afterMs?: number };

/** How SMTP renders each fate: 250 with the reply, 550 with the service's error, or a dropped connection. */
const SMTP_FATES: Record<FateKind, "reply" | "error" | "drop"> = {
  answer: "reply",
  error: "error",
  "lose-reply": "drop",
  "lose-request": "drop",
};

/**
 * Turns a received letter into a send through the core at the end of DATA (our choice, https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "SMTP"):
 * 250 with the send.php text reply (`OK - 1 SMS, ID - 12`), or 550 whose first line is the service's error
 * (`ERROR = 2 (authorise error)`) and whose second, for a malformed letter, says why. `<test>`=1 prices the letter
 * without sending or storing anything (250 `OK - 1 SMS, COST - 10.00`).
 */
export async function submitLetter(core: Core, raw: Buffer, ip: string): Promise<LetterOutcome> {
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
  const params = { ...(request.params as Record<string, string>), ...(request.test ? { cost: "1" } : {}) };
  const fate = await core.send({ account, params, origin: "smtp" });
  const delay = fate.afterMs ? { afterMs: fate.afterMs } : {};
  switch (SMTP_FATES[fate.kind]) {
    case "reply":
      return { code: 250, lines: [encodeOutcome((fate as { value: SendOutcome }).value)], ...delay };
    case "error":
      return { ...refuse((fate as { error: ErrorReply }).error), ...delay };
    case "drop":
      return { drop: true, ...delay };
  }
}

/** The send.php text reply (fmt=0) of what a letter did. */
function encodeOutcome(o: SendOutcome): string {
  return o.kind === "priced" ? encodeCostReply(o.reply, 0) : encodeSendReply(o.reply, 0, 0);
}

function refuse(error: ErrorReply, reason?: string): { code: number; lines: string[] } {
  return { code: 550, lines: reason ? [encodeError(error, 0), reason] : [encodeError(error, 0)] };
}
