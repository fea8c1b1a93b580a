/**
 * The service's e-mail interface (spec §7): where letters go, and the letter text's two layouts.
 * @module
 */
export * from "./letter-body.js";
export * from "./letter-request.js";
export * from "./smtp-interface.js";
