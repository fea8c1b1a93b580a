import {
  decodeMessageText,
  describeDataCoding,
  type Pdu,
  SMPP_STATUS,
  SMSC_SPECIAL_TEXTS,
  smppTimeToUnix,
} from "smsc/protocol";

/** A submit_sm turned into send.php parameters, or the command_status that refuses it. */
export type SubmitParams = { params: Record<string, string> } | { status: number };

/**
 * Translates a whole message (the body octets of all its parts, in order, and its first submit_sm) into send.php
 * parameters: phones = destination_addr, mes = the decoded text, sender = source_addr, `hlr`/`ping` for the
 * service's special texts, `flash` for message class 0, `bin=2` (hex) for binary data, `time` and `valid` from
 * schedule_delivery_time and validity_period.
 */
export function submitParams(
  pdu: Pdu<"submit_sm">,
  body: Uint8Array,
  options: { systemType: string; nowMs: number },
): SubmitParams {
  const coding = describeDataCoding(pdu.data_coding, { systemType: options.systemType });
  const params: Record<string, string> = { phones: pdu.destination_addr };
  if (pdu.source_addr !== "") params.sender = pdu.source_addr;
  const text = decodeMessageText(body, coding.alphabet);
  if (text === SMSC_SPECIAL_TEXTS.hlr) params.hlr = "1";
  else if (text === SMSC_SPECIAL_TEXTS.ping) params.ping = "1";
  else if (coding.alphabet === "binary") {
    params.bin = "2";
    params.mes = Array.from(body, (b) => b.toString(16).padStart(2, "0")).join("");
  } else params.mes = text;
  if (coding.messageClass === 0 && !params.hlr && !params.ping && !params.bin) params.flash = "1";
  const nowUnix = Math.floor(options.nowMs / 1000);
  try {
    const at = smppTimeToUnix(pdu.schedule_delivery_time, nowUnix);
    if (at !== undefined && at > nowUnix) params.time = `0${Math.floor(at)}`;
  } catch {
    return { status: SMPP_STATUS.ESME_RINVSCHED };
  }
  try {
    const until = smppTimeToUnix(pdu.validity_period, nowUnix);
    if (until !== undefined) {
      // send.php's `valid` takes whole hours and minutes, 00:01–24:00 (spec §2.1)
      const minutes = Math.min(24 * 60, Math.max(1, Math.ceil((until - nowUnix) / 60)));
      params.valid = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    }
  } catch {
    return { status: SMPP_STATUS.ESME_RINVEXPIRY };
  }
  return { params };
}
