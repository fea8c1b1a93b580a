import {
  ENDPOINTS,
  encodeDoneReply,
  encodeIdReply,
  encodeSenders,
  formatWireDate,
  type SenderName,
} from "smsc/protocol";
import type { SendersReply, SenderView } from "../../core/book-types.js";
import type { SysScript } from "./sys-script.js";

/** A sender name as senders.php lists it. */
function senderName(v: SenderView): SenderName {
  const { record: r } = v;
  return {
    id: r.id,
    sender: r.sender,
    state: v.state,
    ...r.details,
    created: formatWireDate(Math.floor(r.createdAt / 1000)),
  };
}

/** senders.php (api-surface §5): sender names, their moderation and confirmation codes. */
export const sendersScript: SysScript<SendersReply> = {
  path: ENDPOINTS.senders,
  table: "senders",
  serve: (core, { params, account }) => core.senders.serve(account, params),
  encode(reply, { fmt }) {
    switch (reply.kind) {
      case "id":
        return encodeIdReply(reply.id, fmt);
      case "done":
        return encodeDoneReply(fmt);
      case "list":
        return encodeSenders(reply.list.map(senderName), fmt);
    }
  },
};
