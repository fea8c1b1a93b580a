import { decodeOpTemplates, OP_TEMPLATE_FIELDS, type OpTemplate } from "../../protocol/index.js";
import type { RequestOptions } from "../options.js";
import type { Transport } from "../transport.js";
import { create, list, wireFields } from "./wire-fields.js";

/** A template to register with the operators (op_templates.php add=1): the flags choose operators and classes. */
export interface NewOpTemplate {
  /** The sender name the template is for. */
  sender: string;
  /** The template text. */
  message: string;
  mtsService?: boolean;
  mtsTransactional?: boolean;
  megafonService?: boolean;
  megafonTransactional?: boolean;
  beelineService?: boolean;
  beelineTransactional?: boolean;
  tele2Service?: boolean;
  tele2Transactional?: boolean;
}

/** `smsc.opTemplates`: operator templates of op_templates.php (api-surface §6). */
export interface OpTemplates {
  /** Registers a template; returns its id. Not retried. */
  add(template: NewOpTemplate, options?: RequestOptions): Promise<number>;
  /** The account's templates; [] when there are none. */
  list(options?: RequestOptions): Promise<OpTemplate[]>;
}

/** The `smsc.opTemplates` resource over a transport. */
export function opTemplatesResource(t: Transport): OpTemplates {
  return {
    add: async (template, options) =>
      create(
        t,
        "opTemplates",
        [["add", "1"], ...wireFields(OP_TEMPLATE_FIELDS, template, "opTemplates.add")],
        options,
      ),
    list: async (options) => list(t, "opTemplates", [["get", "1"]], (b) => decodeOpTemplates(b, 3), options),
  };
}
