import { BOOK_LIMITS, DOCUMENTS_COMMANDS } from "smsc/protocol";
import type { InvoiceRecord } from "../store/invoices.js";
import type { Account } from "../store/records.js";
import type { Store } from "../store/store.js";
import { apiError } from "./api-error.js";
import type { DocumentsReply, DocumentsService } from "./book-types.js";
import { answer, refuse } from "./fate.js";
import type { Limits } from "./limits.js";
import { identityKey } from "./plan-send.js";
import { idParam, scriptCommand } from "./script-command.js";

/** Invoices and acts for sub-clients: documents.php (api-surface §7). */
export type Documents = DocumentsService;

/**
 * Creates the documents over the store (migration 0042). The sub-client is one of the account's own (users.php),
 * found by login (`user`) or id (`user_id`): sub-clients are accounts of their own (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Documents").
 */
export function createDocuments(deps: { store: Store; clock: () => number; limits: Limits }): Documents {
  const { store, clock, limits } = deps;
  const fail = (code: number) => refuse<DocumentsReply>(apiError(code, "documents"));
  const document = (type: "account" | "act", invoice: InvoiceRecord | undefined, issuer: Account) => {
    const user = invoice && store.accountById(invoice.userId);
    return invoice && user
      ? answer<DocumentsReply>({ kind: "document", type, invoice, user, issuer })
      : fail(3);
  };
  return {
    serve(account, p) {
      const command = scriptCommand(p, DOCUMENTS_COMMANDS);
      if (command === undefined) return fail(1);
      if (!limits.perMinute(`documents:${identityKey(account.id, p)}`, BOOK_LIMITS.identicalRequests))
        return fail(9);
      const id = idParam(p.id);
      const num = idParam(p.num);
      if (id === null || num === null) return fail(1);
      if (command === "get_account")
        return id === undefined
          ? fail(1)
          : document("account", store.invoices.find(account.id, { id }), account);
      if (command === "get_act") {
        if (id === undefined && num === undefined) return fail(1);
        const by = id !== undefined ? { id } : { num: num! };
        return document("act", store.invoices.find(account.id, by), account);
      }
      const userId = idParam(p.user_id);
      const login = p.user?.trim();
      if (userId === null || (userId === undefined && !login)) return fail(1);
      const user = userId !== undefined ? store.accountById(userId) : store.accountByLogin(login!);
      // only the account's own sub-clients (users.php) get its invoices
      if (!user || user.parentId !== account.id) return fail(6);
      const sumText = (p.sum ?? "").trim().replace(",", ".");
      const sum = Number(sumText);
      if (!/^\d+(\.\d{1,2})?$/.test(sumText) || !(sum > 0)) return fail(1);
      const invoice = store.invoices.insert({
        accountId: account.id,
        userId: user.id,
        sum,
        service: (p.service ?? "").trim(),
        createdAt: clock(),
      });
      return answer({ kind: "id", id: invoice.id });
    },
  };
}
