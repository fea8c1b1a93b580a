export { createSmtpServer, type SmtpServer, type SmtpServerOptions } from "./server.js";
