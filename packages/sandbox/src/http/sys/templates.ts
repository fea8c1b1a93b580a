import {
  ENDPOINTS,
  encodeWireRecord,
  encodeWireRecords,
  TEMPLATE_SHAPE,
  templateRecord,
} from "smsc/protocol";
import type { TemplatesOutcome } from "../../core/templates.js";
import type { SysScript } from "./sys-script.js";

/** templates.php (spec §6.10): list, add, change and delete message templates; reply shapes in https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md. */
export const templatesScript: SysScript<TemplatesOutcome> = {
  path: ENDPOINTS.templates,
  table: "templates",
  serve: (core, { account, params }) => core.templates.serve({ account, params }),
  encode(outcome, { fmt }) {
    if (outcome.kind === "list")
      return encodeWireRecords(outcome.templates.map(templateRecord), TEMPLATE_SHAPE, fmt);
    if (outcome.kind === "saved") return encodeWireRecord({ id: outcome.id }, TEMPLATE_SHAPE, fmt);
    return encodeWireRecord({ result: "OK" }, TEMPLATE_SHAPE, fmt);
  },
};
