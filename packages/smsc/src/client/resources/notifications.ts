import { decodeNotifyReply, type NotifyReply } from "../../protocol/index.js";
import { InvalidOptionError } from "../errors.js";
import type { RequestOptions } from "../options.js";
import { isErrorReply, type Transport } from "../transport.js";

/** An event notification (ping.php, api-surface §11): which task group, and the values of its template. */
export interface NotifyParams {
  /** The task group's id (the "ID" column of the account's task groups). */
  group: number;
  /** Replaces `{NAME}` in the template. */
  name?: string;
  /** Replaces `{HOST}`. */
  host?: string;
  /** Replaces `{INFO}`. */
  info?: string;
  /** Send the group's recovery text (`ok=1`) instead of its failure text. @default false */
  recovered?: boolean;
}

/** Event notifications through the account's task groups. */
export interface NotificationsResource {
  /**
   * Sends a task group's notification. It sends messages, so it is never retried after a failure that may have
   * reached the service (a ConnectionError with `maybeSent`), only moved to the next host when nothing was sent.
   */
  send(params: NotifyParams, options?: RequestOptions): Promise<NotifyReply>;
}

/** The notifications resource over a transport. */
export function notificationsResource(transport: Transport): NotificationsResource {
  return {
    async send(p, options = {}) {
      if (!Number.isSafeInteger(p.group) || p.group < 1)
        throw new InvalidOptionError("notify.group", "must be a positive integer");
      const fields: Array<[string, string]> = [["id", String(p.group)]];
      for (const k of ["name", "host", "info"] as const)
        if (p[k] !== undefined) fields.push([k, String(p[k])]);
      fields.push(["ok", p.recovered ? "1" : "0"]);
      const ex = await transport.firstReply("ping", fields, options);
      const r = decodeNotifyReply(ex.body, 3);
      if (isErrorReply(r)) throw transport.apiError(r, "ping", ex);
      return r;
    },
  };
}
