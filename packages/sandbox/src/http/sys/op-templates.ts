import { ENDPOINTS, encodeIdReply, encodeOpTemplates, formatWireDate, type OpTemplate } from "smsc/protocol";
import type { OpTemplatesReply } from "../../core/book-types.js";
import type { OpTemplateRecord } from "../../store/op-templates.js";
import type { SysScript } from "./sys-script.js";

/** A stored template as op_templates.php lists it: every operator flag, set or not. */
const template = (t: OpTemplateRecord): OpTemplate => ({
  id: t.id,
  sender: t.sender,
  message: t.message,
  ...Object.fromEntries(t.operators.map((o) => [o, true])),
  created: formatWireDate(Math.floor(t.createdAt / 1000)),
});

/** op_templates.php (api-surface §6): operator templates, `add` and `get`. */
export const opTemplatesScript: SysScript<OpTemplatesReply> = {
  path: ENDPOINTS.opTemplates,
  table: "opTemplates",
  serve: (core, { params, account }) => core.opTemplates.serve(account, params),
  encode: (reply, { fmt }) =>
    reply.kind === "id" ? encodeIdReply(reply.id, fmt) : encodeOpTemplates(reply.list.map(template), fmt),
};
