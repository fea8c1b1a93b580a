import { JOB_REPEATS, JOB_STATUSES } from "smsc/protocol";
import type { InspectedMailing } from "../../core/mailings.js";

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** A mailing as GET /api/v1/mailings shows it: its settings, its progress and every run (https://github.com/smsc-kz/smsc/blob/main/docs/inspection-api.md). */
export function presentMailing(m: InspectedMailing) {
  return {
    id: m.id,
    login: m.login,
    name: m.name,
    status: JOB_STATUSES[m.status as keyof typeof JOB_STATUSES]?.name ?? String(m.status),
    repeat: JOB_REPEATS[m.rpt as keyof typeof JOB_REPEATS] ?? String(m.rpt),
    repeats: m.rptn ?? null,
    createdAt: iso(m.createdAt),
    firstAt: iso(m.firstAt),
    nextAt: iso(m.nextAt),
    runs: m.runs,
    messages: m.cnt,
    cost: m.cost,
    phones: m.params.phones ?? null,
    text: m.params.mes ?? null,
    sender: m.params.sender ?? null,
    fallback: m.follow ?? null,
    params: m.params,
    history: m.history.map((r) => ({
      run: r.run,
      kind: r.kind,
      at: iso(r.at),
      messages: r.cnt,
      cost: r.cost,
      sendId: r.sendId ?? null,
      error: r.error ?? null,
    })),
  };
}
