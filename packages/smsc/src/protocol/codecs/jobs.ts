import type { ErrorReply, Fmt } from "../types.js";
import { decodeWireRecord, decodeWireRecords, mapRecord, type WireRecordShape } from "./wire-records.js";

/** `rpt`, how often a mailing repeats (spec §3 jobs.php; 3 = every working day [INF from its constant's name]). */
export const JOB_REPEATS = {
  0: "none",
  1: "hourly",
  2: "daily",
  3: "workdays",
  4: "weekends",
  5: "weekly",
  6: "monthly",
  7: "yearly",
} as const;

/** A name of a repeat period. */
export type JobRepeat = (typeof JOB_REPEATS)[keyof typeof JOB_REPEATS];

/** The `rpt` code of a repeat name. */
export function jobRepeatCode(name: JobRepeat): number {
  return Number(Object.entries(JOB_REPEATS).find(([, n]) => n === name)![0]);
}

/** A mailing's `status` in jobs.php replies **[INF]**: waiting for its next run, done, or cancelled. */
export const JOB_STATUSES = {
  0: { name: "waiting", ru: "Ожидает отправки" },
  1: { name: "done", ru: "Завершена" },
  2: { name: "cancelled", ru: "Отключена" },
} as const;

/**
 * jobs.php get / get_all records **[INF]**: fmt=0 lines begin with the bare mailing id (a public client takes the id
 * from the start of each line, spec §3 [OBS]); the free texts name, phones and mes come last.
 */
export const JOB_SHAPE: WireRecordShape = {
  tag: "job",
  fields: [
    "id",
    "status",
    "status_name",
    "created",
    "time",
    "rpt",
    "rptn",
    "runs",
    "cnt",
    "cost",
    "sender",
    "name",
    "phones",
    "mes",
  ],
  bareFirst: true,
};

/** A mailing (jobs.php). Fields the service adds are kept under their wire names. */
export interface Mailing {
  id: number;
  name: string;
  /** 0 waiting, 1 done, 2 cancelled (JOB_STATUSES). */
  status: number;
  statusName?: string;
  /** When it was created, "DD.MM.YYYY hh:mm:ss" (Moscow time). */
  created?: string;
  /** When its next run is due, "DD.MM.YYYY hh:mm:ss"; "" when none is. */
  time?: string;
  /** `rpt`: 0 no repeat … 7 yearly (JOB_REPEATS). */
  repeat: number;
  /** `rptn`: how many repeats at most after the first run; absent: no limit. */
  repeats?: number;
  /** Runs made so far. */
  runs: number;
  /** Messages the runs produced. */
  cnt: number;
  /** What they cost. */
  cost: number;
  sender?: string;
  phones?: string;
  message?: string;
  [field: string]: unknown;
}

const MAP = {
  id: ["id", "number"],
  name: ["name", "string"],
  status: ["status", "number"],
  status_name: ["statusName", "string"],
  created: ["created", "string"],
  time: ["time", "string"],
  rpt: ["repeat", "number"],
  rptn: ["repeats", "number"],
  runs: ["runs", "number"],
  cnt: ["cnt", "number"],
  cost: ["cost", "number"],
  sender: ["sender", "string"],
  phones: ["phones", "string"],
  mes: ["message", "string"],
} as const;

const defaults = { id: 0, name: "", status: 0, repeat: 0, runs: 0, cnt: 0, cost: 0 };

/** Reads a jobs.php?get_all=1 reply (any format), or the error. */
export function decodeMailings(body: string, fmt: Fmt): Mailing[] | ErrorReply {
  const list = decodeWireRecords(body, JOB_SHAPE, fmt);
  if (!Array.isArray(list)) return list;
  return list.map((r) => ({ ...defaults, ...mapRecord<Mailing>(r, MAP) }));
}

/** Reads a jobs.php?get=1 reply (any format), or the error. */
export function decodeMailing(body: string, fmt: Fmt): Mailing | ErrorReply {
  const r = decodeWireRecord(body, JOB_SHAPE, fmt);
  return "error" in r ? r.error : { ...defaults, ...mapRecord<Mailing>(r.record, MAP) };
}
