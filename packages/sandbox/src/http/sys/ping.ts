import { ENDPOINTS, encodeNotifyReply } from "smsc/protocol";
import type { NotifyOutcome } from "../../core/types.js";
import type { SysScript } from "./sys-script.js";

/**
 * `/sys/ping.php` (api-surface §11): sends a task group's failure or recovery text; answered like send.php
 * (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Notifications").
 */
export const pingScript: SysScript<NotifyOutcome> = {
  path: ENDPOINTS.ping,
  table: "ping",
  serve: (core, { params, account }) => core.notifications.notify({ account, params }),
  encode: (r, { fmt }) => encodeNotifyReply(r, fmt),
};
