import type { Command } from "../command.js";
import { balance } from "./balance.js";
import { cost } from "./cost.js";
import { send } from "./send.js";
import { status } from "./status.js";

/** Every command, by name. Add a command by adding its file and listing it here. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map(
  [send, cost, status, balance].map((c) => [c.name, c]),
);
