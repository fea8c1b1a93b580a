import type { Command } from "../command.js";
import { balance } from "./balance.js";
import { blacklist } from "./blacklist.js";
import { completion } from "./completion.js";
import { config } from "./config.js";
import { contacts } from "./contacts.js";
import { cost } from "./cost.js";
import { del } from "./delete.js";
import { documents } from "./documents.js";
import { groups } from "./groups.js";
import { history } from "./history.js";
import { inbox } from "./inbox.js";
import { mailings } from "./mailings.js";
import { notify } from "./notify.js";
import { numbers } from "./numbers.js";
import { opTemplates } from "./op-templates.js";
import { operator } from "./operator.js";
import { sandbox } from "./sandbox.js";
import { segments } from "./segments.js";
import { send } from "./send.js";
import { senders } from "./senders.js";
import { status } from "./status.js";
import { subclients } from "./subclients.js";
import { tail } from "./tail.js";
import { tariffs } from "./tariffs.js";
import { templates } from "./templates.js";
import { tinyurl } from "./tinyurl.js";
import { usage } from "./usage.js";
import { verify } from "./verify.js";
import { waitCall } from "./wait-call.js";

/** Every command, by name. Add a command by adding its file and listing it here. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map(
  [
    ...[send, cost, status, balance, del, segments, sandbox, tail, config, verify, completion],
    ...[history, inbox, usage, tariffs, operator, notify, waitCall, tinyurl],
    ...[contacts, groups, blacklist, senders, opTemplates, documents],
    ...[templates, mailings, subclients, numbers],
  ].map((c) => [c.name, c]),
);
