import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The sandbox's files that are not code: its numbered SQL migrations and the web inbox's static files. */
export type AssetFolder = "migrations" | "inbox";

/**
 * Where each folder is, relative to this module, and a file it must hold: `src/store/migrations` and
 * `src/inbox/public` in the sources, `dist/migrations` and `dist/inbox` in the bundle (scripts/copy-assets.mjs
 * copies them there).
 */
const PLACES: Record<AssetFolder, { dirs: readonly string[]; marker: string }> = {
  migrations: { dirs: ["./store/migrations/", "./migrations/"], marker: "0001_init.sql" },
  inbox: { dirs: ["./inbox/public/", "./inbox/"], marker: "index.html" },
};

interface SeaModule {
  isSea(): boolean;
  getAssetKeys(): string[];
  getAsset(key: string): ArrayBuffer;
}

let sea: SeaModule | null | undefined;

/**
 * node:sea when this code runs as a single executable application (scripts/build-standalone.mjs embeds both
 * folders as assets keyed `<folder>/<name>`), otherwise null.
 */
function embedded(): SeaModule | null {
  if (sea === undefined) {
    try {
      const mod = createRequire(import.meta.url)("node:sea") as SeaModule;
      sea = mod.isSea() ? mod : null;
    } catch {
      sea = null;
    }
  }
  return sea;
}

/** The folder on disk. Throws in a single executable, whose files are embedded, and when the folder is missing. */
export function assetDir(folder: AssetFolder): string {
  const { dirs, marker } = PLACES[folder];
  for (const rel of dirs) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(join(dir, marker))) return dir;
  }
  throw new Error(
    `the sandbox's ${folder} files are missing (looked for ${dirs.join(" and ")} next to the code)`,
  );
}

/** The names of a folder's files, sorted: from the executable's assets, or from the folder on disk. */
export function assetNames(folder: AssetFolder): string[] {
  const s = embedded();
  const names = s
    ? s
        .getAssetKeys()
        .filter((k) => k.startsWith(`${folder}/`))
        .map((k) => k.slice(folder.length + 1))
    : readdirSync(assetDir(folder));
  return names.sort();
}

/** A file's bytes, or undefined when the folder has no such file. `name` is a plain file name. */
export function readAsset(folder: AssetFolder, name: string): Buffer | undefined {
  if (!/^[\w.-]+$/.test(name) || name.startsWith(".")) return undefined;
  const s = embedded();
  if (s)
    return s.getAssetKeys().includes(`${folder}/${name}`)
      ? Buffer.from(s.getAsset(`${folder}/${name}`))
      : undefined;
  try {
    return readFileSync(join(assetDir(folder), name));
  } catch {
    return undefined;
  }
}
