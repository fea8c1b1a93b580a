import {
  ENDPOINTS,
  encodeWireRecord,
  encodeWireRecords,
  moneyJson,
  moneyText,
  SUBCLIENT_STAT_SHAPE,
} from "smsc/protocol";
import type { SubclientsOutcome } from "../../core/subclients.js";
import type { SysScript } from "./sys-script.js";

/** users.php (spec §6.11): add, change and pay sub-clients, and their statistics; shapes in https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md. */
export const usersScript: SysScript<SubclientsOutcome> = {
  path: ENDPOINTS.users,
  table: "users",
  serve: (core, { account, params }) => core.subclients.serve({ account, params }),
  encode(outcome, { fmt }) {
    const money = fmt === 3 ? moneyJson : moneyText;
    switch (outcome.kind) {
      case "stats":
        return encodeWireRecords(
          outcome.lines.map((l) => ({
            login: l.account.login,
            type: l.account.type ?? 0,
            sms: l.sms,
            credit: money(l.credit),
            debit: money(l.debit),
            balance: money(l.account.balance),
            currency: l.account.currency,
          })),
          SUBCLIENT_STAT_SHAPE,
          fmt,
        );
      case "paid":
        return encodeWireRecord({ balance: money(outcome.balance) }, SUBCLIENT_STAT_SHAPE, fmt);
      default:
        return encodeWireRecord({ id: outcome.id }, SUBCLIENT_STAT_SHAPE, fmt);
    }
  },
};
