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
import { UsageError } from "../exit-codes.js";

/** `smsc config`: list, read and write the config file's profiles. Secrets are shown as ***. */
export const config: Command = {
  name: "config",
  summary: "show or change config profiles (list | get KEY | set KEY VALUE | use NAME | path)",
  usage: `list | get <key> | set <key> <value> | unset <key> | use <name> | path [--profile NAME]
  keys: ${Object.keys(PROFILE_KEYS).join(", ")}
  set writes the profile named by --profile (default: the file's default profile, else "default");
  use makes a profile the default. The file is written with mode 600.`,
  examples: [
    "smsc config set login my-login --profile prod",
    "smsc config set password 's3cret' --profile prod",
    "smsc config set baseUrl http://127.0.0.1:8400 --profile sandbox",
    "smsc config use prod",
    "smsc config list",
  ],
  offline: true,
  options: {},
  async run({ values, positionals, env }) {
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
        if (key === undefined || (action === "set" && value === undefined))
          throw new UsageError(`config ${action} needs a key${action === "set" ? " and a value" : ""}`);
        const profile: Record<string, unknown> = { ...profiles[name] };
        if (action === "set") profile[key] = parseProfileValue(key, value!);
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
        throw new UsageError(`unknown config action "${action}" (list, get, set, unset, use, path)`);
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
