// Node (CommonJS): require() takes the exports map's "require" conditions (dist/*.cjs); only the shared probe,
// which is ESM, comes in by import().
// Usage: node cjs-main.cjs <sandbox url> <phone>; prints the probe's result as one JSON line.
const { ApiError, estimate, InvalidPhoneError, Smsc } = require("smsc");
const { STATUS_CODES } = require("smsc/protocol");
const { SMSC } = require("smsc/compat");

const [baseUrl, phone] = process.argv.slice(2);
import("./probe.mjs")
  .then(({ probe }) =>
    probe({ Smsc, SMSC, estimate, InvalidPhoneError, ApiError, STATUS_CODES }, baseUrl, phone),
  )
  .then((result) => console.log(JSON.stringify({ ...result, loadedFrom: require.resolve("smsc") })))
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
