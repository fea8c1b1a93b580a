import { type Command, str } from "../command.js";
import {
  configPath,
  maskProfile,
  PROFILE_KEYS,
  type Profile,
  parseProfileValue,
  readConfig,
  SECRET_KEYS,
  writeConfig,
} from "../config.js";
import { UsageError } from "../errors.js";
import { CLIENT_FLAGS, readPassword } from "../global-flags.js";
import type { Io } from "../io.js";
import { promptHidden } from "../password.js";
import { didYouMean } from "../suggest.js";

const ACTIONS = ["list", "get", "set", "unset", "use", "path"];

/** `smsc config`: list, read and write the config file's profiles. Secrets are shown as ***. */
export const config: Command = {
  name: "config",
  summary: "show or change config profiles (list | get KEY | set KEY VALUE | use NAME | path)",
  usage: "list | get <key> | set <key> [<value>] | unset <key> | use <name> | path [--profile NAME]",
  flags: {
    profile: CLIENT_FLAGS.profile,
    "password-stdin": {
      type: "boolean",
      help: "set password: read the value from stdin (asked without echo on a terminal)",
    },
  },
  notes: `  keys: ${Object.keys(PROFILE_KEYS).join(", ")}
  set writes the profile named by --profile (default: the file's default profile, else "default");
  use makes a profile the default. The file is written with mode 600. \`set password\` (or \`set apiKey\`)
  without a value asks for it without echo on a terminal; \`set password --password-stdin\` reads it from stdin.`,
  fields: ["path", "default", "profiles", "profile", "key", "value", "set", "unset"],
  completePositional(typed) {
    if (typed.length === 0) return ACTIONS;
    if (typed.length === 1 && ["get", "set", "unset"].includes(typed[0]!)) return Object.keys(PROFILE_KEYS);
    return [];
  },
  examples: [
    "smsc config set login my-login --profile prod",
    "smsc config set password --profile prod      # asks for it, without echo",
    "printf '%s' \"$PW\" | smsc config set password --password-stdin --profile prod",
    "smsc config set baseUrl http://127.0.0.1:8400 --profile sandbox",
    "smsc config use prod",
    "smsc config list",
  ],
  offline: true,
  async run({ values, positionals, env, io, signal }) {
    const path = configPath(env);
    const file = readConfig(path);
    const [action = "list", key, value] = positionals;
    const name = str(values, "profile") ?? env.SMSC_PROFILE ?? file.default ?? "default";
    const profiles = file.profiles ?? {};
    switch (action) {
      case "path":
        return { path };
      case "list":
        return {
          path,
          default: file.default ?? null,
          profiles: Object.fromEntries(Object.entries(profiles).map(([n, p]) => [n, maskProfile(p)])),
        };
      case "get": {
        if (key === undefined) throw new UsageError("config get needs a key");
        const v = profiles[name]?.[key as keyof Profile];
        return { profile: name, key, value: v === undefined ? null : SECRET_KEYS.has(key) ? "***" : v };
      }
      case "set":
      case "unset": {
        if (key === undefined) throw new UsageError(`config ${action} needs a key`);
        const given = action === "set" ? (value ?? (await secretValue(key, values, io, signal))) : undefined;
        const profile: Record<string, unknown> = { ...profiles[name] };
        if (given !== undefined) profile[key] = parseProfileValue(key, given);
        else delete profile[key];
        writeConfig(path, {
          ...file,
          default: file.default ?? name,
          profiles: { ...profiles, [name]: profile as Profile },
        });
        return { profile: name, key, [action === "set" ? "set" : "unset"]: true };
      }
      case "use":
        if (key === undefined || !profiles[key])
          throw new UsageError(`config use needs an existing profile name`);
        writeConfig(path, { ...file, default: key });
        return { default: key };
      default:
        throw new UsageError(
          `unknown config action "${action}".${didYouMean(action, ACTIONS) || ` Actions: ${ACTIONS.join(", ")}.`}`,
        );
    }
  },
  human: (r: Record<string, unknown>) => {
    if ("profiles" in r) {
      const ps = r.profiles as Record<string, Record<string, unknown>>;
      const lines = [`${r.path}`];
      for (const [n, p] of Object.entries(ps)) {
        lines.push(`${n === r.default ? "*" : " "} ${n}`);
        for (const [k, v] of Object.entries(p)) lines.push(`    ${k}: ${Array.isArray(v) ? v.join(",") : v}`);
      }
      if (Object.keys(ps).length === 0) lines.push("  (no profiles)");
      return lines.join("\n");
    }
    if ("value" in r) return r.value === null ? "" : String(r.value);
    if ("path" in r) return String(r.path);
    return Object.entries(r)
      .map(([k, v]) => `${k}: ${v}`)
      .join(", ");
  },
};

/**
 * The value of `config set <key>` given without one: a secret typed at a prompt without echo, or read from stdin
 * with --password-stdin, so that it never appears on a command line (shell history, ps).
 */
async function secretValue(
  key: string,
  values: Record<string, unknown>,
  io: Io,
  signal: AbortSignal,
): Promise<string> {
  if (values["password-stdin"] === true) {
    if (key !== "password")
      throw new UsageError("--password-stdin sets the password: smsc config set password");
    return readPassword(io, "password: ", signal);
  }
  if (SECRET_KEYS.has(key) && io.stdin?.isTTY === true) {
    const v = await promptHidden(`${key}: `, io.stdin, io.stderr, signal);
    if (v === "") throw new UsageError(`config set ${key}: empty value`);
    return v;
  }
  throw new UsageError(
    SECRET_KEYS.has(key)
      ? `config set ${key} needs a value: run it in a terminal to be asked${key === "password" ? ", or pipe it with --password-stdin" : ""}`
      : `config set ${key} needs a value`,
  );
}
