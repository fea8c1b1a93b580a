export { createSmppServer, type SmppServer, type SmppServerOptions } from "./server.js";
