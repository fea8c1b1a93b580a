/**
 * SMPP 3.4 wire tables (SMPP v3.4 Issue 1.2, §5.1–§5.3): command ids, command_status codes, TLV tags, message
 * states, esm_class bits, registered_delivery bits, data_coding values, and the SMSC service's own additions
 * (vendor TLVs 0x2000–0x2003, `data_coding = coding × 4`, ports). Everything else in protocol/smpp derives
 * from these tables.
 * @module
 */

/** The bit a response's command_id adds to its request's (§5.1.2). */
export const RESPONSE_BIT = 0x80000000;

/** Command ids of the PDUs this codec speaks (§5.1.2). */
export const COMMAND_IDS = {
  generic_nack: 0x80000000,
  bind_receiver: 0x00000001,
  bind_receiver_resp: 0x80000001,
  bind_transmitter: 0x00000002,
  bind_transmitter_resp: 0x80000002,
  query_sm: 0x00000003,
  query_sm_resp: 0x80000003,
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  unbind: 0x00000006,
  unbind_resp: 0x80000006,
  bind_transceiver: 0x00000009,
  bind_transceiver_resp: 0x80000009,
  enquire_link: 0x00000015,
  enquire_link_resp: 0x80000015,
} as const;

/** A PDU name. */
export type CommandName = keyof typeof COMMAND_IDS;

/** command_status codes (§5.1.3), with the spec's description. */
export const COMMAND_STATUS = {
  ESME_ROK: { code: 0x00, text: "No error" },
  ESME_RINVMSGLEN: { code: 0x01, text: "Message length is invalid" },
  ESME_RINVCMDLEN: { code: 0x02, text: "Command length is invalid" },
  ESME_RINVCMDID: { code: 0x03, text: "Invalid command id" },
  ESME_RINVBNDSTS: { code: 0x04, text: "Incorrect bind status for given command" },
  ESME_RALYBND: { code: 0x05, text: "ESME already in bound state" },
  ESME_RINVPRTFLG: { code: 0x06, text: "Invalid priority flag" },
  ESME_RINVREGDLVFLG: { code: 0x07, text: "Invalid registered delivery flag" },
  ESME_RSYSERR: { code: 0x08, text: "System error" },
  ESME_RINVSRCADR: { code: 0x0a, text: "Invalid source address" },
  ESME_RINVDSTADR: { code: 0x0b, text: "Invalid destination address" },
  ESME_RINVMSGID: { code: 0x0c, text: "Message id is invalid" },
  ESME_RBINDFAIL: { code: 0x0d, text: "Bind failed" },
  ESME_RINVPASWD: { code: 0x0e, text: "Invalid password" },
  ESME_RINVSYSID: { code: 0x0f, text: "Invalid system id" },
  ESME_RCANCELFAIL: { code: 0x11, text: "Cancel failed" },
  ESME_RREPLACEFAIL: { code: 0x13, text: "Replace failed" },
  ESME_RMSGQFUL: { code: 0x14, text: "Message queue full" },
  ESME_RINVSERTYP: { code: 0x15, text: "Invalid service type" },
  ESME_RINVNUMDESTS: { code: 0x33, text: "Invalid number of destinations" },
  ESME_RINVDLNAME: { code: 0x34, text: "Invalid distribution list name" },
  ESME_RINVDESTFLAG: { code: 0x40, text: "Destination flag is invalid" },
  ESME_RINVSUBREP: { code: 0x42, text: "Invalid submit with replace request" },
  ESME_RINVESMCLASS: { code: 0x43, text: "Invalid esm_class field data" },
  ESME_RCNTSUBDL: { code: 0x44, text: "Cannot submit to distribution list" },
  ESME_RSUBMITFAIL: { code: 0x45, text: "submit_sm or submit_multi failed" },
  ESME_RINVSRCTON: { code: 0x48, text: "Invalid source address TON" },
  ESME_RINVSRCNPI: { code: 0x49, text: "Invalid source address NPI" },
  ESME_RINVDSTTON: { code: 0x50, text: "Invalid destination address TON" },
  ESME_RINVDSTNPI: { code: 0x51, text: "Invalid destination address NPI" },
  ESME_RINVSYSTYP: { code: 0x53, text: "Invalid system_type field" },
  ESME_RINVREPFLAG: { code: 0x54, text: "Invalid replace_if_present flag" },
  ESME_RINVNUMMSGS: { code: 0x55, text: "Invalid number of messages" },
  ESME_RTHROTTLED: { code: 0x58, text: "Throttling error (ESME has exceeded allowed message limits)" },
  ESME_RINVSCHED: { code: 0x61, text: "Invalid scheduled delivery time" },
  ESME_RINVEXPIRY: { code: 0x62, text: "Invalid message validity period (expiry time)" },
  ESME_RINVDFTMSGID: { code: 0x63, text: "Predefined message invalid or not found" },
  ESME_RX_T_APPN: { code: 0x64, text: "ESME receiver temporary app error code" },
  ESME_RX_P_APPN: { code: 0x65, text: "ESME receiver permanent app error code" },
  ESME_RX_R_APPN: { code: 0x66, text: "ESME receiver reject message error code" },
  ESME_RQUERYFAIL: { code: 0x67, text: "query_sm request failed" },
  ESME_RINVOPTPARSTREAM: { code: 0xc0, text: "Error in the optional part of the PDU body" },
  ESME_ROPTPARNOTALLWD: { code: 0xc1, text: "Optional parameter not allowed" },
  ESME_RINVPARLEN: { code: 0xc2, text: "Invalid parameter length" },
  ESME_RMISSINGOPTPARAM: { code: 0xc3, text: "Expected optional parameter missing" },
  ESME_RINVOPTPARAMVAL: { code: 0xc4, text: "Invalid optional parameter value" },
  ESME_RDELIVERYFAILURE: { code: 0xfe, text: "Delivery failure (data_sm_resp)" },
  ESME_RUNKNOWNERR: { code: 0xff, text: "Unknown error" },
} as const;

/** A command_status name. */
export type CommandStatusName = keyof typeof COMMAND_STATUS;

/** command_status codes by name: `STATUS.ESME_RTHROTTLED === 0x58`. */
export const SMPP_STATUS = Object.fromEntries(
  Object.entries(COMMAND_STATUS).map(([k, v]) => [k, v.code]),
) as {
  readonly [K in CommandStatusName]: (typeof COMMAND_STATUS)[K]["code"];
};

const statusByCode = new Map<number, CommandStatusName>(
  Object.entries(COMMAND_STATUS).map(([k, v]) => [v.code, k as CommandStatusName]),
);

/** The name of a command_status code ("ESME_RTHROTTLED"), or "0x…" when the table lacks it. */
export function commandStatusName(code: number): string {
  return statusByCode.get(code) ?? `0x${code.toString(16).padStart(8, "0")}`;
}

/** The spec's description of a command_status code, or "" when unknown. */
export function commandStatusText(code: number): string {
  const name = statusByCode.get(code);
  return name ? COMMAND_STATUS[name].text : "";
}

/**
 * TLV (optional parameter) tags this codec types (§5.3.2), plus the SMSC service's vendor TLVs on deliver_sm
 * (spec §8). `type` says how the value is read: u8/u16 integers, a NUL-terminated string, raw octets, or the
 * 3-octet network_error_code (network type + error code).
 */
export const TLV_TAGS = {
  payload_type: { tag: 0x0019, type: "u8" },
  additional_status_info_text: { tag: 0x001d, type: "cstring" },
  receipted_message_id: { tag: 0x001e, type: "cstring" },
  user_message_reference: { tag: 0x0204, type: "u16" },
  source_port: { tag: 0x020a, type: "u16" },
  destination_port: { tag: 0x020b, type: "u16" },
  sar_msg_ref_num: { tag: 0x020c, type: "u16" },
  language_indicator: { tag: 0x020d, type: "u8" },
  sar_total_segments: { tag: 0x020e, type: "u8" },
  sar_segment_seqnum: { tag: 0x020f, type: "u8" },
  sc_interface_version: { tag: 0x0210, type: "u8" },
  network_error_code: { tag: 0x0423, type: "network_error" },
  message_payload: { tag: 0x0424, type: "octets" },
  delivery_failure_reason: { tag: 0x0425, type: "u8" },
  more_messages_to_send: { tag: 0x0426, type: "u8" },
  message_state: { tag: 0x0427, type: "u8" },
  // SMSC vendor TLVs (spec §8): cost "n.nnnn", flags (bits 0–3 message type), number of parts, and 0x2003 whose
  // description the archived page cut off; it is carried as a string and never interpreted.
  smsc_cost: { tag: 0x2000, type: "cstring" },
  smsc_flags: { tag: 0x2001, type: "u16" },
  smsc_parts: { tag: 0x2002, type: "u16" },
  smsc_2003: { tag: 0x2003, type: "cstring" },
} as const;

/** A TLV name. */
export type TlvName = keyof typeof TLV_TAGS;

/** message_state values (§5.2.28); 0 SCHEDULED and 9 SKIPPED are SMPP 5.0 only and not listed. */
export const MESSAGE_STATES = {
  ENROUTE: 1,
  DELIVERED: 2,
  EXPIRED: 3,
  DELETED: 4,
  UNDELIVERABLE: 5,
  ACCEPTED: 6,
  UNKNOWN: 7,
  REJECTED: 8,
} as const;

/** A message_state name. */
export type MessageStateName = keyof typeof MESSAGE_STATES;

/** esm_class bits (§5.2.12). */
export const ESM_CLASS = {
  /** Bits 1–0, messaging mode. */
  MODE_MASK: 0x03,
  MODE_DEFAULT: 0x00,
  MODE_DATAGRAM: 0x01,
  MODE_FORWARD: 0x02,
  MODE_STORE_FORWARD: 0x03,
  /** Bits 5–2, message type. */
  TYPE_MASK: 0x3c,
  TYPE_DELIVERY_RECEIPT: 0x04,
  TYPE_DELIVERY_ACK: 0x08,
  TYPE_USER_ACK: 0x10,
  TYPE_CONVERSATION_ABORT: 0x18,
  TYPE_INTERMEDIATE_NOTIFICATION: 0x20,
  /** Bit 6: the short_message starts with a user data header. */
  UDHI: 0x40,
  /** Bit 7. */
  REPLY_PATH: 0x80,
} as const;

/** registered_delivery bits (§5.2.17). */
export const REGISTERED_DELIVERY = {
  /** Bits 1–0: which SMSC delivery receipt. */
  RECEIPT_MASK: 0x03,
  NONE: 0x00,
  /** On success or failure. */
  ALWAYS: 0x01,
  FAILURE: 0x02,
  /** SMPP 5.0: on success only. */
  SUCCESS: 0x03,
  SME_DELIVERY_ACK: 0x04,
  SME_USER_ACK: 0x08,
  INTERMEDIATE: 0x10,
} as const;

/** data_coding values as SMPP 3.4 defines them (§5.2.19). */
export const DATA_CODING = {
  DEFAULT: 0x00,
  IA5: 0x01,
  BINARY_TDMA: 0x02,
  LATIN1: 0x03,
  BINARY: 0x04,
  JIS: 0x05,
  CYRILLIC: 0x06,
  HEBREW: 0x07,
  UCS2: 0x08,
  PICTOGRAM: 0x09,
  ISO_2022_JP: 0x0a,
  EXTENDED_KANJI: 0x0d,
  KS_C_5601: 0x0e,
} as const;

/**
 * The SMSC service's `coding` (Kannel's): "data_coding = coding × 4" (spec §8), so 0 GSM-7, 4 ISO-8859-1 text
 * (SMPP 3.4 calls 4 binary) and 8 UCS-2.
 */
export const SMSC_CODING = { gsm7: 0, latin1: 1, ucs2: 2 } as const;

/** bind interface_version of SMPP 3.4. */
export const INTERFACE_VERSION_34 = 0x34;

/** Type of number values used by the service's examples (§5.2.5). */
export const TON = {
  UNKNOWN: 0,
  INTERNATIONAL: 1,
  NATIONAL: 2,
  NETWORK: 3,
  SUBSCRIBER: 4,
  ALPHANUMERIC: 5,
  ABBREVIATED: 6,
} as const;

/** Numbering plan values (§5.2.6). */
export const NPI = {
  UNKNOWN: 0,
  ISDN: 1,
  DATA: 3,
  TELEX: 4,
  LAND_MOBILE: 6,
  NATIONAL: 8,
  PRIVATE: 9,
  ERMES: 10,
  INTERNET: 14,
} as const;

/** network_error_code network types (§5.3.2.31). */
export const NETWORK_TYPES = { ANSI_136: 1, IS_95: 2, GSM: 3 } as const;

/** The service's SMPP endpoint (spec §8): host prefix, plain and TLS ports, backup host prefix. */
export const SMSC_SMPP = {
  hostPrefix: "smpp.",
  backupHostPrefix: "smpp2.",
  port: 3700,
  tlsPort: 3443,
} as const;

/** The service closes a session after this long without traffic (spec §8). */
export const SMSC_IDLE_TIMEOUT_MS = 120_000;

/** Texts that turn a submit_sm into an HLR request or a ping (spec §8). */
export const SMSC_SPECIAL_TEXTS = { hlr: "__HLR__", ping: "__PING__" } as const;
