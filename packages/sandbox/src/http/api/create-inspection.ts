import type { CoreControl } from "../../core/create-core.js";
import { normalisePhone } from "../../store/address.js";
import type { MessageFilter } from "../../store/inspection.js";
import type { Store } from "../../store/store.js";
import { createMessageWaiter, type WaitForMessageOptions } from "../../testing/message-waiter.js";
import { type InspectedMessage, presentIncoming, presentMessage } from "../../testing/present.js";
import type { Router } from "../router.js";
import { registerApiRoutes } from "./api-routes.js";
import { createEventStream } from "./event-stream.js";
import { MAX_LIMIT } from "./filters.js";
import { presentWaitCall } from "./wait-call-routes.js";

/** A message query of the test helpers: the API's filters, with the phone in any form. */
export type MessageQuery = Omit<MessageFilter, "order">;

/** Something else that feeds the live stream (the callback log): subscribe while the stream has clients. */
export type LiveSource = (publish: (event: string, data: () => unknown) => void) => () => void;

/** The inspection side of a sandbox: HTTP routes, live events and the test helpers. */
export interface Inspection {
  /** Registers the /api/v1 inspection routes. */
  register(router: Router): void;
  waitForMessage(options: WaitForMessageOptions): Promise<InspectedMessage>;
  messages(query?: MessageQuery): InspectedMessage[];
  latest(phone?: string): InspectedMessage | undefined;
  reset(): void;
  /** Ends the live streams and pending waits. */
  close(): void;
}

/** Options of createInspection. */
export interface InspectionOptions {
  control: CoreControl;
  store: Store;
  /** Other feeds of the live stream. */
  sources?: LiveSource[];
  /** Interval of the SSE heartbeat comment. @default 15000 */
  heartbeatMs?: number;
}

/**
 * Wires the inspection API, the event stream and the test helpers onto a core's control surface and its store.
 * The stream listens to the core only while it has clients, and builds each event from the core's payload without
 * reading the database.
 */
export function createInspection(options: InspectionOptions): Inspection {
  const { control, store } = options;
  const logins = new Map<number, string>();
  const loginOf = (accountId: number) => {
    let login = logins.get(accountId);
    if (login === undefined) {
      login = store.accountById(accountId)?.login ?? "";
      logins.set(accountId, login);
    }
    return login;
  };
  let offs: Array<() => void> = [];
  const events = createEventStream({
    ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
    onActive(active) {
      for (const off of offs) off();
      offs = [];
      if (!active) return;
      const publish = events.publish;
      offs = [
        control.events.on("message", (m) =>
          publish("message", () => presentMessage({ ...m, login: loginOf(m.accountId) })),
        ),
        control.events.on("status", (m) =>
          publish("status", () => presentMessage({ ...m, login: loginOf(m.accountId) })),
        ),
        control.events.on("incoming", (m) => publish("incoming", () => presentIncoming(m))),
        control.events.on("deleted", (d) => publish("deleted", () => d)),
        control.events.on("reset", () => publish("reset", () => ({}))),
        control.events.on("waitcall", (e) =>
          publish("waitcall", () => ({ reason: e.reason, ...presentWaitCall(e.call) })),
        ),
        ...(options.sources ?? []).map((source) => source(publish)),
      ];
    },
  });
  const waiter = createMessageWaiter(control, store);
  const reset = () => {
    control.reset();
    waiter.clear();
  };
  return {
    register: (router) => registerApiRoutes(router, { control, store, waiter, events, reset }),
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
      waiter.close();
      events.close();
    },
  };
}
