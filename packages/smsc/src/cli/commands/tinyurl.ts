import type { TinyUrlStats } from "../../protocol/index.js";
import { type Command, str } from "../command.js";
import { UsageError } from "../errors.js";
import { fieldList } from "../json-fields.js";

/** `smsc tinyurl`: the clicks of a short link made by a `--tinyurl` send (tinyurls.php). */
export const tinyurl: Command = {
  name: "tinyurl",
  summary: "clicks of a short link (sent with --tinyurl): all, this month, today, yesterday",
  usage: "<link> | --id <id>",
  flags: {
    link: { type: "string", arg: "url", help: "the original link, or the first argument" },
    id: { type: "string", arg: "id", help: "the short link's id (the code at the end of its URL) instead" },
  },
  fields: fieldList<TinyUrlStats>()(["id", "cnt", "cntMon", "cntDay", "cntYes", "url", "link", "extra"]),
  examples: [
    "smsc tinyurl https://shop.example/sale",
    "smsc tinyurl --id k3Xa9Q --json cnt,cntDay",
    'smsc send 77011234567 "Sale: https://shop.example/sale" --tinyurl',
  ],
  async run({ values, positionals, client }) {
    const id = str(values, "id");
    const link = str(values, "link") ?? positionals[0];
    if ((id === undefined) === (link === undefined))
      throw new UsageError("tinyurl needs a link or --id (one of them)");
    return (await client()).tinyUrls.stats(id !== undefined ? { id } : { link: link! });
  },
  human: (r: TinyUrlStats, style) =>
    [
      `${style.bold(String(r.cnt))} clicks: ${r.cntMon} this month, ${r.cntDay} today, ${r.cntYes} yesterday`,
      ...(r.url ? [`short link: ${r.url}`] : []),
      ...(r.link ? [`goes to: ${r.link}`] : []),
    ].join("\n"),
};
