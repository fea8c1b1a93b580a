import type { SendErrorCode } from "../error-codes.js";
import { SMPP_STATUS } from "./constants.js";

/** The first command_status SMPP 3.4 reserves for SMSC vendor errors (§5.1.3: 0x400–0x4FF). */
export const VENDOR_STATUS_BASE = 0x400;

/**
 * The command_status a submit_sm gets for each send.php error (spec §3.1). Where SMPP 3.4 has a code that says
 * the same thing it is used (7 invalid number → ESME_RINVDSTADR, 5 bad date → ESME_RINVSCHED, 9 duplicate or
 * flood → ESME_RTHROTTLED, "try later"); the others become vendor codes 0x400 + the service's code, so a client
 * can still tell "no money" (0x403) from "prohibited" (0x406). Our choice: the service's list is not public
 * (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "SMPP").
 */
export const SEND_ERROR_STATUS = {
  1: VENDOR_STATUS_BASE + 1,
  2: SMPP_STATUS.ESME_RINVPASWD,
  3: VENDOR_STATUS_BASE + 3,
  4: SMPP_STATUS.ESME_RBINDFAIL,
  5: SMPP_STATUS.ESME_RINVSCHED,
  6: VENDOR_STATUS_BASE + 6,
  7: SMPP_STATUS.ESME_RINVDSTADR,
  8: VENDOR_STATUS_BASE + 8,
  9: SMPP_STATUS.ESME_RTHROTTLED,
} as const satisfies Record<SendErrorCode, number>;

/** The command_status for a send.php error code (ESME_RSUBMITFAIL for codes outside the table). */
export function sendErrorStatus(code: number): number {
  return (SEND_ERROR_STATUS as Record<number, number>)[code] ?? SMPP_STATUS.ESME_RSUBMITFAIL;
}

/** The send.php error code a command_status stands for, or undefined when it is a plain SMPP failure. */
export function sendErrorFromStatus(status: number): SendErrorCode | undefined {
  for (const [code, s] of Object.entries(SEND_ERROR_STATUS))
    if (s === status) return Number(code) as SendErrorCode;
  return undefined;
}
