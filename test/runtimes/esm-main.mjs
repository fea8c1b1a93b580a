// Node (ESM) and Bun: loads the SDK by package name, so the exports map's "import" conditions pick the files.
// Usage: <runtime> esm-main.mjs <sandbox url> <phone>; prints the probe's result as one JSON line.
import { ApiError, estimate, InvalidPhoneError, Smsc, STATUS_CODES } from "smsc";
import { SMSC } from "smsc/compat";
import { probe } from "./probe.mjs";

const [baseUrl, phone] = process.argv.slice(2);
console.log(
  JSON.stringify(
    await probe({ Smsc, SMSC, estimate, InvalidPhoneError, ApiError, STATUS_CODES }, baseUrl, phone),
  ),
);
