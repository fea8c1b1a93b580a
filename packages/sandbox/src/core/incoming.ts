import { ANSWERS_LIMITS } from "smsc/protocol";
import type { Store } from "../store/store.js";
import { apiError } from "./api-error.js";
import type { EventHub } from "./events.js";
import { answer, type Fate, refuse } from "./fate.js";
import type { Limits } from "./limits.js";
import { IdenticalRequests } from "./report-params.js";
import type { Account, AnswersInput, CoreEvents, IncomingMessage } from "./types.js";

/** Incoming SMS: a subscriber's message to one of the account's numbers, and get.php?get_answers=1. */
export interface Incoming {
  /** Stores an incoming SMS and emits "incoming". */
  receive(input: { account: Account; phone: string; to: string; text: string }): IncomingMessage;
  /** Incoming SMS of an account, oldest first; error 3 when there are none, 9 for a 4th identical request a minute. */
  answers(input: AnswersInput): Fate<IncomingMessage[]>;
}

/** Creates the incoming-SMS module. */
export function createIncoming(deps: {
  store: Store;
  clock: () => number;
  events: EventHub<CoreEvents>;
  limits: Limits;
}): Incoming {
  const { store, clock, events } = deps;
  const identical = new IdenticalRequests(clock, deps.limits);
  return {
    receive({ account, phone, to, text }) {
      const m = store.inspection.insertIncoming({
        accountId: account.id,
        phone,
        to,
        text,
        receivedAt: clock(),
      });
      events.emit("incoming", () => m);
      return m;
    },
    answers({ account, cnt, hour, afterId, toPhone }) {
      const asked = {
        cnt: String(cnt),
        hour: String(hour ?? ""),
        after: String(afterId ?? ""),
        to: toPhone ?? "",
      };
      if (!identical.allow("answers", account.id, asked, ANSWERS_LIMITS.identicalPerMinute))
        return refuse(apiError(9, "get"));
      const list = store.inspection.incoming({
        accountId: account.id,
        limit: cnt,
        order: "asc",
        ...(hour !== undefined ? { since: clock() - hour * 3_600_000 } : {}),
        ...(afterId !== undefined ? { after: afterId } : {}),
        ...(toPhone !== undefined ? { to: toPhone } : {}),
      });
      // an empty list would be an empty fmt=0/1 body, which the libraries read as a failed request (spec §3.5)
      return list.length ? answer(list) : refuse(apiError(3, "get"));
    },
  };
}
