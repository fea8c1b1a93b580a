import type { SubclientSettings } from "../../client/index.js";
import type { SubclientStat } from "../../protocol/index.js";
import { type Command, num, str, type Values } from "../command.js";
import { UsageError } from "../errors.js";
import type { Style } from "../style.js";
import { actionOf, argument, blocks, lines } from "./action.js";

const ACTIONS = ["add", "update", "pay", "stats"] as const;

function settingsOf(values: Values): SubclientSettings {
  const s: SubclientSettings = {};
  const type = num(values, "type", (n) => Number.isInteger(n) && n >= 0 && n <= 4);
  if (type !== undefined) s.type = type as SubclientSettings["type"];
  const test = str(values, "test-mode");
  if (test !== undefined) {
    if (test !== "on" && test !== "off") throw new UsageError('--test-mode must be "on" or "off"');
    s.testMode = test === "on";
  }
  for (const [flag, key] of [
    ["email", "email"],
    ["phone", "phone"],
    ["full-name", "name"],
    ["sender", "sender"],
  ] as const) {
    const v = str(values, flag);
    if (v !== undefined) s[key] = v;
  }
  const extra = values.extra as string[] | undefined;
  if (extra?.length) s.extra = extra.join("&");
  return s;
}

/** `smsc subclients`: sub-clients of the account (users.php): create, change, pay, statistics. */
export const subclients: Command = {
  name: "subclients",
  summary: "sub-clients: add, update, pay (move money to one), stats",
  usage: "add <login> --user-password P | update <login> | pay <login> <sum> | stats [<login>]",
  flags: {
    "user-password": { type: "string", arg: "password", help: "the sub-client's password (add, update)" },
    "new-login": { type: "string", arg: "login", help: "rename the sub-client (update)" },
    type: {
      type: "string",
      arg: "0-4",
      help: "0 own tariff and balance … 4 additional login",
      complete: ["0", "1", "2", "3", "4"],
    },
    "test-mode": {
      type: "string",
      arg: "on|off",
      help: "virtual sends without payment (fl2[27])",
      complete: ["on", "off"],
    },
    email: { type: "string", arg: "address", help: "the sub-client's e-mail" },
    phone: { type: "string", arg: "phone", help: "the sub-client's phone" },
    "full-name": { type: "string", arg: "name", help: "the person's name (fio)" },
    sender: { type: "string", arg: "name", help: "default sender name" },
    extra: {
      type: "string",
      multiple: true,
      arg: "name=value",
      help: "any other users.php parameter (repeatable)",
    },
    start: { type: "string", arg: "DD.MM.YYYY", help: "stats from this day" },
    end: { type: "string", arg: "DD.MM.YYYY", help: "stats up to this day" },
    all: { type: "boolean", help: "stats with the main account's own line (get_stat_all)" },
  },
  notes: "pay moves money from this account to the sub-client; a negative sum takes it back.",
  fields: ["id", "login", "balance", "type", "sms", "credit", "debit", "currency"],
  examples: [
    "smsc subclients add shop1 --user-password s3cret --email shop1@example.kz",
    "smsc subclients pay shop1 500",
    "smsc subclients update shop1 --test-mode on",
    "smsc subclients stats --start 01.01.2026 --json login,sms,credit",
  ],
  completePositional: (typed) => (typed.length === 0 ? ACTIONS : []),
  async run({ values, positionals, client }) {
    const action = actionOf("subclients", positionals, ACTIONS);
    const smsc = await client();
    const login = () => argument("subclients", positionals, 1, "a login");
    switch (action) {
      case "add": {
        const password = str(values, "user-password");
        if (!password) throw new UsageError("subclients add needs --user-password");
        const user = login();
        return { login: user, ...(await smsc.subclients.add(user, password, settingsOf(values))) };
      }
      case "update": {
        const user = login();
        const newLogin = str(values, "new-login");
        const password = str(values, "user-password");
        return {
          login: newLogin ?? user,
          ...(await smsc.subclients.update(user, {
            ...settingsOf(values),
            ...(newLogin !== undefined ? { login: newLogin } : {}),
            ...(password !== undefined ? { password } : {}),
          })),
        };
      }
      case "pay": {
        const user = login();
        const sum = Number(argument("subclients", positionals, 2, "a sum"));
        if (!Number.isFinite(sum) || sum === 0)
          throw new UsageError(`subclients pay: "${positionals[2]}" is not a sum`);
        return { login: user, ...(await smsc.subclients.pay(user, sum)) };
      }
      case "stats":
        return smsc.subclients.stats({
          ...(positionals[1] !== undefined ? { user: positionals[1] } : {}),
          ...(str(values, "start") !== undefined ? { start: str(values, "start")! } : {}),
          ...(str(values, "end") !== undefined ? { end: str(values, "end")! } : {}),
          ...(values.all === true ? { all: true } : {}),
        });
    }
  },
  human: (r: SubclientStat[] | Record<string, unknown>, style: Style) =>
    Array.isArray(r) ? blocks(r, "no sub-clients") : `${style.green("done:")}\n${lines(r)}`,
};
