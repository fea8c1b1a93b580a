// Copies the sandbox's non-code assets (SQL migrations, web inbox, API page) into dist/ after a build.
import { cpSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "packages", "sandbox");
for (const [from, to] of [
  ["src/store/migrations", "dist/migrations"],
  ["src/inbox/public", "dist/inbox"],
  ["src/http/openapi/public", "dist/api-docs"],
]) {
  if (existsSync(join(root, from))) cpSync(join(root, from), join(root, to), { recursive: true });
}
