import type { TariffZone } from "../../protocol/index.js";
import type { Command } from "../command.js";
import { fieldList } from "../json-fields.js";

/** `smsc tariffs`: the account's prices per tariff zone (get.php?get_price). */
export const tariffs: Command = {
  name: "tariffs",
  summary: "prices per tariff zone: SMS, MMS, HLR, voice, Viber (get.php get_price)",
  usage: "",
  flags: {},
  fields: fieldList<TariffZone>()(["zone", "name", "api", "mass", "mms", "hlr", "call", "viber", "extra"]),
  examples: ["smsc tariffs", "smsc tariffs --json name,api"],
  run: async ({ client }) => (await client()).billing.tariffs(),
  human: (zones: TariffZone[], style) =>
    [
      style.bold(
        `${"zone".padEnd(5)} ${"name".padEnd(22)} ${["sms", "mass", "mms", "hlr", "call", "viber"].map((h) => h.padStart(8)).join("")}`,
      ),
      ...zones.map(
        (z) =>
          `${String(z.zone).padEnd(5)} ${z.name.padEnd(22)} ${[z.api, z.mass, z.mms, z.hlr, z.call, z.viber ?? 0].map((p) => p.toFixed(2).padStart(8)).join("")}`,
      ),
    ].join("\n"),
};
