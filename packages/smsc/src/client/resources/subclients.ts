import {
  decodeSubclientStats,
  decodeWireRecord,
  SUBCLIENT_STAT_SHAPE,
  type SubclientStat,
  TEST_MODE_FLAG,
  wireNumber,
} from "../../protocol/index.js";
import { InvalidOptionError, NotFoundError } from "../errors.js";
import type { RequestOptions } from "../options.js";
import { extraFields } from "../send-fields.js";
import type { Transport } from "../transport.js";
import { writeCall } from "./write-call.js";

export type { SubclientStat } from "../../protocol/index.js";

/** A sub-client's settings (users.php add=1 / chg=1). */
export interface SubclientSettings {
  /** `type`: 0 own tariff and balance, 1 main tariff + own balance, 2 main tariff and balance, 3 main balance + own tariff, 4 an additional login. @default 0 */
  type?: 0 | 1 | 2 | 3 | 4;
  /** `fl2[27]`: test mode, virtual sends without payment. */
  testMode?: boolean;
  email?: string;
  phone?: string;
  /** `fio`: the person's name. */
  name?: string;
  sender?: string;
  /** Any other users.php parameter, by wire name: `{ "fl[10]": "1", url: "https://…" }` or "a=1&b=2". */
  extra?: Readonly<Record<string, string | number>> | string;
}

/** users.php: sub-clients, accounts of their own under this one (https://github.com/smsc-kz/smsc/blob/main/docs/sdk.md "Sub-clients"). */
export interface Subclients {
  /** Creates a sub-client. SaveFailedError (code 8) when the login is taken. Not retried. */
  add(
    login: string,
    password: string,
    settings?: SubclientSettings,
    options?: RequestOptions,
  ): Promise<{ id: number }>;
  /** Changes a sub-client; `login` and `password` here are new ones. NoSuchSubclientError (6) for an unknown login. */
  update(
    user: string,
    changes: SubclientSettings & { login?: string; password?: string },
    options?: RequestOptions,
  ): Promise<{ id: number }>;
  /**
   * Moves `sum` from this account to the sub-client (a negative sum takes it back); resolves with the sub-client's
   * new balance. NoMoneyError (code 10) when the money is not there, SharedBalanceError (7) for types 2–4. Not retried.
   */
  pay(user: string, sum: number, options?: RequestOptions): Promise<{ balance: number }>;
  /** Statistics per sub-client (or of one): messages, money spent and received, balance. None: an empty list. */
  stats(
    query?: { user?: string; start?: string; end?: string; all?: boolean },
    options?: RequestOptions,
  ): Promise<SubclientStat[]>;
}

function settingFields(s: SubclientSettings): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (s.type !== undefined) {
    if (![0, 1, 2, 3, 4].includes(s.type)) throw new InvalidOptionError("subclients.type", "must be 0…4");
    out.push(["type", String(s.type)]);
  }
  if (s.testMode !== undefined) out.push([TEST_MODE_FLAG, s.testMode ? "1" : "0"]);
  if (s.email !== undefined) out.push(["email", s.email]);
  if (s.phone !== undefined) out.push(["phone", s.phone]);
  if (s.name !== undefined) out.push(["fio", s.name]);
  if (s.sender !== undefined) out.push(["sender", s.sender]);
  if (s.extra !== undefined) out.push(...extraFields(s.extra, "subclients.extra"));
  return out;
}

const field = (name: string) => (body: string) => {
  const r = decodeWireRecord(body, SUBCLIENT_STAT_SHAPE, 3);
  return "error" in r ? r.error : (wireNumber(r.record[name]) ?? 0);
};

/** The sub-clients resource over the transport. */
export function subclientsResource(t: Transport): Subclients {
  return {
    add: async (login, password, settings = {}, options) => ({
      id: await writeCall(
        t,
        "users",
        [["add", "1"], ["user", login], ["password", password], ...settingFields(settings)],
        field("id"),
        options,
      ),
    }),
    async update(user, { login, password, ...settings }, options) {
      const fields: Array<[string, string]> = [
        ["chg", "1"],
        ["user", user],
      ];
      if (login !== undefined) fields.push(["new_login", login]);
      if (password !== undefined) fields.push(["password", password]);
      return {
        id: await writeCall(t, "users", [...fields, ...settingFields(settings)], field("id"), options),
      };
    },
    async pay(user, sum, options) {
      if (!Number.isFinite(sum) || sum === 0)
        throw new InvalidOptionError("subclients.pay.sum", "must be a non-zero number");
      const fields: Array<[string, string]> = [
        ["pay", "1"],
        ["user", user],
        ["sum", String(sum)],
      ];
      return { balance: await writeCall(t, "users", fields, field("balance"), options) };
    },
    async stats(query = {}, options) {
      const fields: Array<[string, string]> = [[query.all ? "get_stat_all" : "get_stat", "1"]];
      if (query.user !== undefined) fields.push(["user", query.user]);
      if (query.start !== undefined) fields.push(["start", query.start]);
      if (query.end !== undefined) fields.push(["end", query.end]);
      try {
        return await t.read("users", fields, (b) => decodeSubclientStats(b, 3), options);
      } catch (e) {
        if (e instanceof NotFoundError) return [];
        throw e;
      }
    },
  };
}
