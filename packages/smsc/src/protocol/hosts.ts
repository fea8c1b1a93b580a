/** The brand domains that serve one and the same API (spec §1.1). */
export const DOMAINS = ["smsc.kz", "smsc.ru", "smsc.ua", "smsc.tj", "smscentre.com"] as const;

/** One of the service's brand domains. */
export type Domain = (typeof DOMAINS)[number];

/** The domain used when none is configured: this project starts from the smsc.kz library. */
export const DEFAULT_DOMAIN: Domain = "smsc.kz";

/**
 * Host prefixes tried in order, as the official libraries do (spec §1.1, §10.1): the bare domain, then the
 * documented backup `www2.` and the libraries' `www3.`…`www5.`.
 */
export const MIRROR_PREFIXES = ["", "www2.", "www3.", "www4.", "www5."] as const;

/** Every host of a domain in failover order, e.g. `smsc.kz`, `www2.smsc.kz`, … `www5.smsc.kz`. */
export function mirrorHosts(domain: string): string[] {
  return MIRROR_PREFIXES.map((prefix) => prefix + domain);
}

/** The HTTP scripts of the API (spec §1.2), keyed by what they do. */
export const ENDPOINTS = {
  send: "/sys/send.php",
  status: "/sys/status.php",
  balance: "/sys/balance.php",
  get: "/sys/get.php",
  info: "/sys/info.php",
  jobs: "/sys/jobs.php",
  phones: "/sys/phones.php",
  senders: "/sys/senders.php",
  templates: "/sys/templates.php",
  users: "/sys/users.php",
  ping: "/sys/ping.php",
  waitCall: "/sys/wait_call.php",
  tinyUrls: "/sys/tinyurls.php",
  opTemplates: "/sys/op_templates.php",
  documents: "/sys/documents.php",
  receivePhones: "/sys/receive_phones.php",
} as const;

/** Name of an API script. */
export type Endpoint = keyof typeof ENDPOINTS;

/**
 * The REST scripts (api-surface §13): the same parameters as a JSON body, JSON in reply by default. Only `send` is
 * known to exist (no other `/rest/<method>/` was found in use).
 */
export const REST_ENDPOINTS = {
  send: "/rest/send/",
} as const;
