export * from "./estimate.js";
export * from "./gsm-alphabet.js";
export * from "./phones.js";
