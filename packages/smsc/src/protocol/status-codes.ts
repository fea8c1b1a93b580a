/**
 * Message status codes (spec §4.2). `ru` is the service's `status_name`; `final` marks the statuses after which
 * nothing changes any more.
 */
export const STATUS_CODES = {
  "-3": { ru: "Сообщение не найдено", en: "Message not found", final: true },
  "-2": { ru: "Остановлено", en: "Stopped", final: false },
  "-1": { ru: "Ожидает отправки", en: "Waiting to be sent", final: false },
  "0": { ru: "Передано оператору", en: "Transferred to operator", final: false },
  "1": { ru: "Доставлено", en: "Delivered", final: true },
  "2": { ru: "Прочитано", en: "Read", final: true },
  "3": { ru: "Просрочено", en: "Expired", final: true },
  "4": { ru: "Нажата ссылка", en: "Link clicked", final: true },
  "20": { ru: "Невозможно доставить", en: "Impossible to deliver", final: true },
  "22": { ru: "Неверный номер", en: "Invalid number", final: true },
  "23": { ru: "Запрещено", en: "Prohibited", final: true },
  "24": { ru: "Недостаточно средств", en: "Insufficient funds", final: true },
  "25": { ru: "Недоступный номер", en: "Unavailable number", final: true },
} as const;

/** A message status code. */
export type StatusCode = -3 | -2 | -1 | 0 | 1 | 2 | 3 | 4 | 20 | 22 | 23 | 24 | 25;

/** Every status code, as numbers. */
export const STATUS_CODE_LIST = Object.keys(STATUS_CODES).map(Number) as StatusCode[];

/** Named status codes, for readable comparisons: `status === STATUS.delivered`. */
export const STATUS = {
  notFound: -3,
  stopped: -2,
  pending: -1,
  sent: 0,
  delivered: 1,
  read: 2,
  expired: 3,
  clicked: 4,
  undeliverable: 20,
  invalidNumber: 22,
  prohibited: 23,
  noMoney: 24,
  unavailable: 25,
} as const satisfies Record<string, StatusCode>;

/** The Russian `status_name` of a code, or "" when unknown. */
export function statusName(code: number): string {
  return (STATUS_CODES as Record<string, { ru: string }>)[String(code)]?.ru ?? "";
}

/** Whether a status is final (nothing changes after it). */
export function isFinalStatus(code: number): boolean {
  return (STATUS_CODES as Record<string, { final: boolean }>)[String(code)]?.final ?? false;
}
