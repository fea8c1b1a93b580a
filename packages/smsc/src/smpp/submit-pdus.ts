import {
  formatRelativeSmppTime,
  formatSmppTime,
  NPI,
  type PduInput,
  REGISTERED_DELIVERY,
  splitMessage,
  TON,
} from "../protocol/index.js";
import type { ResolvedSmppOptions } from "./options.js";
import type { SmppSubmit } from "./types.js";

/** data_coding bit 4 (GSM 03.38): bits 1–0 carry a message class; class 0 is a flash SMS. */
const MESSAGE_CLASS_0 = 0x10;

/**
 * The submit_sm PDUs (without sequence numbers) of one submit: the text split by `concat`, the addresses with
 * their TON/NPI (digits: international/ISDN, other senders alphanumeric, no sender: unknown so the service uses
 * the account's default), receipts, flash, validity and schedule.
 * @throws RangeError when `to` is empty or the alphabet cannot carry the text.
 */
export function submitPdus(
  input: SmppSubmit,
  options: Pick<ResolvedSmppOptions, "concat" | "registeredDelivery">,
  reference: number,
): Array<PduInput<"submit_sm"> extends infer T ? Omit<T, "sequence_number"> : never> {
  const to = typeof input.to === "string" ? input.to.replace(/^\+/, "") : "";
  if (to === "") throw new RangeError("submit: `to` is required");
  const concat = input.concat ?? options.concat;
  const segments = splitMessage(input.text, {
    concat,
    reference: concat === "udh8" ? reference & 0xff : reference,
    ...(input.alphabet ? { alphabet: input.alphabet } : {}),
  });
  const from = input.from ?? "";
  const numeric = /^\+?\d+$/.test(from);
  const registered = input.registeredDelivery ?? options.registeredDelivery;
  return segments.map(({ text: _text, data_coding, ...seg }) => ({
    command: "submit_sm" as const,
    source_addr_ton: from === "" ? TON.UNKNOWN : numeric ? TON.INTERNATIONAL : TON.ALPHANUMERIC,
    source_addr_npi: numeric ? NPI.ISDN : NPI.UNKNOWN,
    source_addr: from.replace(/^\+/, ""),
    dest_addr_ton: TON.INTERNATIONAL,
    dest_addr_npi: NPI.ISDN,
    destination_addr: to,
    registered_delivery: registered ? REGISTERED_DELIVERY.ALWAYS : REGISTERED_DELIVERY.NONE,
    schedule_delivery_time: input.at ? formatSmppTime(input.at.getTime() / 1000) : "",
    validity_period: input.validityMinutes ? formatRelativeSmppTime(input.validityMinutes * 60) : "",
    ...seg,
    data_coding: input.flash ? data_coding | MESSAGE_CLASS_0 : data_coding,
  }));
}
