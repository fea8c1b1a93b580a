import { readFileSync } from "node:fs";
import { buildSendFields, type SendResult } from "../../client/index.js";
import { CsvError, decodeCsv, parseCsv } from "../bulk/csv.js";
import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, PHONE_COLUMNS, planBulk, TEXT_COLUMNS } from "../bulk/plan.js";
import { type BulkReport, DEFAULT_CONCURRENCY, MAX_CONCURRENCY, runBulk } from "../bulk/run-bulk.js";
import { type Command, type CommandContext, num, str } from "../command.js";
import { UsageError } from "../errors.js";
import { fieldList } from "../json-fields.js";
import type { Style } from "../style.js";
import { MESSAGE_FLAGS, messageClient, messageOptionsFrom, sendParamsFrom } from "./message-flags.js";

/** `smsc send`: sends a message, or a whole mailing from a CSV file. */
export const send: Command = {
  name: "send",
  summary: "send a message, or a mailing from a CSV file (--csv)",
  usage: "[<phones> <message…>] [flags]",
  flags: {
    ...MESSAGE_FLAGS,
    id: { type: "string", arg: "id", help: "your message id (one is generated otherwise)" },
    csv: {
      type: "string",
      arg: "file",
      help: "one message per row; resumable, never sends a row twice",
      section: "Mailing from CSV (docs/cli.md):",
      complete: "file",
    },
    "phone-column": {
      type: "string",
      arg: "name",
      help: `phone column (default: the first of ${PHONE_COLUMNS.join(", ")})`,
    },
    "text-column": {
      type: "string",
      arg: "name",
      help: `text column (default: the first of ${TEXT_COLUMNS.join(", ")})`,
    },
    template: {
      type: "string",
      arg: "text",
      help: "the text, with {column} filled from each row ({{ and }} for braces)",
    },
    delimiter: { type: "string", arg: "c", help: "field delimiter (default: detected among , ; and tab)" },
    encoding: {
      type: "string",
      arg: "name",
      help: "the file's encoding: utf-8 (default), windows-1251, koi8-r",
      complete: ["utf-8", "windows-1251", "koi8-r"],
    },
    journal: {
      type: "string",
      arg: "file",
      help: "progress journal (default <csv>.journal); rerun the same command to resume",
      complete: "file",
    },
    "batch-size": {
      type: "string",
      arg: "n",
      help: `rows per request via send.php's list (default ${DEFAULT_BATCH_SIZE}, at most ${MAX_BATCH_SIZE})`,
    },
    concurrency: {
      type: "string",
      arg: "n",
      help: `requests at once (default ${DEFAULT_CONCURRENCY}, at most ${MAX_CONCURRENCY}: the service's limit)`,
    },
    rate: {
      type: "string",
      arg: "n",
      help: "at most n requests per second (default: no cap beyond --concurrency)",
    },
    "dry-run": {
      type: "boolean",
      help: "only price it: the service's cost (nothing sent) and the offline estimate",
    },
  },
  // one message: SendResult; --csv: the BulkReport
  fields: [
    ...new Set([
      ...fieldList<SendResult>()(["id", "cnt", "cost", "balance", "phones", "code", "recovered"]),
      ...fieldList<BulkReport>()([
        "file",
        "journal",
        "dryRun",
        "complete",
        "interrupted",
        "rows",
        "sent",
        "failed",
        "remaining",
        "parts",
        "cost",
        "batches",
        "failures",
        "stopped",
        "estimate",
      ]),
    ]),
  ],
  examples: [
    'smsc send 77011234567 "Your code: 1234" --sender Shop',
    'smsc send --to 77011234567 --to 77017654321 -m "Привет" --translit 1 --format flash --time +60',
    "smsc send 77011234567 code --format call --voice w   # a voice code: the result has its code",
    'smsc send 77011234567 "Sale: https://shop.example/sale" --tinyurl --rest',
    "smsc send --csv customers.csv --text-column message",
    "smsc send --csv customers.csv --template 'Hi {name}, your order {order} is ready' --sender Shop",
    "smsc send --csv customers.csv --template 'Hi {name}' --dry-run",
    "smsc send --csv customers.csv --template 'Hi {name}'   # again after Ctrl-C or a crash: resumes",
  ],
  handlesSignals: (values) => values.csv !== undefined,
  async run(ctx) {
    const { values, positionals, client } = ctx;
    if (str(values, "csv") !== undefined) return bulk(ctx);
    for (const f of [
      "template",
      "phone-column",
      "text-column",
      "journal",
      "batch-size",
      "dry-run",
      "rate",
      "concurrency",
    ])
      if (values[f] !== undefined) throw new UsageError(`--${f} needs --csv`);
    const params = sendParamsFrom(values, positionals);
    const id = str(values, "id");
    if (id !== undefined) params.id = /^\d+$/.test(id) ? Number(id) : id;
    return (await messageClient(values, client)).send(params);
  },
  human: (r: SendResult | BulkReport, style) => ("rows" in r ? bulkHuman(r, style) : sendHuman(r, style)),
};

function sendHuman(r: SendResult, style: Style): string {
  return (
    `${style.green("sent:")} id ${r.id}, ${r.cnt} SMS` +
    (r.cost !== undefined ? `, cost ${r.cost}` : "") +
    (r.balance !== undefined ? `, balance ${r.balance}` : "") +
    (r.code !== undefined ? `, code ${style.bold(r.code)}` : "") +
    (r.recovered ? " (reply was lost; confirmed through status)" : "")
  );
}

async function bulk(ctx: CommandContext): Promise<BulkReport> {
  const { values, positionals, io, json, signal } = ctx;
  const file = str(values, "csv")!;
  if (
    positionals.length ||
    values.to !== undefined ||
    values.message !== undefined ||
    values.id !== undefined
  )
    throw new UsageError(
      "--csv takes phones and texts from the file: drop the phones, --to, --message and --id",
    );
  const batchSize =
    num(values, "batch-size", (n) => Number.isInteger(n) && n >= 1 && n <= MAX_BATCH_SIZE) ??
    DEFAULT_BATCH_SIZE;
  const concurrency =
    num(values, "concurrency", (n) => Number.isInteger(n) && n >= 1 && n <= MAX_CONCURRENCY) ??
    DEFAULT_CONCURRENCY;
  const rate = num(values, "rate", (n) => n > 0) ?? 0;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const encoding = str(values, "encoding") ?? "utf-8";
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(decodeCsv(bytes, encoding), str(values, "delimiter")?.replace(/^\\t$|^tab$/, "\t"));
  } catch (e) {
    if (e instanceof CsvError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
  const message = messageOptionsFrom(values);
  // the SDK checks the message flags the same way for every batch: fail now, before a journal exists
  buildSendFields({ ...message, phones: "", message: "" });
  const plan = planBulk({
    csv: bytes,
    table,
    ...(str(values, "phone-column") !== undefined ? { phoneColumn: str(values, "phone-column") } : {}),
    ...(str(values, "text-column") !== undefined ? { textColumn: str(values, "text-column") } : {}),
    ...(str(values, "template") !== undefined ? { template: str(values, "template") } : {}),
    batchSize,
    encoding,
    message,
  });
  const smsc = await messageClient(values, ctx.client);
  const tty = !json && io.stderr.isTTY === true;
  const { report, exitCode } = await runBulk({
    client: smsc,
    plan,
    file,
    journalPath: str(values, "journal") ?? `${file}.journal`,
    message,
    concurrency,
    rate,
    dryRun: values["dry-run"] === true,
    signal,
    ...(tty ? { progress: io.stderr, progressStyle: ctx.style.err } : {}),
  });
  ctx.setExitCode(exitCode);
  return report;
}

function bulkHuman(r: BulkReport, style: Style): string {
  const lines: string[] = [];
  if (r.dryRun && r.estimate) {
    lines.push(
      `dry run, nothing sent: ${r.rows} rows in ${r.batches.total} requests`,
      `service price: ${r.estimate.serviceCost} for ${r.estimate.serviceParts} SMS`,
      `offline estimate: ${r.estimate.parts} parts (${r.estimate.gsm7Rows} rows GSM-7, ${r.estimate.ucs2Rows} rows UCS-2)`,
    );
  } else {
    lines.push(
      `${r.complete ? style.green("done:") : style.yellow(r.interrupted ? "interrupted:" : "stopped:")} sent ${r.sent} of ${r.rows} rows, ${r.parts} SMS, cost ${r.cost}` +
        (r.batches.recovered
          ? ` (${r.batches.recovered} requests confirmed through status after an interruption)`
          : ""),
    );
    if (r.remaining)
      lines.push(`${r.remaining} rows left: run the same command again to resume from ${r.journal}`);
    if (r.stopped) lines.push(`stopped by ${r.stopped.name}: ${r.stopped.message}`);
  }
  if (r.failures.length) {
    lines.push(style.red(`failed: ${r.failures.length}`));
    for (const f of r.failures.slice(0, 50))
      lines.push(`  row ${f.row} (line ${f.line}) ${f.phone || "-"}: ${f.reason}`);
    if (r.failures.length > 50) lines.push(`  … ${r.failures.length - 50} more (--json lists all)`);
  }
  return lines.join("\n");
}
