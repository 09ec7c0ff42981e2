// Renders the README tables from the operation definitions, so the docs cannot drift from the code:
// - each package's function table (between <!-- operations:start --> and <!-- operations:end -->) is
//   Operation.markdownTable of the package's `operations` export, which must list every exported operation;
// - the root coverage table: every particle-api-js 12.0.3 method (scripts/particle-api-js-methods.json, from
//   shared/reference/particle-api-js.md §3) with the package and function implementing it, and every
//   endpoint we implement that particle-api-js lacks.
//   node scripts/docs.mjs --write   rewrite the tables
//   node scripts/docs.mjs --check   exit 1 if a README differs from the code (run by `pnpm test`)
import { readFileSync, writeFileSync, existsSync } from "node:fs"

const write = process.argv.includes("--write")
const stale = []
/** Replaces the text between two markers of a README, or records it as stale in --check mode. */
const sync = (url, start, end, content) => {
  const text = readFileSync(url, "utf8")
  const i = text.indexOf(start), j = text.indexOf(end)
  if (i < 0 || j < i) throw new Error(`${url.pathname} lacks the markers ${start} … ${end}`)
  const next = text.slice(0, i + start.length) + "\n" + content + "\n" + text.slice(j)
  if (next === text) return
  if (write) writeFileSync(url, next)
  else stale.push(url.pathname)
}

const root = new URL("../", import.meta.url)
const methods = JSON.parse(readFileSync(new URL("scripts/particle-api-js-methods.json", root), "utf8"))
const packages = ["devices", "firmware", "events", "auth", "sims", "products", "libraries", "integrations", "logic", "ledger", "env"]

const { Operation } = await import(new URL("packages/core/dist/index.js", root).href)
const implemented = new Map() // function name → { pkg, definition } or { pkg, stream: true }
for (const pkg of packages) {
  const dist = new URL(`packages/${pkg}/dist/index.js`, root)
  if (!existsSync(dist)) continue
  const mod = await import(dist.href)
  const exported = Object.values(mod).filter((v) => typeof v === "function" && v.definition)
  const listed = mod.operations ?? []
  if (exported.length !== listed.length || exported.some((op) => !listed.includes(op))) {
    throw new Error(`@effect-particle/${pkg}: \`operations\` must list every exported operation exactly once`)
  }
  sync(new URL(`packages/${pkg}/README.md`, root), "<!-- operations:start -->", "<!-- operations:end -->", Operation.markdownTable(listed))
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

sync(new URL("README.md", root), "<!-- coverage:start -->", "<!-- coverage:end -->", table)
if (stale.length > 0) {
  console.error(`out of date: ${stale.join(", ")}: run \`node scripts/docs.mjs --write\``)
  process.exit(1)
}
console.log(`README tables ${write ? "written" : "up to date"}: ${done}/${methods.length} particle-api-js methods, ${extra.length} extra endpoints`)
