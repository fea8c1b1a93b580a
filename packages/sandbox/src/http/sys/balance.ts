import { type BalanceReply, ENDPOINTS, encodeBalanceReply } from "smsc/protocol";
import type { SysScript } from "./sys-script.js";

/** balance.php (spec §5); `cur=1` adds the currency. */
export const balanceScript: SysScript<BalanceReply> = {
  path: ENDPOINTS.balance,
  table: "balance",
  serve: (core, { account }) => core.balance(account),
  encode: (reply, { params, fmt }) => encodeBalanceReply(reply, fmt, params.cur === "1"),
};
