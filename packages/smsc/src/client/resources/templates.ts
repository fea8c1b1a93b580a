import {
  decodeError,
  decodeTemplates,
  decodeWireRecord,
  type FormFields,
  renderTemplate,
  TEMPLATE_SHAPE,
  type Template,
  type TemplateFormat,
  wireNumber,
} from "../../protocol/index.js";
import { InvalidOptionError, NotFoundError } from "../errors.js";
import type { RequestOptions } from "../options.js";
import type { SendParams } from "../send-fields.js";
import type { Transport } from "../transport.js";
import type { SendResult } from "../types.js";
import { done, writeCall } from "./write-call.js";

export type { Template, TemplateFormat } from "../../protocol/index.js";

/** A template to create (templates.php add=1). */
export interface TemplateInput {
  name: string;
  /** The text; `%1`, `%2`… are filled in by `render` and `send`. */
  text: string;
  /** Message format the template is for. @default "" (not specified) */
  format?: TemplateFormat;
  /** Sender name the template is for. */
  sender?: string;
  /** `fl[1]`: use it for the auto-signature. */
  autosign?: boolean;
}

/** A send from a template: the send's parameters (without the text) and the placeholders' values. */
export type TemplateSendParams = Omit<SendParams, "message"> & { args?: ReadonlyArray<string | number> };

/** templates.php: the account's message templates (https://github.com/smsc-kz/smsc/blob/main/docs/sdk.md "Templates"). */
export interface Templates {
  /** Every template of the account (none: an empty list). */
  list(options?: RequestOptions): Promise<Template[]>;
  /** One template by id or by name; undefined when there is none. */
  get(idOrName: number | string, options?: RequestOptions): Promise<Template | undefined>;
  /** Creates a template. Throws SaveFailedError (code 5) when the name is taken. */
  add(input: TemplateInput, options?: RequestOptions): Promise<{ id: number }>;
  /** Changes some fields of a template. NotFoundError (3) for an unknown id, SaveFailedError (5) for a taken name. */
  update(id: number, changes: Partial<TemplateInput>, options?: RequestOptions): Promise<{ id: number }>;
  /** Deletes a template. NotFoundError (3) for an unknown id. */
  delete(id: number, options?: RequestOptions): Promise<void>;
  /** A template's text with `%1`, `%2`… filled in. Throws NotFoundError when there is no such template. */
  render(
    idOrName: number | string,
    args?: ReadonlyArray<string | number>,
    options?: RequestOptions,
  ): Promise<string>;
  /**
   * Sends a template: the text is rendered here (send.php has no template parameter; public clients fill the
   * placeholders themselves, https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Templates"), its format and sender apply unless `params` set them,
   * and the send goes through `smsc.send`, with its recovery.
   */
  send(idOrName: number | string, params: TemplateSendParams, options?: RequestOptions): Promise<SendResult>;
}

function fields(input: Partial<TemplateInput>): FormFields {
  const out: Array<[string, string]> = [];
  if (input.name !== undefined) out.push(["name", input.name]);
  if (input.text !== undefined) out.push(["msg", input.text]);
  if (input.format !== undefined) out.push(["format", input.format]);
  if (input.sender !== undefined) out.push(["sender", input.sender]);
  if (input.autosign !== undefined) out.push(["fl[1]", input.autosign ? "1" : "0"]);
  return out;
}

const savedId = (body: string) => {
  const r = decodeWireRecord(body, TEMPLATE_SHAPE, 3);
  return "error" in r ? r.error : { id: wireNumber(r.record.id) ?? 0 };
};

/** The templates resource over the transport; `send` is the client's own send. */
export function templatesResource(
  t: Transport,
  send: (p: SendParams, o?: RequestOptions) => Promise<SendResult>,
): Templates {
  const self: Templates = {
    async list(options) {
      try {
        return await t.read("templates", [["get", "1"]], (b) => decodeTemplates(b, 3), options);
      } catch (e) {
        // the service answers "no records" (3) for an empty list
        if (e instanceof NotFoundError) return [];
        throw e;
      }
    },
    async get(idOrName, options) {
      const list = await self.list(options);
      return list.find((x) => x.id === Number(idOrName)) ?? list.find((x) => x.name === String(idOrName));
    },
    add: (input, options) => writeCall(t, "templates", [["add", "1"], ...fields(input)], savedId, options),
    update: (id, changes, options) =>
      writeCall(t, "templates", [["chg", "1"], ["id", String(id)], ...fields(changes)], savedId, options),
    async delete(id, options) {
      await writeCall(
        t,
        "templates",
        [
          ["del", "1"],
          ["id", String(id)],
        ],
        done((b) => decodeError(b, 3)),
        options,
      );
    },
    async render(idOrName, args = [], options) {
      const tpl = await self.get(idOrName, options);
      if (!tpl) throw new InvalidOptionError("templates.render", `names no template: ${idOrName}`);
      return renderTemplate(tpl.message, args);
    },
    async send(idOrName, params, options) {
      const tpl = await self.get(idOrName, options);
      if (!tpl) throw new InvalidOptionError("templates.send", `names no template: ${idOrName}`);
      const { args = [], ...rest } = params;
      return send(
        {
          ...(tpl.format && tpl.format !== "sms" ? { format: tpl.format as SendParams["format"] } : {}),
          ...(tpl.sender ? { sender: tpl.sender } : {}),
          ...rest,
          message: renderTemplate(tpl.message, args),
        },
        options,
      );
    },
  };
  return self;
}
