import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import { UsageError } from "../exit-codes.js";

/** Journal format version, in the header. */
export const JOURNAL_VERSION = 1;

/** First record: what the journal belongs to. A resume with other bytes or flags is refused. */
export interface HeaderRecord {
  type: "header";
  v: number;
  csv: string;
  flags: string;
  rows: number;
  batches: number;
  created: string;
}

/** Written and fsynced before a batch's request goes out. */
export interface PendingRecord {
  type: "pending";
  batch: number;
  id: string;
  rows: number[];
}

/** The batch was stored by the service (answered, or found through status.php). */
export interface DoneRecord {
  type: "done";
  batch: number;
  id: string;
  cnt: number;
  cost: number | null;
  /** Found through status.php after a crash or a lost reply rather than answered. */
  recovered: boolean;
  /** Rows of the batch the service did not take, with the reason. */
  refused: Array<{ row: number; reason: string }>;
}

/** The service refused the whole batch for good (invalid numbers, denied text …); nothing was sent. */
export interface FailedRecord {
  type: "failed";
  batch: number;
  id: string;
  code: number;
  reason: string;
}

/** The service refused the batch for a reason that may pass (no money, auth, IP block); nothing was sent. */
export interface UnsentRecord {
  type: "unsent";
  batch: number;
  id: string;
  code: number;
  reason: string;
}

/** Any journal record. */
export type JournalRecord = HeaderRecord | PendingRecord | DoneRecord | FailedRecord | UnsentRecord;

/** The last word on each batch, read back from a journal. */
export interface JournalState {
  header?: HeaderRecord;
  batches: Map<number, PendingRecord | DoneRecord | FailedRecord | UnsentRecord>;
}

/**
 * An append-only NDJSON journal. Every record is written with one write() and fsynced before append() returns,
 * so a record either is on disk or was never acted on. A torn last line (a crash mid-write) is cut off on open.
 */
export class Journal {
  readonly #fd: number;
  readonly path: string;

  private constructor(path: string, fd: number) {
    this.path = path;
    this.#fd = fd;
  }

  /** Reads a journal file (missing → empty state). A torn final line is ignored. */
  static read(path: string): JournalState {
    const state: JournalState = { batches: new Map() };
    if (!existsSync(path)) return state;
    const text = readFileSync(path, "utf8");
    const lines = text.split("\n");
    // the part after the last "\n" is either empty or a torn write
    lines.pop();
    for (const [i, line] of lines.entries()) {
      let rec: JournalRecord;
      try {
        rec = JSON.parse(line) as JournalRecord;
      } catch {
        throw new UsageError(`journal ${path}: line ${i + 1} is not JSON; it was not written by smsc`);
      }
      if (rec.type === "header") state.header = rec;
      else state.batches.set(rec.batch, rec);
    }
    return state;
  }

  /** Opens for appending, cutting a torn last line off first. */
  static open(path: string): Journal {
    const fd = openSync(path, "a+");
    if (existsSync(path)) {
      const text = readFileSync(path);
      const end = text.lastIndexOf(0x0a) + 1;
      if (end < text.length) {
        ftruncateSync(fd, end);
        fsyncSync(fd);
      }
    }
    return new Journal(path, fd);
  }

  /** Appends one record and waits until it is on disk. */
  append(record: JournalRecord): void {
    writeSync(this.#fd, `${JSON.stringify(record)}\n`);
    fsyncSync(this.#fd);
  }

  close(): void {
    closeSync(this.#fd);
  }
}
