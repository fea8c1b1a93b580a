import { ENDPOINTS, encodeStatusReply, type StatusRecord } from "smsc/protocol";
import type { SysScript } from "./sys-script.js";

/** A comma list without the empty item a trailing comma leaves. */
function splitList(v: string): string[] {
  const items = v.split(",");
  if (items.length > 1 && items.at(-1)!.trim() === "") items.pop();
  return v.trim() === "" ? [] : items;
}

/** The `all` level of a request: 0 short, 1 full, 2 full with country, operator and region. */
const allOf = (params: Record<string, string>) => (params.all === "1" ? 1 : params.all === "2" ? 2 : 0);

/** status.php (spec §4): one record, or the multi format when a comma appears in `id` or `phone` (spec §4.1). */
export const statusScript: SysScript<StatusRecord[]> = {
  path: ENDPOINTS.status,
  table: "status",
  serve: (core, { params, account }) =>
    core.status({
      account,
      ids: splitList(params.id ?? ""),
      phones: splitList(params.phone ?? ""),
      all: allOf(params),
      del: params.del === "1",
    }),
  encode: (records, { params, fmt }) =>
    encodeStatusReply(records, fmt, {
      all: allOf(params),
      // a comma anywhere, a trailing one included, asks for the multi format
      multi: (params.id ?? "").includes(",") || (params.phone ?? "").includes(","),
    }),
};
