// `prepack` of every published package (`"prepack": "node ../../scripts/prepack.mjs"`), run by `pnpm pack`
// and `pnpm publish` (so by `pnpm release`) in the package's folder:
// 1. refuses any packer but pnpm while the manifest has `workspace:` ranges: npm and yarn 1 would copy
//    `workspace:^` into the tarball's package.json, which no registry install can resolve; pnpm rewrites it
//    to the workspace package's version (`^0.1.0`);
// 2. builds the package and what it depends on (turbo, cached: a no-op when `pnpm build` ran).
import { spawnSync } from "node:child_process"
import { readFileSync } from "node:fs"

const manifest = JSON.parse(readFileSync("package.json", "utf8"))
const agent = process.env.npm_config_user_agent ?? ""
const fields = ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"]
const workspaceRanges = fields.flatMap((field) =>
  Object.entries(manifest[field] ?? {}).filter(([, range]) => String(range).startsWith("workspace:"))
    .map(([name, range]) => `${name}@${range}`)
)

if (workspaceRanges.length > 0 && !agent.startsWith("pnpm/")) {
  console.error(
    `${manifest.name}: pack and publish with pnpm (pnpm pack, pnpm publish, pnpm release), not ${
      agent.split(" ")[0] || "this tool"
    }: it would leave ${workspaceRanges.join(", ")} in the tarball, which npm cannot install.`
  )
  process.exit(1)
}

const turbo = spawnSync(
  "turbo",
  ["run", "build", `--filter=${manifest.name}...`, "--output-logs=errors-only"],
  { stdio: ["ignore", process.stderr, process.stderr], env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } }
)
if (turbo.error) {
  console.error(`${manifest.name}: could not run turbo to build before packing: ${turbo.error.message}`)
  process.exit(1)
}
process.exit(turbo.status ?? 1)
