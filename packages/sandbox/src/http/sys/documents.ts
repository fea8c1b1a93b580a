import { ENDPOINTS, encodeDocument, encodeIdReply, formatWireDate } from "smsc/protocol";
import type { DocumentsReply } from "../../core/book-types.js";
import type { SysScript } from "./sys-script.js";

/** documents.php (api-surface §7): invoices for sub-clients and their acts, as data (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Documents"). */
export const documentsScript: SysScript<DocumentsReply> = {
  path: ENDPOINTS.documents,
  table: "documents",
  serve: (core, { params, account }) => core.documents.serve(account, params),
  encode(reply, { fmt }) {
    if (reply.kind === "id") return encodeIdReply(reply.id, fmt);
    const { invoice: i, user, issuer } = reply;
    return encodeDocument(
      {
        id: i.id,
        num: String(i.num),
        kind: reply.type,
        date: formatWireDate(Math.floor(i.createdAt / 1000)).slice(0, 10),
        user: user.login,
        userId: user.id,
        sum: i.sum,
        currency: issuer.currency,
        service: i.service,
      },
      fmt,
    );
  },
};
