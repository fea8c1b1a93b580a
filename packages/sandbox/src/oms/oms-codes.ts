/**
 * The codes of OMS's `<error code="…" severity="…"/>` (in userInfo, xmsResponse and xmsResponses), as the Office
 * 2010 Mobile Service Guidelines' "Delivery Response Reference" names them and the SharePoint
 * SPMobileMessageDeliveryCode / Exchange OmsErrorCode enumerations mirror them; each with its severity (`neutral`
 * for information, `failure` when the message was not sent) and what the sandbox means by it. Which SMSC error
 * becomes which code is our choice (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "OMS").
 */
export const OMS_CODES = {
  ok: { severity: "neutral", meaning: "The message was accepted for every recipient." },
  serviceUpdate: {
    severity: "neutral",
    meaning:
      "The service's properties changed; the client asks GetServiceInfo again (never sent by the sandbox).",
  },
  noScheduled: {
    severity: "neutral",
    meaning: "Scheduled sending is not supported and the message went now (never: the sandbox schedules).",
  },
  invalidUser: {
    severity: "failure",
    meaning: "The user id or password (or API key) is wrong: SMSC error 2.",
  },
  unregisteredUser: { severity: "failure", meaning: "The user is not registered for the service." },
  expiredUser: { severity: "failure", meaning: "The user's registration or prepaid time has run out." },
  unregisteredService: {
    severity: "failure",
    meaning:
      "The message asks for a service the sandbox does not offer (MMS_SENDER, or a format other than SMS).",
  },
  ceasedService: { severity: "failure", meaning: "The service has been stopped." },
  lowBalance: {
    severity: "failure",
    meaning: "The account's money does not cover the message: SMSC error 3.",
  },
  invalidRecipient: {
    severity: "failure",
    meaning:
      "Recipients that are not valid numbers or cannot be reached (SMSC errors 7, 8); recipientList names them.",
  },
  crossCarrier: { severity: "failure", meaning: "A recipient's carrier is not served." },
  invalidChar: { severity: "failure", meaning: "The text is refused: SMSC error 6 (message denied)." },
  invalidMedia: { severity: "failure", meaning: "The message carries media the service cannot send." },
  perDayMsgLimit: { severity: "failure", meaning: "The user's messages for the day are used up." },
  perMonthMsgLimit: { severity: "failure", meaning: "The user's messages for the month are used up." },
  lengthLimit: {
    severity: "failure",
    meaning: "The text is longer than the service sends; <content> gives the single- and double-byte limits.",
  },
  sizeLimit: { severity: "failure", meaning: "An MMS is larger than the service sends." },
  slidesLimit: { severity: "failure", meaning: "An MMS has more slides than the service sends." },
  serviceNetwork: { severity: "failure", meaning: "The service could not reach its SMS centre." },
  others: {
    severity: "failure",
    meaning:
      "Any other failure (a document that cannot be read, SMSC errors 1, 4, 5, 9): <content> says which.",
  },
} as const;

/** An OMS error code. */
export type OmsCode = keyof typeof OMS_CODES;

/** The severity an OMS code is written with. */
export type OmsSeverity = (typeof OMS_CODES)[OmsCode]["severity"];

/**
 * The OMS code of an SMSC API error (spec §3): 2 → invalidUser, 3 → lowBalance, 6 → invalidChar, 7 and 8 →
 * invalidRecipient; the rest (1 parameters, 4 blocked address, 5 date, 9 repeated request) → others, with the SMSC
 * error's text as content.
 */
export function omsCodeOf(smscCode: number): OmsCode {
  switch (smscCode) {
    case 2:
      return "invalidUser";
    case 3:
      return "lowBalance";
    case 6:
      return "invalidChar";
    case 7:
    case 8:
      return "invalidRecipient";
    default:
      return "others";
  }
}
