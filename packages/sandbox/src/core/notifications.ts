import type { Store } from "../store/store.js";
import type { TaskGroup } from "../store/task-groups.js";
import { apiError } from "./api-error.js";
import { answer, refuse } from "./fate.js";
import { intParam } from "./report-params.js";
import type { Sends } from "./sends.js";
import type { Account, Core } from "./types.js";

export type { TaskGroup } from "../store/task-groups.js";

/** A task group to create at start-up (`startSandbox({ taskGroups })`, `--task-group`). */
export interface TaskGroupSeed {
  id: number;
  /** Recipients: numbers as send.php takes them (a comma list or an array). */
  phones: string | readonly string[];
  /** @default DEFAULT_TEMPLATES.failure */
  failure?: string;
  /** @default DEFAULT_TEMPLATES.recovery */
  recovery?: string;
  /** @default the account's sender */
  sender?: string;
}

type Notify = Core["notifications"];

/** The texts of a group created without its own: `{NAME}`, `{HOST}` and `{INFO}` are the request's values. */
export const DEFAULT_TEMPLATES = {
  failure: "Problem: {NAME} {HOST} {INFO}",
  recovery: "Recovered: {NAME} {HOST} {INFO}",
} as const;

/**
 * Event notifications: ping.php (api-surface §11) sends a task group's failure (`ok=0`) or recovery (`ok=1`)
 * text to the group's numbers, through send.php's rules (validation, price, limits, storage, the lifecycle).
 */
export interface Notifications extends Notify {
  /** Creates or replaces a task group of an account. */
  setGroup(account: Account, seed: TaskGroupSeed): TaskGroup;
  /** The account's task groups. */
  groups(account: Account): TaskGroup[];
}

/** Creates the notifications module over the sends module. */
export function createNotifications(deps: { store: Store; sends: Sends }): Notifications {
  const { store, sends } = deps;
  return {
    async notify({ account, params }) {
      const id = intParam(params.id);
      const ok = params.ok?.trim() ?? "";
      // an unknown group is a parameter in error: the id is the one parameter the script needs
      const group = typeof id === "number" ? store.taskGroups.get(account.id, id) : undefined;
      if (!group || !["", "0", "1"].includes(ok)) return refuse(apiError(1, "ping"));
      const text = (ok === "1" ? group.recovery : group.failure)
        .replaceAll("{NAME}", params.name ?? "")
        .replaceAll("{HOST}", params.host ?? "")
        .replaceAll("{INFO}", params.info ?? "")
        .replace(/[ \t]+/g, " ")
        .trim();
      const fate = await sends.send({
        account,
        params: {
          phones: group.phones,
          mes: text,
          ...(group.sender !== undefined ? { sender: group.sender } : {}),
        },
        origin: "http",
      });
      if (fate.kind === "error" || fate.kind === "lose-request") return fate;
      if (fate.value.kind !== "sent") return refuse(apiError(1, "ping"));
      const { id: sendId, cnt } = fate.value.reply;
      return fate.kind === "answer"
        ? answer({ id: sendId, cnt }, fate.afterMs ?? 0)
        : { kind: "lose-reply", value: { id: sendId, cnt } };
    },
    setGroup(account, seed) {
      if (!Number.isSafeInteger(seed.id) || seed.id < 1)
        throw new TypeError("task group id must be a positive integer");
      const phones = typeof seed.phones === "string" ? seed.phones : seed.phones.join(",");
      if (phones.trim() === "") throw new TypeError(`task group ${seed.id} needs at least one phone`);
      const group: TaskGroup = {
        id: seed.id,
        phones,
        failure: seed.failure ?? DEFAULT_TEMPLATES.failure,
        recovery: seed.recovery ?? DEFAULT_TEMPLATES.recovery,
        ...(seed.sender !== undefined ? { sender: seed.sender } : {}),
      };
      store.taskGroups.put(account.id, group);
      return group;
    },
    groups: (account) => store.taskGroups.list(account.id),
  };
}
