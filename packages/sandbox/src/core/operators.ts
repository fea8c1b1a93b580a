import { OPERATOR_LIMITS, type OperatorInfo, parsePhone } from "smsc/protocol";
import { apiError } from "./api-error.js";
import { answer, refuse } from "./fate.js";
import type { Limits } from "./limits.js";
import { phoneInfo } from "./phone-info.js";
import { IdenticalRequests } from "./report-params.js";
import type { Core } from "./types.js";

/**
 * Operator look-up: info.php?get_operator=1 (api-surface §2), from the sandbox's phone-info tables: the operator of
 * one number, or of each number of a comma list (in order).
 */
export type Operators = Core["operators"];

/** Creates the operator look-up. */
export function createOperators(deps: { clock: () => number; limits: Limits }): Operators {
  const identical = new IdenticalRequests(deps.clock, deps.limits);
  return {
    lookup({ account, params }) {
      const raw = params.phone ?? "";
      const asked = raw
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean);
      const digits = asked.map((p) => parsePhone(p)?.digits);
      if (asked.length === 0 || digits.some((d) => d === undefined)) return refuse(apiError(1, "info"));
      // the 101st request of the minute, or the 4th identical one, is error 9
      const fresh = identical.allow("operator", account.id, params, OPERATOR_LIMITS.identicalPerMinute);
      if (!identical.allowAny(`operator:${account.id}`, OPERATOR_LIMITS.perMinute) || !fresh)
        return refuse(apiError(9, "info"));
      const infos = digits.map((d): OperatorInfo => {
        const i = phoneInfo(d!);
        // a number whose range is not in the tables has no operator: its fields stay empty in a list
        return i.operator === ""
          ? { phone: d!, country: "", operator: "", region: "", mcc: "", mnc: "", tz: 0 }
          : {
              phone: d!,
              country: i.country,
              operator: i.operator,
              region: i.region,
              mcc: i.mcc,
              mnc: i.mnc,
              tz: i.tz,
            };
      });
      if (infos.every((i) => i.operator === "")) return refuse(apiError(3, "info"));
      return answer({ infos, list: raw.includes(",") });
    },
  };
}
