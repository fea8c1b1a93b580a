import type { Command } from "../command.js";
import { balance } from "./balance.js";
import { completion } from "./completion.js";
import { config } from "./config.js";
import { cost } from "./cost.js";
import { del } from "./delete.js";
import { sandbox } from "./sandbox.js";
import { segments } from "./segments.js";
import { send } from "./send.js";
import { status } from "./status.js";
import { tail } from "./tail.js";
import { tinyurl } from "./tinyurl.js";
import { verify } from "./verify.js";
import { waitCall } from "./wait-call.js";

/** Every command, by name. Add a command by adding its file and listing it here. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map(
  [
    send,
    cost,
    status,
    balance,
    del,
    waitCall,
    tinyurl,
    segments,
    sandbox,
    tail,
    config,
    verify,
    completion,
  ].map((c) => [c.name, c]),
);
