// Chromium: a module script of the page /__runtime/ on the sandbox's origin, importing the built ESM files as
// they are (served at /__runtime/dist/). The test calls window.runProbe(sandboxUrl, phone).
import { SMSC } from "./dist/compat.js";
import { ApiError, estimate, InvalidPhoneError, Smsc, STATUS_CODES } from "./dist/index.js";
import { probe } from "./probe.mjs";

/** @type {any} */ (window).runProbe = (/** @type {string} */ baseUrl, /** @type {string} */ phone) =>
  probe({ Smsc, SMSC, estimate, InvalidPhoneError, ApiError, STATUS_CODES }, baseUrl, phone);
