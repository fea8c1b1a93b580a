import { ENDPOINTS, encodeOperators } from "smsc/protocol";
import { apiError } from "../../core/api-error.js";
import { refuse } from "../../core/fate.js";
import type { OperatorAnswer } from "../../core/types.js";
import type { SysScript } from "./sys-script.js";

/**
 * `/sys/info.php?get_operator=1` (api-surface §2): the operator of one number or of a comma list; an unknown
 * operator is error 3. Layout choices in https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md ("Operator look-up").
 */
export const infoScript: SysScript<OperatorAnswer> = {
  path: ENDPOINTS.info,
  table: "info",
  serve: (core, { params, account }) =>
    params.get_operator?.trim() === "1"
      ? core.operators.lookup({ account, params })
      : refuse(apiError(1, "info")),
  encode: (a, { fmt }) => encodeOperators(a.infos, fmt, a.list),
};
