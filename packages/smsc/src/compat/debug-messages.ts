// The seed library's debug messages (smsc_api_1c77), in Russian as it prints them; "руб." as the seed writes it.

/** send_sms: success or the error number. */
export function debugSend(m: string[]): string {
  const [id = "", cnt = "", cost = "", balance = ""] = m;
  if (Number(cnt) > 0)
    return `Сообщение отправлено успешно. ID: ${id}, всего SMS: ${cnt}, стоимость: ${cost} руб., баланс: ${balance} руб.`;
  return `Ошибка № ${-Number(cnt)}${id !== "" && id !== "0" ? `, ID: ${id}` : ""}`;
}

/** get_sms_cost: the price or the error number. */
export function debugCost(m: string[]): string {
  const [cost = "", cnt = ""] = m;
  if (Number(cnt) > 0) return `Стоимость рассылки: ${cost} руб. Всего SMS: ${cnt}`;
  return `Ошибка № ${-Number(cnt)}`;
}

/** get_status: the status with the time of its last change, or the error number. */
export function debugStatus(m: string[]): string {
  const [status = "", time = ""] = m;
  if (Number(time) >= 0)
    return `Статус SMS = ${status}${Number(time) ? `, время изменения статуса - ${unixToDate(Number(time))}` : ""}`;
  return `Ошибка № ${-Number(time)}`;
}

/** get_balance: the sum or the error number. */
export function debugBalance(m: string[]): string {
  if (m.length === 1 && Number(m[0]) >= 0) return `Сумма на счете: ${m[0]} руб.`;
  return `Ошибка № ${-Number(m[1] ?? 0)}`;
}

/** The seed's Unix2Date: "DD.MM.YYYY h:m:s" (UTC, unpadded time as the seed concatenates numbers). */
function unixToDate(ts: number): string {
  const d = new Date(ts * 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  const date = `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
  return `${date} ${d.getUTCHours()}:${d.getUTCMinutes()}:${d.getUTCSeconds()}`;
}
