import { ENDPOINTS, encodeCostReply, encodeSendReply } from "smsc/protocol";
import type { SendOutcome } from "../../core/types.js";
import type { SysScript } from "./sys-script.js";

/** send.php (spec §2): sends, or with cost=1 prices, through the core; the reply in the fmt × cost shape. */
export const sendScript: SysScript<SendOutcome> = {
  path: ENDPOINTS.send,
  table: "send",
  serve: (core, { params, account }) => core.send({ account, params, origin: "http" }),
  encode: (outcome, { fmt }) =>
    outcome.kind === "priced"
      ? encodeCostReply(outcome.reply, fmt)
      : encodeSendReply(outcome.reply, fmt, outcome.costMode),
};
