import {
  ENDPOINTS,
  encodeWireRecord,
  encodeWireRecords,
  formatWireDate,
  JOB_SHAPE,
  JOB_STATUSES,
  moneyJson,
  moneyText,
  type WireRecord,
} from "smsc/protocol";
import type { MailingsOutcome, StoredJob } from "../../core/mailings.js";
import type { SysScript } from "./sys-script.js";

const date = (ms: number) => formatWireDate(Math.floor(ms / 1000));

/** A mailing as jobs.php get and get_all write it (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Mailings"). */
export function mailingRecord(j: StoredJob, json: boolean): WireRecord {
  return {
    id: j.id,
    status: j.status,
    status_name: JOB_STATUSES[j.status as keyof typeof JOB_STATUSES]?.name ?? "",
    created: date(j.createdAt),
    time: j.nextAt !== undefined ? date(j.nextAt) : "",
    rpt: j.rpt,
    ...(j.rptn !== undefined ? { rptn: j.rptn } : {}),
    runs: j.runs,
    cnt: j.cnt,
    cost: json ? moneyJson(j.cost) : moneyText(j.cost),
    sender: j.params.sender ?? "",
    name: j.name,
    phones:
      j.params.phones ??
      (j.params.list ?? "")
        .split(/\r?\n/)
        .map((l) => l.split(":")[0])
        .join(","),
    mes: j.params.mes ?? "",
  };
}

/** jobs.php (spec §6.7): create, cancel, delete, get and list mailings; their runs are the core's sends. */
export const jobsScript: SysScript<MailingsOutcome> = {
  path: ENDPOINTS.jobs,
  table: "jobs",
  serve: (core, { account, params }) => core.mailings.serve({ account, params }),
  encode(outcome, { fmt }) {
    switch (outcome.kind) {
      case "list":
        return encodeWireRecords(
          outcome.jobs.map((j) => mailingRecord(j, fmt === 3)),
          JOB_SHAPE,
          fmt,
        );
      case "one":
        return encodeWireRecord(mailingRecord(outcome.job, fmt === 3), JOB_SHAPE, fmt);
      case "saved":
        return encodeWireRecord({ id: outcome.id }, JOB_SHAPE, fmt);
      default:
        return encodeWireRecord({ result: "OK" }, { ...JOB_SHAPE, bareFirst: false }, fmt);
    }
  },
};
