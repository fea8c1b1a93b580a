import { SCRIPT_LIMITS, sharesMainBalance, TEST_MODE_FLAG } from "smsc/protocol";
import type { Account } from "../store/records.js";
import { toMinor } from "../store/rows.js";
import type { Store } from "../store/store.js";
import type { AccountStats } from "../store/subclients.js";
import { apiError } from "./api-error.js";
import { answer, type Fate, refuse } from "./fate.js";
import type { Limits } from "./limits.js";
import { DAY_MS, parseDay } from "./repeat-schedule.js";
import { perMinuteLimit } from "./request-limit.js";

/** One sub-client's line of users.php?get_stat=1. */
export type SubclientStatLine = AccountStats & { account: Account };

/** What a users.php request did. */
export type SubclientsOutcome =
  | { kind: "saved"; id: number }
  | { kind: "paid"; balance: number }
  | { kind: "stats"; lines: SubclientStatLine[] };

/** users.php (spec §6.11): sub-clients, each an account of its own under the main account. */
export interface Subclients {
  /** `add=1`, `chg=1`, `pay=1`, `get_stat=1` (and `get_stat_all=1`, with the main account's own line). */
  serve(input: { account: Account; params: Record<string, string> }): Fate<SubclientsOutcome>;
}

/** Logins a sub-client may have **[INF]**: Latin letters, digits and `._-@`, up to 50. */
const LOGIN = /^[A-Za-z0-9._@-]{1,50}$/;

/** Parameters that are commands or credentials, not a sub-client's settings. */
const NOT_SETTINGS = new Set([
  "login",
  "psw",
  "apikey",
  "fmt",
  "charset",
  "add",
  "chg",
  "pay",
  "user",
  "password",
  "pswc",
  "new_login",
  "type",
  "sum",
  TEST_MODE_FLAG,
]);

function settingsOf(p: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(p).filter(([k]) => !NOT_SETTINGS.has(k)));
}

/** Creates the sub-clients module. */
export function createSubclients(deps: { store: Store; clock: () => number; limits: Limits }): Subclients {
  const { store, clock } = deps;
  const allow = perMinuteLimit(deps.limits, clock, SCRIPT_LIMITS.subclientChanges);
  const refuseU = (code: number) => refuse<SubclientsOutcome>(apiError(code, "users"));
  const childOf = (parent: Account, login: string | undefined) => {
    const a = login === undefined ? undefined : store.accountByLogin(login.trim());
    return a && a.parentId === parent.id ? a : undefined;
  };
  const typeOf = (v: string | undefined): number | undefined | null =>
    v === undefined || v.trim() === "" ? undefined : /^[0-4]$/.test(v.trim()) ? Number(v) : null;
  const flagOf = (v: string | undefined): boolean | undefined | null =>
    v === undefined || v === "" ? undefined : v === "1" ? true : v === "0" ? false : null;

  function add(parent: Account, p: Record<string, string>): Fate<SubclientsOutcome> {
    const login = p.user?.trim() ?? "";
    const type = typeOf(p.type);
    const testMode = flagOf(p[TEST_MODE_FLAG]);
    if (!LOGIN.test(login) || !p.password || type === null || testMode === null) return refuseU(1);
    if (!allow(`users:add:${parent.id}`)) return refuseU(9);
    const child = store.money.createChild(
      {
        login,
        password: p.password,
        balance: 0,
        currency: parent.currency,
        credit: 0,
        sender: p.sender ?? parent.sender,
        parentId: parent.id,
        type: type ?? 0,
        testMode: testMode ?? false,
      },
      (id) => store.subclients.saveSettings(id, settingsOf(p)),
    );
    return child ? answer({ kind: "saved", id: child.id }) : refuseU(8);
  }

  function change(parent: Account, p: Record<string, string>): Fate<SubclientsOutcome> {
    const type = typeOf(p.type);
    const testMode = flagOf(p[TEST_MODE_FLAG]);
    const newLogin = p.new_login?.trim();
    if (!p.user?.trim() || type === null || testMode === null) return refuseU(1);
    if (newLogin !== undefined && newLogin !== "" && !LOGIN.test(newLogin)) return refuseU(1);
    const child = childOf(parent, p.user);
    if (!child) return refuseU(6);
    if (!allow(`users:chg:${child.id}`)) return refuseU(9);
    const updated = store.money.update(child.id, {
      ...(newLogin ? { login: newLogin } : {}),
      ...(p.password ? { password: p.password } : {}),
      ...(type !== undefined ? { type } : {}),
      ...(testMode !== undefined ? { testMode } : {}),
    });
    if (!updated) return refuseU(8);
    const settings = settingsOf(p);
    if (Object.keys(settings).length) store.subclients.saveSettings(child.id, settings);
    return answer({ kind: "saved", id: child.id });
  }

  function pay(parent: Account, p: Record<string, string>): Fate<SubclientsOutcome> {
    const sum = p.sum?.trim() ? Number(p.sum.trim().replace(",", ".")) : Number.NaN;
    if (!p.user?.trim() || !Number.isFinite(sum) || toMinor(sum) === 0) return refuseU(1);
    const child = childOf(parent, p.user);
    if (!child) return refuseU(6);
    if (sharesMainBalance(child.type ?? 0)) return refuseU(7);
    if (!allow(`users:chg:${child.id}`)) return refuseU(9);
    const minor = toMinor(sum);
    const at = clock();
    // a negative sum takes money back from the sub-client to the main account
    const ok =
      minor > 0
        ? store.money.transfer(parent.id, child.id, minor, () =>
            store.subclients.recordPayment(parent.id, child.id, minor, at),
          )
        : store.money.transfer(child.id, parent.id, -minor, () =>
            store.subclients.recordPayment(parent.id, child.id, minor, at),
          );
    if (!ok) return refuseU(10);
    return answer({ kind: "paid", balance: store.accountById(child.id)!.balance });
  }

  function stats(parent: Account, p: Record<string, string>, withMain: boolean): Fate<SubclientsOutcome> {
    const from = p.start?.trim() ? parseDay(p.start) : undefined;
    const to = p.end?.trim() ? parseDay(p.end) : undefined;
    if ((p.start?.trim() && from === undefined) || (p.end?.trim() && to === undefined)) return refuseU(1);
    let accounts = store.subclients.children(parent.id);
    if (p.user?.trim()) {
      const one = childOf(parent, p.user);
      if (!one) return refuseU(6);
      accounts = [one];
    } else if (withMain) accounts = [parent, ...accounts];
    const period = {
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to: to + DAY_MS } : {}),
    };
    const lines = accounts.map((account) => ({
      account,
      ...store.subclients.accountStats(account.id, period),
    }));
    // an empty fmt=0/1 body reads as a failed request to the libraries: no sub-clients is error 3
    return lines.length ? answer({ kind: "stats", lines }) : refuseU(3);
  }

  return {
    serve({ account, params: p }) {
      if (p.add === "1") return add(account, p);
      if (p.chg === "1") return change(account, p);
      if (p.pay === "1") return pay(account, p);
      if (p.get_stat === "1") return stats(account, p, false);
      if (p.get_stat_all === "1") return stats(account, p, true);
      return refuseU(1);
    },
  };
}
