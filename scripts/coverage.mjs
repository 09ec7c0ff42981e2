// Renders the coverage table of README.md from the code: every particle-api-js 12.0.3 method (from
// scripts/particle-api-js-methods.json, taken from shared/reference/particle-api-js.md §3) with the package
// and function that implements it, and every endpoint we implement that particle-api-js lacks.
//   node scripts/coverage.mjs --write   rewrite the table between the markers in README.md
//   node scripts/coverage.mjs --check   exit 1 if README.md's table differs from the code (run by `pnpm test`)
import { readFileSync, writeFileSync, existsSync } from "node:fs"

const root = new URL("../", import.meta.url)
const methods = JSON.parse(readFileSync(new URL("scripts/particle-api-js-methods.json", root), "utf8"))
const packages = ["devices", "firmware", "events", "auth", "sims", "products", "libraries", "integrations", "logic", "ledger", "env"]

const implemented = new Map() // function name → { pkg, definition } or { pkg, stream: true }
for (const pkg of packages) {
  const dist = new URL(`packages/${pkg}/dist/index.js`, root)
  if (!existsSync(dist)) continue
  const mod = await import(dist.href)
  for (const [name, value] of Object.entries(mod)) {
    if (typeof value === "function" && value.definition) implemented.set(value.definition.name, { pkg, name, definition: value.definition })
    else if (typeof value === "function" && name.startsWith("stream")) implemented.set(name, { pkg, name })
  }
}

const routesOf = (d) => {
  const prefix = { user: "/v1", product: "/v1/products/{product}", org: "/v1/orgs/{org}", root: "" }
  return d.scopes.map((s) => `${d.method} ${prefix[s]}${d.path}`)
}

const aliases = { getEventStream: "stream" }
const lines = [
  "| particle-api-js method | endpoint | effect-particle |",
  "|---|---|---|"
]
let done = 0
for (const m of methods) {
  const ours = implemented.get(m.method) ?? implemented.get(aliases[m.method])
  if (ours) done++
  const where = ours ? `\`@effect-particle/${ours.pkg}\` \`${ours.name}\`` : `planned: \`@effect-particle/${m.package}\``
  lines.push(`| \`${m.method}\` | \`${m.verb} ${m.uri.replace(/\|/g, "\\|")}\` | ${where} |`)
}
const extra = [...implemented.values()].filter((o) => !methods.some((m) => m.method === o.name || aliases[m.method] === o.name))
const table = [
  `${done} of ${methods.length} particle-api-js methods are implemented.`,
  "",
  ...lines,
  "",
  "Endpoints particle-api-js lacks:",
  "",
  "| effect-particle | endpoint |",
  "|---|---|",
  ...extra.map((o) => `| \`@effect-particle/${o.pkg}\` \`${o.name}\` | ${o.definition ? routesOf(o.definition).map((r) => `\`${r}\``).join("<br>") : "every page of a paged list, as a Stream"} |`)
].join("\n")

const readmeUrl = new URL("README.md", root)
const readme = readFileSync(readmeUrl, "utf8")
const start = "<!-- coverage:start -->", end = "<!-- coverage:end -->"
const i = readme.indexOf(start), j = readme.indexOf(end)
if (i < 0 || j < 0) throw new Error("README.md lacks the coverage markers")
const next = readme.slice(0, i + start.length) + "\n" + table + "\n" + readme.slice(j)
if (process.argv.includes("--write")) {
  writeFileSync(readmeUrl, next)
  console.log(`coverage table written: ${done}/${methods.length} particle-api-js methods, ${extra.length} extra endpoints`)
} else if (next !== readme) {
  console.error("README.md's coverage table is out of date: run `node scripts/coverage.mjs --write`")
  process.exit(1)
} else {
  console.log(`coverage table up to date: ${done}/${methods.length} particle-api-js methods, ${extra.length} extra endpoints`)
}
