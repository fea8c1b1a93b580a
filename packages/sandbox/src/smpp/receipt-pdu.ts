import {
  chooseAlphabet,
  dataCodingFor,
  ESM_CLASS,
  encodeMessageText,
  formatHlrReceipt,
  formatReceipt,
  messageStateFromStatus,
  NETWORK_TYPES,
  type PduInput,
  REGISTERED_DELIVERY,
  STATUS,
  statFromStatus,
} from "smsc/protocol";
import { hlrFields } from "../core/phone-info.js";
import type { Message } from "../core/types.js";

/** What the server remembers of a submit until its receipt goes out. */
export interface TrackedSubmit {
  /** The id given in submit_sm_resp, repeated in the receipt. */
  id: string;
  accountId: number;
  registeredDelivery: number;
  sourceAddr: string;
  sourceTon: number;
  sourceNpi: number;
  destTon: number;
  destNpi: number;
}

/**
 * The deliver_sm carrying a message's receipt: source and destination swapped, esm_class "delivery receipt",
 * the full Appendix B text (or the HLR record for `__HLR__`), and the TLVs receipted_message_id, message_state,
 * network_error_code plus the service's cost, flags and parts (spec §8). The text goes as GSM-7 when it can,
 * else UCS-2, and in message_payload when it does not fit short_message.
 */
export function receiptPdu(m: Message, t: TrackedSubmit, sequence: number): PduInput<"deliver_sm"> {
  const stat = statFromStatus(m.status);
  const text =
    m.format === "hlr"
      ? formatHlrReceipt({ id: t.id, stat, err: m.err, ...hlrFields(m.phone) })
      : formatReceipt({
          id: t.id,
          sub: m.parts,
          dlvrd: stat === "DELIVRD" ? m.parts : 0,
          submitDate: Math.floor(m.createdAt / 1000),
          doneDate: Math.floor(m.statusAt / 1000),
          stat,
          err: m.err,
          text: m.text,
        });
  const alphabet = chooseAlphabet(text);
  const bytes = encodeMessageText(text, alphabet);
  const inPayload = bytes.length > 254;
  return {
    command: "deliver_sm",
    sequence_number: sequence,
    source_addr_ton: t.destTon,
    source_addr_npi: t.destNpi,
    source_addr: m.phone.slice(0, 20),
    dest_addr_ton: t.sourceTon,
    dest_addr_npi: t.sourceNpi,
    destination_addr: t.sourceAddr,
    esm_class: ESM_CLASS.TYPE_DELIVERY_RECEIPT,
    data_coding: dataCodingFor(alphabet),
    short_message: inPayload ? new Uint8Array(0) : bytes,
    tlvs: {
      ...(inPayload ? { message_payload: bytes } : {}),
      receipted_message_id: t.id,
      message_state: messageStateFromStatus(m.status),
      network_error_code: { networkType: NETWORK_TYPES.GSM, errorCode: m.err },
      // The documented form is "n.nnnn"; a cost of 10 or more takes more than the documented 6 characters.
      smsc_cost: m.cost.toFixed(4),
      smsc_flags: m.type & 0x0f,
      smsc_parts: m.parts,
    },
  };
}

/** Whether registered_delivery asks for this final status's receipt (§5.2.17: always, on failure, on success). */
export function wantsReceipt(registeredDelivery: number, status: number): boolean {
  const want = registeredDelivery & REGISTERED_DELIVERY.RECEIPT_MASK;
  const delivered = status === STATUS.delivered || status === STATUS.read || status === STATUS.clicked;
  return (
    want === REGISTERED_DELIVERY.ALWAYS ||
    (want === REGISTERED_DELIVERY.FAILURE && !delivered) ||
    (want === REGISTERED_DELIVERY.SUCCESS && delivered)
  );
}
