import { ENDPOINTS, encodeWaitCallReply, type WaitCallReply } from "smsc/protocol";
import type { SysScript } from "./sys-script.js";

/** `/sys/wait_call.php` (spec §6.13): the number the subscriber `phone` has to call to confirm it. */
export const waitCallScript: SysScript<WaitCallReply> = {
  path: ENDPOINTS.waitCall,
  table: "waitCall",
  serve: (core, { params, account }) => core.waitCalls.request({ account, params }),
  encode: (reply, { fmt }) => encodeWaitCallReply(reply, fmt),
};
