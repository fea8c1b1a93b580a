/** A message id: the server assigns numbers; a client may assign a number or a string (spec §2.1 `id`). */
export type MessageId = number | string;

/** Response format: 0 text, 1 comma-separated numbers, 2 XML, 3 JSON (spec §2.4). */
export type Fmt = 0 | 1 | 2 | 3;

/** The `cost` mode of send.php: 0 send, 1 price only, 2 send + cost, 3 send + cost + balance (spec §2.1). */
export type CostMode = 0 | 1 | 2 | 3;

/** The decoded body of an API error (spec §2.5). */
export interface ErrorReply {
  /** The service's description, e.g. "invalid number". */
  error: string;
  /** The service's numeric error code. */
  code: number;
  /** The message id, present with send errors 3, 6, 7 and 8. */
  id?: MessageId;
}

/** One number of a send or cost reply with `op=1` or `err=1` (spec §2.4). */
export interface PhoneDetail {
  phone: string;
  mccmnc: string;
  cost: number;
  /** Status of a number that could not be sent to (spec §4.2). */
  status?: number;
  /** Error code of a number that could not be sent to. */
  error?: number;
}

/** The decoded success reply of send.php. */
export interface SendReply {
  id: MessageId;
  /** Number of parts (or 5-second blocks of a call). */
  cnt: number;
  /** Total cost; present with cost=2 and cost=3. */
  cost?: number;
  /** New balance; present with cost=3. */
  balance?: number;
  /** Per-number details with op=1 / err=1. */
  phones?: PhoneDetail[];
  /** The code voiced by a `mes=code` call (spec §2.6). */
  code?: string;
}

/** The decoded success reply of send.php with cost=1. */
export interface CostReply {
  cost: number;
  cnt: number;
  phones?: PhoneDetail[];
}

/** The HLR fields of a status record (spec §4.4, §4.5). */
export interface HlrFields {
  imsi: string;
  msc: string;
  mcc: string;
  mnc: string;
  /** Country of registration. */
  cn: string;
  /** Operator of registration. */
  net: string;
  /** Roaming country, "" when at home. */
  rcn: string;
  /** Roaming operator, "" when at home. */
  rnet: string;
}

/** One status record of status.php; which fields are present depends on `all` and on the message type. */
export interface StatusRecord {
  /** Status code (spec §4.2). */
  status: number;
  /** Time of the last status change, "DD.MM.YYYY hh:mm:ss". */
  lastDate: string;
  /** Unix time of the last status change. */
  lastTimestamp: number;
  /** Delivery error code (spec §4.3); for HLR the HLR error. */
  err: number;
  /** The `flag` field of fmt=2/3 replies (meaning undocumented). */
  flag?: number;
  /** Message id: present in multi replies. */
  id?: MessageId;
  /** Phone: present in multi replies and with all≥1. */
  phone?: string;
  sendDate?: string;
  sendTimestamp?: number;
  cost?: number;
  senderId?: string;
  statusName?: string;
  message?: string;
  comment?: string;
  /** Server message type (spec §4.4). */
  type?: number;
  smsCnt?: number;
  country?: string;
  operator?: string;
  region?: string;
  mccmnc?: string;
  /** HLR data, for HLR requests. */
  hlr?: HlrFields;
}

/** The decoded reply of balance.php. */
export interface BalanceReply {
  balance: number;
  /** Credit limit, when the account has one. */
  credit?: number;
  /** Currency, with cur=1. */
  currency?: string;
}
