import type { Store } from "../store/store.js";
import type { EventHub } from "./events.js";
import type { Account, AnswersInput, CoreEvents, IncomingMessage } from "./types.js";

/** Incoming SMS: a subscriber's message to one of the account's numbers, and get.php?get_answers=1. */
export interface Incoming {
  /** Stores an incoming SMS and emits "incoming". */
  receive(input: { account: Account; phone: string; to: string; text: string }): IncomingMessage;
  /** Incoming SMS of an account, oldest first. */
  answers(input: AnswersInput): IncomingMessage[];
}

/** Creates the incoming-SMS module. */
export function createIncoming(deps: {
  store: Store;
  clock: () => number;
  events: EventHub<CoreEvents>;
}): Incoming {
  const { store, clock, events } = deps;
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
    answers: ({ account, cnt, hour, afterId, toPhone }) =>
      store.inspection.incoming({
        accountId: account.id,
        limit: cnt,
        order: "asc",
        ...(hour !== undefined ? { since: clock() - hour * 3_600_000 } : {}),
        ...(afterId !== undefined ? { after: afterId } : {}),
        ...(toPhone !== undefined ? { to: toPhone } : {}),
      }),
  };
}
