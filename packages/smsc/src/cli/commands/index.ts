import type { Command } from "../command.js";
import { balance } from "./balance.js";
import { completion } from "./completion.js";
import { config } from "./config.js";
import { cost } from "./cost.js";
import { del } from "./delete.js";
import { mailings } from "./mailings.js";
import { numbers } from "./numbers.js";
import { sandbox } from "./sandbox.js";
import { segments } from "./segments.js";
import { send } from "./send.js";
import { status } from "./status.js";
import { subclients } from "./subclients.js";
import { tail } from "./tail.js";
import { templates } from "./templates.js";
import { verify } from "./verify.js";

/** Every command, by name. Add a command by adding its file and listing it here. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map(
  [
    send,
    cost,
    status,
    balance,
    del,
    templates,
    mailings,
    subclients,
    numbers,
    segments,
    sandbox,
    tail,
    config,
    verify,
    completion,
  ].map((c) => [c.name, c]),
);
