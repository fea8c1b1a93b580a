import { ENDPOINTS, encodeTinyUrlStats, type TinyUrlStats } from "smsc/protocol";
import type { SysScript } from "./sys-script.js";

/** `/sys/tinyurls.php` (api-surface §8): `get=1` with `link` or `id`, the clicks of one short link. */
export const tinyUrlsScript: SysScript<TinyUrlStats> = {
  path: ENDPOINTS.tinyUrls,
  table: "tinyUrls",
  serve: (core, { params, account }) => core.shortLinks.stats({ account, params }),
  encode: (stats, { fmt }) => encodeTinyUrlStats(stats, fmt),
};
