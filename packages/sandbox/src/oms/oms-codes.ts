/**
 * The error codes of OMS responses (`<error code="…" severity="…"/>` in userInfo and xmsResponse): the SharePoint
 * SPMobileMessageDeliveryCode members, written as Microsoft's examples write them on the wire (`ok`,
 * `perDayMsgLimit`). Which SMSC errors map to which is our choice (docs/protocol.md "OMS").
 */
export const OMS_CODES = {
  ok: "The request succeeded.",
  serviceUpdate: "The service's properties have changed; the client asks GetServiceInfo again.",
  invalidUser: "The user id or password is wrong (SMSC error 2), or the address is blocked (4).",
  unregisteredUser: "The user is not registered for the service.",
  expiredUser: "The user's account has expired.",
  unregisteredService: "The message asks for a service the sandbox does not offer (MMS).",
  invalidRecipient: "A recipient is not a valid number (SMSC error 7, 8); recipientList names them.",
  crossCarrier: "A recipient's carrier is not served.",
  invalidChar: "The content is refused (SMSC error 6, message denied).",
  invalidMedia: "The message carries media the service cannot send.",
  perDayMsgLimit: "The daily quota is used up.",
  perMonthMsgLimit: "The monthly quota is used up.",
  lengthLimit: "The text is longer than the service sends (1000 characters).",
  others: "Any other failure: the SMSC error's text is in <content>.",
} as const;

/** An OMS error code. */
export type OmsCode = keyof typeof OMS_CODES;

/** The OMS code of an SMSC API error (spec §3): auth → invalidUser, bad numbers → invalidRecipient, … */
export function omsCodeOf(smscCode: number): OmsCode {
  switch (smscCode) {
    case 2:
    case 4:
      return "invalidUser";
    case 6:
      return "invalidChar";
    case 7:
    case 8:
      return "invalidRecipient";
    default:
      return "others";
  }
}
