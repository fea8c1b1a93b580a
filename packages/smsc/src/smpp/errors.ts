import { SmscError } from "../client/errors.js";
import {
  type CommandName,
  commandStatusName,
  commandStatusText,
  type SendErrorCode,
  sendErrorFromStatus,
} from "../protocol/index.js";

/** The server answered a request with a non-zero command_status. */
export class SmppError extends SmscError {
  override name = "SmppError";
  /** The command_status, e.g. 0x58. */
  readonly status: number;
  /** Its name, e.g. "ESME_RTHROTTLED" (or "0x00000403" for a vendor code). */
  readonly statusName: string;
  /** The request that failed. */
  readonly command: CommandName;
  readonly sequence: number;
  /** The service's send.php error code this status stands for (3 no money, 7 invalid number…), when it does. */
  readonly code?: SendErrorCode;
  /** Ids of the parts of a long message the server had already accepted before this part failed. */
  readonly acceptedPartIds: string[];
  constructor(command: CommandName, status: number, sequence: number, acceptedPartIds: string[] = []) {
    const text = commandStatusText(status);
    super(`smpp: ${command} failed with ${commandStatusName(status)}${text ? ` (${text})` : ""}`);
    this.status = status;
    this.statusName = commandStatusName(status);
    this.command = command;
    this.sequence = sequence;
    const code = sendErrorFromStatus(status);
    if (code !== undefined) this.code = code;
    this.acceptedPartIds = acceptedPartIds;
  }
}

/** The bind was refused (ESME_RINVPASWD, ESME_RBINDFAIL…); the client does not retry it. */
export class SmppBindError extends SmppError {
  override name = "SmppBindError";
}

/**
 * A request got no answer: no response within `timeoutMs`, or the connection dropped while it was in flight.
 * A submit may still have been accepted (`maybeAccepted`): check with query() or wait for its receipt before
 * sending it again, or the message may go out twice.
 */
export class SmppConnectionError extends SmscError {
  override name = "SmppConnectionError";
  /** The sequence_number of the unanswered request, or 0 when none was written. */
  readonly sequence: number;
  readonly command?: CommandName;
  /** True when the request was written to the socket, so the server may have acted on it. */
  readonly maybeAccepted: boolean;
  constructor(
    message: string,
    init: { sequence?: number; command?: CommandName; maybeAccepted: boolean; cause?: unknown },
  ) {
    super(message, { cause: init.cause });
    this.sequence = init.sequence ?? 0;
    if (init.command) this.command = init.command;
    this.maybeAccepted = init.maybeAccepted;
  }
}

/** No response to a request within `timeoutMs`. */
export class SmppTimeoutError extends SmppConnectionError {
  override name = "SmppTimeoutError";
  readonly timeoutMs: number;
  constructor(command: CommandName, sequence: number, timeoutMs: number) {
    super(`smpp: no ${command}_resp to sequence ${sequence} within ${timeoutMs} ms`, {
      sequence,
      command,
      maybeAccepted: true,
    });
    this.timeoutMs = timeoutMs;
  }
}

/** The client was closed (or could not bind) before the request was written; nothing was sent. */
export class SmppClosedError extends SmscError {
  override name = "SmppClosedError";
}
