// Writes each workspace package's version into its `src/internal/version.ts` (`export const version = "…"`),
// where it has one (core: the default User-Agent). `pnpm release` runs it after `changeset version`.
//   node scripts/sync-version.mjs [root]   (default: this repository)
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const root = resolve(process.argv[2] ?? fileURLToPath(new URL("../", import.meta.url)))
const line = /export const version = "[^"]*"/

for (const dir of readdirSync(join(root, "packages"))) {
  const file = join(root, "packages", dir, "src/internal/version.ts")
  const manifest = join(root, "packages", dir, "package.json")
  if (!existsSync(file) || !existsSync(manifest)) continue
  const { name, version } = JSON.parse(readFileSync(manifest, "utf8"))
  const text = readFileSync(file, "utf8")
  if (!line.test(text)) throw new Error(`${file} has no \`export const version = "…"\``)
  const next = text.replace(line, `export const version = "${version}"`)
  if (next !== text) {
    writeFileSync(file, next)
    console.log(`${name}: src/internal/version.ts = ${version}`)
  }
}
