export { type BillingResource, billingResource, type StatsQuery } from "./billing.js";
export { type HistoryQuery, type HistoryResource, historyResource } from "./history.js";
export { type InboxQuery, type InboxResource, inboxResource, type PollOptions } from "./inbox.js";
export { type NotificationsResource, type NotifyParams, notificationsResource } from "./notifications.js";
export { type OperatorsResource, operatorsResource } from "./operators.js";
export type { DayInput } from "./read-list.js";
