/** Delivery error codes, the `err` field of a status (spec §4.3). */
export const DELIVERY_ERRORS = {
  0: { ru: "Нет ошибки", en: "No error" },
  1: { ru: "Абонент не существует", en: "The subscriber does not exist" },
  2: { ru: "Почтовый ящик переполнен", en: "Mailbox full (e-mail)" },
  3: { ru: "Почтовый сервер получателя не найден", en: "Recipient's mail server not found (e-mail)" },
  4: { ru: "Почтовый ящик заблокирован", en: "Mailbox blocked (e-mail)" },
  6: { ru: "Абонент не в сети", en: "Subscriber is offline" },
  11: { ru: "Нет услуги SMS", en: "No SMS service" },
  12: { ru: "Ошибка в телефоне абонента", en: "Error in the subscriber's phone" },
  13: { ru: "Абонент заблокирован", en: "Subscriber is blocked" },
  21: { ru: "Аппарат абонента не поддерживает работу с данной услугой", en: "No support for the service" },
  200: { ru: "Виртуальная отправка (режим тестирования)", en: "Virtual sending (test mode)" },
  219: { ru: "Замена sim-карты абонентом", en: "SIM card replaced" },
  220: { ru: "Переполнена очередь у оператора", en: "Queue overflowed at the operator" },
  237: { ru: "Абонент не отвечает", en: "Subscriber not responding" },
  238: { ru: "Нет шаблона", en: "No template" },
  239: { ru: "Запрещенный ip-адрес отправителя", en: "Forbidden sender IP" },
  240: { ru: "Абонент занят (голосовое сообщение)", en: "Subscriber busy (voice)" },
  241: {
    ru: "Ошибка конвертации или переданы не все части SMS-сообщения",
    en: "Conversion error or not all parts sent",
  },
  242: { ru: "Зафиксирован автоответчик (голосовое сообщение)", en: "Answering machine detected (voice)" },
  243: { ru: "Не заключен договор", en: "No contract" },
  244: { ru: "Рассылка запрещена", en: "Mailing prohibited" },
  245: { ru: "Статус не получен", en: "Status not received" },
  246: { ru: "Ограничение по времени", en: "Time restriction" },
  247: { ru: "Превышен лимит сообщений", en: "Message limit exceeded" },
  248: { ru: "Нет маршрута (нет доступного SMS-шлюза)", en: "No route" },
  249: { ru: "Неверный формат номера", en: "Invalid number format" },
  250: { ru: "Номер запрещен настройками", en: "Number prohibited by settings" },
  251: { ru: "Превышен суточный лимит сообщений на один номер", en: "Daily per-number limit exceeded" },
  252: { ru: "Номер запрещен", en: "Number prohibited" },
  253: { ru: "Запрещено спам-фильтром", en: "Prohibited by spam filter" },
  254: { ru: "Незарегистрированный sender id", en: "Unregistered sender id" },
  255: {
    ru: "Оператор отклонил сообщение без указания точного кода ошибки",
    en: "Rejected by the operator without an exact code",
  },
} as const;

/** A delivery error code. */
export type DeliveryErrorCode = keyof typeof DELIVERY_ERRORS;
