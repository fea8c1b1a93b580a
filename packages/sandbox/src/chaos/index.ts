export {
  CHAOS_ENDPOINTS,
  type Chaos,
  type ChaosEndpoint,
  type ChaosError,
  type ChaosOptions,
  type ChaosSettings,
  ChaosSettingsError,
  type ChaosVerdict,
  checkChaosError,
  createChaos,
  DEFAULT_SLOW_REPLY_MS,
} from "./chaos.js";
export { createChaosRoutes } from "./chaos-routes.js";
export { createExtras, type Extras, type ExtrasOptions, withMirrors } from "./extras.js";
export { ListenerSet, type ListenerState } from "./listeners.js";
