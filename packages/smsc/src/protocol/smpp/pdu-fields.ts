import type { CommandName } from "./constants.js";

/**
 * Mandatory body fields of each PDU, in wire order (SMPP 3.4 §4). `c` is a NUL-terminated C-Octet String whose
 * `max` counts the NUL; `u8` one octet; `sm` is sm_length followed by that many octets of short_message.
 */
const BIND = [
  { name: "system_id", type: "c", max: 16 },
  { name: "password", type: "c", max: 9 },
  { name: "system_type", type: "c", max: 13 },
  { name: "interface_version", type: "u8" },
  { name: "addr_ton", type: "u8" },
  { name: "addr_npi", type: "u8" },
  { name: "address_range", type: "c", max: 41 },
] as const;

const BIND_RESP = [{ name: "system_id", type: "c", max: 16 }] as const;

const SM = [
  { name: "service_type", type: "c", max: 6 },
  { name: "source_addr_ton", type: "u8" },
  { name: "source_addr_npi", type: "u8" },
  { name: "source_addr", type: "c", max: 21 },
  { name: "dest_addr_ton", type: "u8" },
  { name: "dest_addr_npi", type: "u8" },
  { name: "destination_addr", type: "c", max: 21 },
  { name: "esm_class", type: "u8" },
  { name: "protocol_id", type: "u8" },
  { name: "priority_flag", type: "u8" },
  { name: "schedule_delivery_time", type: "c", max: 17 },
  { name: "validity_period", type: "c", max: 17 },
  { name: "registered_delivery", type: "u8" },
  { name: "replace_if_present_flag", type: "u8" },
  { name: "data_coding", type: "u8" },
  { name: "sm_default_msg_id", type: "u8" },
  { name: "short_message", type: "sm", max: 254 },
] as const;

const MESSAGE_ID = [{ name: "message_id", type: "c", max: 65 }] as const;

/** The body layout of every PDU this codec speaks. */
export const PDU_FIELDS = {
  generic_nack: [],
  bind_receiver: BIND,
  bind_receiver_resp: BIND_RESP,
  bind_transmitter: BIND,
  bind_transmitter_resp: BIND_RESP,
  bind_transceiver: BIND,
  bind_transceiver_resp: BIND_RESP,
  query_sm: [
    { name: "message_id", type: "c", max: 65 },
    { name: "source_addr_ton", type: "u8" },
    { name: "source_addr_npi", type: "u8" },
    { name: "source_addr", type: "c", max: 21 },
  ],
  query_sm_resp: [
    { name: "message_id", type: "c", max: 65 },
    { name: "final_date", type: "c", max: 17 },
    { name: "message_state", type: "u8" },
    { name: "error_code", type: "u8" },
  ],
  submit_sm: SM,
  submit_sm_resp: MESSAGE_ID,
  deliver_sm: SM,
  deliver_sm_resp: MESSAGE_ID,
  unbind: [],
  unbind_resp: [],
  enquire_link: [],
  enquire_link_resp: [],
} as const satisfies Record<CommandName, ReadonlyArray<FieldSpec>>;

/** One mandatory field's layout. */
export interface FieldSpec {
  readonly name: string;
  readonly type: "c" | "u8" | "sm";
  readonly max?: number;
}

type FieldValue<F> = F extends { type: "u8" } ? number : F extends { type: "sm" } ? Uint8Array : string;

/** The mandatory fields of a PDU as an object: C-strings are strings, integers numbers, short_message bytes. */
export type PduBody<C extends CommandName> = {
  -readonly [F in (typeof PDU_FIELDS)[C][number] as F["name"]]: FieldValue<F>;
};
