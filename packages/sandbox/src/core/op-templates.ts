import { BOOK_LIMITS, OP_TEMPLATE_OPERATORS, OP_TEMPLATES_COMMANDS } from "smsc/protocol";
import type { Store } from "../store/store.js";
import { apiError } from "./api-error.js";
import type { OpTemplatesReply, OpTemplatesService } from "./book-types.js";
import { answer, refuse } from "./fate.js";
import type { Limits } from "./limits.js";
import { identityKey } from "./plan-send.js";
import { scriptCommand } from "./script-command.js";

/** Operator templates: op_templates.php (api-surface §6). */
export type OpTemplates = OpTemplatesService;

/** Creates the operator templates over the store (migration 0042). */
export function createOpTemplates(deps: { store: Store; clock: () => number; limits: Limits }): OpTemplates {
  const { store, clock, limits } = deps;
  const fail = (code: number) => refuse<OpTemplatesReply>(apiError(code, "opTemplates"));
  return {
    serve(account, p) {
      const command = scriptCommand(p, OP_TEMPLATES_COMMANDS);
      if (command === undefined) return fail(1);
      if (!limits.perMinute(`op_templates:${identityKey(account.id, p)}`, BOOK_LIMITS.identicalRequests))
        return fail(9);
      if (command === "get") {
        const list = store.opTemplates.list(account.id);
        return list.length ? answer({ kind: "list", list }) : fail(3);
      }
      const sender = (p.sender ?? "").trim();
      const message = p.msg ?? "";
      if (sender === "" || message.trim() === "") return fail(1);
      const operators = Object.entries(OP_TEMPLATE_OPERATORS)
        .filter(([, f]) => p[f.wire]?.trim() === "1")
        .map(([name]) => name);
      const id = store.opTemplates.insert({
        accountId: account.id,
        sender,
        message,
        operators,
        createdAt: clock(),
      });
      return answer({ kind: "id", id });
    },
  };
}
