import type { JobRun, StoredJob } from "../store/jobs.js";
import type { Account } from "../store/records.js";
import type { Fate } from "./fate.js";

/** What a jobs.php request did. */
export type MailingsOutcome =
  | { kind: "saved"; id: number }
  | { kind: "done" }
  | { kind: "one"; job: StoredJob }
  | { kind: "list"; jobs: StoredJob[] };

/** jobs.php (spec §6.7): mailings, run by the sandbox's clock through the core's send path. */
export interface Mailings {
  /** `add=1`, `cancel=1&id=`, `del=1&id=`, `get=1&id=`, `get_all=1[&start=&end=]` (errors 1, 3, 5, 9). */
  serve(input: { account: Account; params: Record<string, string> }): Promise<Fate<MailingsOutcome>>;
}

/** A mailing as the inspection API shows it: its account and its runs. */
export type InspectedMailing = StoredJob & { login: string; history: JobRun[] };

/** The mailings' control surface (inspection API, tests). */
export interface MailingsControl {
  /** Makes every run and follow-up that is due by the clock now; resolves once their sends are stored. */
  run(): Promise<void>;
  /** Mailings newest first, with their runs (of one account when `login` is given). */
  list(filter?: { login?: string; limit?: number }): InspectedMailing[];
  /** Stops the timer. */
  close(): void;
}
