import type { CostMode } from "./types.js";

/**
 * send.php's `cost` modes (spec §2.1, §2.4): whether the request sends, and which money fields the reply carries.
 * Mode 1 only prices the request and stores nothing.
 */
export const COST_MODES = {
  0: { sends: true, withCost: false, withBalance: false, doc: "send" },
  1: { sends: false, withCost: true, withBalance: false, doc: "price only, send nothing" },
  2: { sends: true, withCost: true, withBalance: false, doc: "send, and add the cost to the reply" },
  3: { sends: true, withCost: true, withBalance: true, doc: "send, and add the cost and the new balance" },
} as const satisfies Record<
  CostMode,
  { sends: boolean; withCost: boolean; withBalance: boolean; doc: string }
>;

/** The cost mode a `cost` parameter asks for; anything but 1, 2 or 3 is 0 (a plain send), as on the service. */
export function parseCostMode(v: string | undefined): CostMode {
  return v === "1" || v === "2" || v === "3" ? (Number(v) as CostMode) : 0;
}
