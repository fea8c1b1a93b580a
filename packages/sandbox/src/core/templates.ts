import { MAX_MESSAGE_LENGTH, SCRIPT_LIMITS, TEMPLATE_FORMATS } from "smsc/protocol";
import type { Account } from "../store/records.js";
import type { Store } from "../store/store.js";
import type { StoredTemplate, TemplateFields } from "../store/templates.js";
import { apiError } from "./api-error.js";
import { answer, type Fate, refuse } from "./fate.js";
import type { Limits } from "./limits.js";
import { perMinuteLimit, requestKey } from "./request-limit.js";

export type { StoredTemplate } from "../store/templates.js";

/** What a templates.php request did. */
export type TemplatesOutcome =
  | { kind: "list"; templates: StoredTemplate[] }
  | { kind: "saved"; id: number }
  | { kind: "done" };

/** templates.php (spec §6.10): an account's message templates. */
export interface Templates {
  /** `get=1` lists, `add=1` creates, `chg=1&id=` changes, `del=1&id=` deletes (errors 1, 3, 5, 9). */
  serve(input: { account: Account; params: Record<string, string> }): Fate<TemplatesOutcome>;
  /** One of an account's templates by id or by name (jobs.php `tpl`). */
  find(accountId: number, idOrName: string): StoredTemplate | undefined;
}

const refuseT = (code: number) => refuse<TemplatesOutcome>(apiError(code, "templates"));

/** Code points, as the service counts a text's length. */
const length = (s: string) => [...s].length;

/** The fields a request sets; `undefined` for a bad value (error 1). */
function fieldsOf(p: Record<string, string>): Partial<TemplateFields> | undefined {
  const out: Partial<TemplateFields> = {};
  if (p.name !== undefined) {
    if (p.name.trim() === "") return undefined;
    out.name = p.name.trim();
  }
  if (p.msg !== undefined) {
    if (p.msg === "" || length(p.msg) > MAX_MESSAGE_LENGTH) return undefined;
    out.msg = p.msg;
  }
  if (p.format !== undefined) {
    if (!(TEMPLATE_FORMATS as readonly string[]).includes(p.format)) return undefined;
    out.format = p.format;
  }
  if (p.sender !== undefined) out.sender = p.sender;
  if (p["fl[1]"] !== undefined) out.autosign = p["fl[1]"] === "1";
  return out;
}

/** Creates the templates module. */
export function createTemplates(deps: { store: Store; clock: () => number; limits: Limits }): Templates {
  const { store, clock } = deps;
  const allow = perMinuteLimit(deps.limits, clock, SCRIPT_LIMITS.identicalTemplates);
  const idOf = (v: string | undefined) =>
    v !== undefined && /^\d{1,15}$/.test(v.trim()) ? Number(v) : undefined;

  return {
    serve({ account, params: p }) {
      const fields = fieldsOf(p);
      if (!fields) return refuseT(1);
      const command = ["add", "chg", "del", "get"].find((c) => p[c] === "1");
      if (command === undefined) return refuseT(1);
      const id = idOf(p.id);
      if ((command === "chg" || command === "del") && id === undefined) return refuseT(1);
      if (command === "add" && (fields.name === undefined || fields.msg === undefined)) return refuseT(1);
      if (!allow(requestKey("templates", account.id, p))) return refuseT(9);
      const t = store.templates;
      switch (command) {
        case "get": {
          const list = t.list(account.id);
          // an empty fmt=0/1 body reads as a failed request to the libraries: no templates is error 3
          return list.length ? answer({ kind: "list", templates: list }) : refuseT(3);
        }
        case "add": {
          const saved = t.add(
            account.id,
            { format: "", sender: "", autosign: false, ...fields } as TemplateFields,
            clock(),
          );
          return saved ? answer({ kind: "saved", id: saved.id }) : refuseT(5);
        }
        case "chg": {
          const r = t.change(account.id, id!, fields);
          return r === "missing"
            ? refuseT(3)
            : r === "taken"
              ? refuseT(5)
              : answer({ kind: "saved", id: r.id });
        }
        default:
          return t.remove(account.id, id!) ? answer({ kind: "done" }) : refuseT(3);
      }
    },
    find(accountId, idOrName) {
      const id = idOf(idOrName);
      const list = store.templates.list(accountId);
      return list.find((x) => x.id === id) ?? list.find((x) => x.name === idOrName.trim());
    },
  };
}
