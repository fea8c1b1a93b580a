import type { Core } from "../../core/types.js";
import type { Router } from "../router.js";
import { balanceScript } from "./balance.js";
import { documentsScript } from "./documents.js";
import { getScript } from "./get.js";
import { infoScript } from "./info.js";
import { jobsScript } from "./jobs.js";
import { opTemplatesScript } from "./op-templates.js";
import { phonesScript } from "./phones.js";
import { pingScript } from "./ping.js";
import { receivePhonesScript } from "./receive-phones.js";
import { sendScript } from "./send.js";
import { sendersScript } from "./senders.js";
import { statusScript } from "./status.js";
import { type SysScript, sysHandler } from "./sys-script.js";
import { templatesScript } from "./templates.js";
import { tinyUrlsScript } from "./tinyurls.js";
import { usersScript } from "./users.js";
import { waitCallScript } from "./wait-call.js";

/** Every /sys script the sandbox serves; a new script is one file here and one line in this list. */
// biome-ignore lint/suspicious/noExplicitAny: each script has its own value type; the handler keeps them apart
export const SYS_SCRIPTS: ReadonlyArray<SysScript<any>> = [
  sendScript,
  statusScript,
  balanceScript,
  getScript,
  infoScript,
  pingScript,
  waitCallScript,
  tinyUrlsScript,
  phonesScript,
  sendersScript,
  opTemplatesScript,
  documentsScript,
  templatesScript,
  jobsScript,
  usersScript,
  receivePhonesScript,
];

/** Registers the /sys scripts on the router, for GET and POST as on the service (spec §1.3). */
export function registerSysRoutes(router: Router, core: Core): void {
  for (const script of SYS_SCRIPTS) router.on(["GET", "POST"], script.path, sysHandler(core, script));
}
