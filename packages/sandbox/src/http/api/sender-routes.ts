import { SENDER_STATES } from "smsc/protocol";
import type { SenderModeration, SenderView } from "../../core/book-types.js";
import type { Store } from "../../store/store.js";
import { HttpError } from "../http-types.js";
import { json } from "../respond.js";
import type { Router } from "../router.js";
import { API_PREFIX } from "./api-routes.js";

/** A sender name as the inspection API shows it. */
function present(v: SenderView, store: Store) {
  const r = v.record;
  return {
    id: r.id,
    login: store.accountById(r.accountId)?.login ?? "",
    sender: r.sender,
    digital: r.digital,
    state: v.state,
    stateName: SENDER_STATES[v.state].name,
    changedAt: new Date(v.changedAt).toISOString(),
    createdAt: new Date(r.createdAt).toISOString(),
    ...(r.approveAt !== null && r.decision === null && !r.digital
      ? { approveAt: new Date(r.approveAt).toISOString() }
      : {}),
    ...(r.codeSentAt !== null ? { codeSentAt: new Date(r.codeSentAt).toISOString() } : {}),
    details: r.details,
  };
}

/**
 * The moderator's routes (https://github.com/smsc-kz/smsc/blob/main/docs/inspection-api.md "Sender names"): `GET /api/v1/senders[?login=]` lists the names
 * with their state, `POST /api/v1/senders/:id/approve` and `…/reject` decide one now.
 */
export function registerSenderRoutes(router: Router, moderation: SenderModeration, store: Store): void {
  router.on("GET", `${API_PREFIX}/senders`, (req) => {
    const login = new URLSearchParams(req.query).get("login") || undefined;
    const account = login === undefined ? undefined : store.accountByLogin(login);
    if (login !== undefined && !account) throw new HttpError(404, `no account ${JSON.stringify(login)}`);
    return json(200, { senders: moderation.list(account?.id).map((v) => present(v, store)) });
  });
  for (const action of ["approve", "reject"] as const)
    router.on("POST", `${API_PREFIX}/senders/:id/${action}`, (req) => {
      const id = /^\d{1,15}$/.test(req.params.id!) ? Number(req.params.id) : Number.NaN;
      const v = Number.isFinite(id) ? moderation.decide(id, action === "approve") : undefined;
      if (!v) throw new HttpError(404, `no sender name ${req.params.id}`);
      return json(200, present(v, store));
    });
}
