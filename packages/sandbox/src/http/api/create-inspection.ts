import type { Core } from "../../core/types.js";
import { createInboxRoute } from "../../inbox/serve-inbox.js";
import type { MessageFilter } from "../../store/inspection.js";
import type { Store } from "../../store/store.js";
import { createMessageWaiter, type WaitForMessageOptions } from "../../testing/message-waiter.js";
import type { HttpRoute } from "../create-http-server.js";
import { createApiRoute } from "./api-routes.js";
import { createEventStream } from "./event-stream.js";
import { MAX_LIMIT, normalisePhone } from "./filters.js";
import { type InspectedMessage, presentIncoming, presentMessage } from "./present.js";

/** A message query of the test helpers: the API's filters, with the phone in any form. */
export type MessageQuery = Omit<MessageFilter, "order">;

/** The inspection side of a sandbox: HTTP routes, live events and the test helpers. */
export interface Inspection {
  /** The /api/v1 routes, then the inbox at `/` (last: it answers every other path). */
  routes: HttpRoute[];
  waitForMessage(options: WaitForMessageOptions): Promise<InspectedMessage>;
  messages(query?: MessageQuery): InspectedMessage[];
  latest(phone?: string): InspectedMessage | undefined;
  reset(): void;
  /** Ends the live streams and pending waits. */
  close(): void;
}

/** Options of createInspection. */
export interface InspectionOptions {
  core: Core;
  store: Store;
  /** @default Date.now */
  clock?: () => number;
  /** Interval of the SSE heartbeat comment. @default 15000 */
  heartbeatMs?: number;
}

/** Wires the inspection API, the event stream, the inbox and the test helpers onto a core and its store. */
export function createInspection(options: InspectionOptions): Inspection {
  const { core, store } = options;
  const events = createEventStream(options.heartbeatMs);
  const waiter = createMessageWaiter(core, store);
  const present = (rowId: number) => {
    const m = store.inspection.message(rowId);
    return m ? presentMessage(m) : undefined;
  };
  // "callback" belongs to the callbacks module; subscribing by name works whether or not it exists yet
  const onAny = core.events.on as (event: string, fn: (payload: unknown) => void) => () => void;
  const offs = [
    core.events.on("message", (m) => events.publish("message", present(m.rowId))),
    core.events.on("status", (m) => events.publish("status", present(m.rowId))),
    core.events.on("incoming", (m) => events.publish("incoming", presentIncoming(m))),
    onAny("callback", (p) => events.publish("callback", p)),
  ];
  const reset = () => {
    core.reset();
    waiter.clear();
    events.publish("reset", {});
  };
  const api = createApiRoute({ core, store, waiter, events, clock: options.clock ?? Date.now, reset });
  return {
    routes: [api, createInboxRoute()],
    waitForMessage: (o) => waiter.wait(o),
    messages(query = {}) {
      const { phone, ...rest } = query;
      return store.inspection
        .messages({
          ...rest,
          ...(phone !== undefined ? { phone: normalisePhone(phone) } : {}),
          limit: query.limit ?? MAX_LIMIT,
        })
        .map(presentMessage);
    },
    latest(phone) {
      const [m] = store.inspection.messages({
        ...(phone !== undefined ? { phone: normalisePhone(phone) } : {}),
        limit: 1,
      });
      return m ? presentMessage(m) : undefined;
    },
    reset,
    close() {
      for (const off of offs) off();
      waiter.close();
      events.close();
    },
  };
}
