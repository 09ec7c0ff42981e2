// The packages as npm users get them, checked without the network (run by `pnpm test`, after the build).
// Every non-private package of the workspace (found from pnpm-workspace.yaml, so a new one is covered):
// 1. its manifest: MIT with the repository's LICENSE beside it, repository (with its directory), homepage,
//    bugs, engines, ESM exports with `types` / `import` / `default` (so Node's require(esm) finds them), the
//    prepack build and pnpm guard, public access, effect 3 peers; its README's install lines pin effect 3;
// 2. `pnpm pack` (which runs prepack, and rewrites `workspace:^` to the version): no `workspace:` left in
//    the tarball, LICENSE and README in it, every export and bin target in it; `publint --strict` and
//    `attw --profile esm-only` on the tarball;
// 3. the tarballs installed side by side (with the dependencies already in the workspace, no registry):
//    every entry point loads with `import` and with `require`, the simulator's bin starts, and the SDK
//    from the tarballs calls it;
// 4. a plain `npm pack` is refused (it would keep `workspace:^`);
// 5. the release, dry: `changeset version` in a copy of the manifests and changesets, then
//    scripts/sync-version.mjs: every package with a changeset gets a higher version and a CHANGELOG entry.
//   node scripts/check-packages.mjs [--keep]   (--keep: leave the temporary folder and print its path)
import { execFileSync, spawn, spawnSync } from "node:child_process"
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { publint } from "publint"
import { formatMessage } from "publint/utils"

const root = fileURLToPath(new URL("../", import.meta.url))
const keep = process.argv.includes("--keep")
const problems = []
const phases = []
let phaseStart = performance.now()
const phase = (name) => {
  const now = performance.now()
  phases.push(`${name} ${((now - phaseStart) / 1000).toFixed(1)} s`)
  phaseStart = now
}
const fail = (pkg, what) => problems.push(`${pkg}: ${what}`)
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"))

// ------------------------------------------------------------------------------------------------ packages
/** The workspace's package folders, from pnpm-workspace.yaml (`dir/*` and plain folders). */
const workspaceDirs = () => {
  const yaml = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8")
  const list = /^packages:\n((?:\s+-.*\n?)+)/m.exec(yaml)?.[1] ?? ""
  const patterns = [...list.matchAll(/^\s+-\s*["']?([^"'\n]+?)["']?\s*$/gm)].map((m) => m[1])
  return patterns.flatMap((p) =>
    p.endsWith("/*")
      ? readdirSync(join(root, p.slice(0, -2)), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => `${p.slice(0, -2)}/${d.name}`)
      : [p]
  ).filter((dir) => existsSync(join(root, dir, "package.json"))).sort()
}
const all = workspaceDirs().map((dir) => ({ dir, manifest: readJson(join(root, dir, "package.json")) }))
const published = all.filter((p) => p.manifest.private !== true)
const versions = new Map(all.map((p) => [p.manifest.name, p.manifest.version]))
const rootManifest = readJson(join(root, "package.json"))
const license = readFileSync(join(root, "LICENSE"), "utf8")
const repositoryUrl = published[0]?.manifest.repository?.url

// -------------------------------------------------------------------------------------------- 1. manifests
const installLine = /npm (?:install|i|add)\b[^\n]*/g
const checkInstallLines = (name, file) => {
  if (!existsSync(file)) return
  for (const [line] of readFileSync(file, "utf8").matchAll(installLine)) {
    const words = line.split(/\s+/)
    for (const w of words) {
      if (/^effect(@|$)/.test(w) && !w.startsWith("effect@^3.")) {
        fail(
          name,
          `${relative(root, file)}: "${line}" installs ${w}; pin effect 3 (effect@^3.22): npm's latest is effect 4`
        )
      }
      if (/^@effect\/platform(@|$)/.test(w) && !w.startsWith("@effect/platform@^0.")) {
        fail(name, `${relative(root, file)}: "${line}" installs ${w}; pin it (@effect/platform@^0.97)`)
      }
    }
  }
}

for (const { dir, manifest: m } of published) {
  const name = m.name
  if (m.license !== "MIT") fail(name, `license is ${m.license}, not MIT`)
  if (!existsSync(join(root, dir, "LICENSE")) || readFileSync(join(root, dir, "LICENSE"), "utf8") !== license) {
    fail(name, `${dir}/LICENSE must be a copy of the repository's LICENSE (MIT)`)
  }
  if (
    m.repository?.type !== "git" || !/^git\+https:\/\/.+\.git$/.test(m.repository?.url ?? "") ||
    m.repository.url !== repositoryUrl || m.repository.directory !== dir
  ) {
    fail(name, `repository must be { type: "git", url: "${repositoryUrl}", directory: "${dir}" }`)
  }
  if (typeof m.homepage !== "string" || !m.homepage.startsWith("https://")) fail(name, "homepage missing")
  if (typeof m.bugs?.url !== "string") fail(name, "bugs.url missing")
  if (m.engines?.node !== rootManifest.engines.node) fail(name, `engines.node must be "${rootManifest.engines.node}"`)
  if (m.type !== "module") fail(name, `type must be "module"`)
  for (const [entry, target] of Object.entries(m.exports ?? {})) {
    const keys = typeof target === "object" && target !== null ? Object.keys(target) : []
    if (keys.join() !== "types,import,default" || target.import !== target.default) {
      fail(name, `exports["${entry}"] must be { types, import, default } with default = import (require(esm))`)
    }
  }
  if (m.exports === undefined) fail(name, "no exports")
  if (!m.files?.includes("dist")) fail(name, `files must include "dist"`)
  if (m.scripts?.prepack !== "node ../../scripts/prepack.mjs") {
    fail(name, `scripts.prepack must be "node ../../scripts/prepack.mjs" (build, and refuse npm pack)`)
  }
  if (m.publishConfig?.access !== "public") fail(name, `publishConfig.access must be "public"`)
  for (const [peer, range] of Object.entries(m.peerDependencies ?? {})) {
    if (peer === "effect" && !/^\^3\.\d+\.\d+$/.test(range)) fail(name, `peer effect ${range} is not effect 3 (^3.x.y)`)
    if (peer.startsWith("@effect/") && !/^\^0\.\d+\.\d+$/.test(range)) {
      fail(name, `peer ${peer} ${range} must be a ^0.x.y range of effect 3's line`)
    }
  }
  checkInstallLines(name, join(root, dir, "README.md"))
}
checkInstallLines("README.md", join(root, "README.md"))

phase("manifests")
// --------------------------------------------------------------------------------------------- 2. tarballs
const tmp = mkdtempSync(join(tmpdir(), "effect-particle-packages-"))
const tarballs = join(tmp, "tarballs")
mkdirSync(tarballs)
// pnpm on the PATH (as under `pnpm test`: prepack's turbo needs it there too), else through npx
const pnpm = spawnSync("pnpm", ["--version"]).status === 0
  ? { command: "pnpm", args: [] }
  : { command: "npx", args: ["--yes", `pnpm@${rootManifest.packageManager.split("@")[1]}`] }

const unpacked = new Map()
const report = []
for (const { dir, manifest: m } of published) {
  const name = m.name
  const packed = spawnSync(pnpm.command, [...pnpm.args, "pack", "--pack-destination", tarballs], {
    cwd: join(root, dir),
    encoding: "utf8"
  })
  const file = join(tarballs, `${name.replace(/^@/, "").replace("/", "-")}-${m.version}.tgz`)
  if (packed.status !== 0 || !existsSync(file)) {
    fail(name, `pnpm pack failed:\n${packed.stdout}\n${packed.stderr}`)
    continue
  }
  const into = join(tmp, "unpacked", dir)
  mkdirSync(into, { recursive: true })
  execFileSync("tar", ["-xzf", file, "-C", into])
  const pkgDir = join(into, "package")
  unpacked.set(name, pkgDir)
  const packedText = readFileSync(join(pkgDir, "package.json"), "utf8")
  const packedManifest = JSON.parse(packedText)
  if (packedText.includes("workspace:")) fail(name, "the tarball's package.json still has a workspace: range")
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [dep, range] of Object.entries(packedManifest[field] ?? {})) {
      if (String(m[field][dep]).startsWith("workspace:") && range !== `^${versions.get(dep)}`) {
        fail(name, `tarball ${field}.${dep} is ${range}, expected ^${versions.get(dep)}`)
      }
    }
  }
  if (!existsSync(join(pkgDir, "LICENSE"))) fail(name, "no LICENSE in the tarball")
  if (!existsSync(join(pkgDir, "README.md"))) fail(name, "no README.md in the tarball")
  const targets = [
    ...Object.values(packedManifest.exports ?? {}).flatMap((t) => Object.values(t)),
    ...Object.values(typeof packedManifest.bin === "string" ? { bin: packedManifest.bin } : packedManifest.bin ?? {})
  ]
  for (const t of targets) if (!existsSync(join(pkgDir, t))) fail(name, `${t} is not in the tarball`)

  const data = readFileSync(file)
  const lint = await publint({
    pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
    strict: true,
    level: "suggestion"
  })
  const lintLines = lint.messages.map((msg) => `${msg.type}: ${formatMessage(msg, lint.pkg) ?? msg.code}`)
  if (lint.messages.length > 0) fail(name, `publint --strict:\n  ${lintLines.join("\n  ")}`)

  const attw = spawnSync(join(root, "node_modules/.bin/attw"), [file, "--profile", "esm-only", "--format", "json"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024
  })
  let attwVerdict = "FAILED"
  try {
    const { analysis } = JSON.parse(attw.stdout)
    const ignored = [...new Set(Object.values(analysis.problems).flat().map((p) => `${p.resolutionKind} ${p.kind}`))]
    const entries = Object.keys(analysis.entrypoints)
    attwVerdict = attw.status === 0
      ? `no problems (${entries.length} entry point${entries.length > 1 ? "s" : ""}; ignored for ESM-only: ${
        ignored.join(", ") || "none"
      })`
      : `problems: ${ignored.join(", ")}`
  } catch {
    attwVerdict = `unreadable output: ${attw.stderr}`
  }
  if (attw.status !== 0) fail(name, `attw --profile esm-only: ${attwVerdict}`)
  report.push(
    `${name}@${m.version}: publint --strict ${lint.messages.length === 0 ? "All good!" : lintLines.join("; ")}` +
      ` · attw --profile esm-only ${attwVerdict}`
  )
}

phase("pack, publint, attw")
// ------------------------------------------------------------------------------ 3. installed side by side
/** The folder of `dep` as seen from `fromDir` (node_modules lookup upwards, as Node does). */
const findDep = (dep, fromDir) => {
  for (let d = fromDir;; d = dirname(d)) {
    const candidate = join(d, "node_modules", dep)
    if (existsSync(join(candidate, "package.json"))) return candidate
    if (dirname(d) === d) return undefined
  }
}

const consumer = join(tmp, "consumer")
const modules = join(consumer, "node_modules")
mkdirSync(modules, { recursive: true })
writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }))
for (const [name, pkgDir] of unpacked) {
  mkdirSync(dirname(join(modules, name)), { recursive: true })
  cpSync(pkgDir, join(modules, name), { recursive: true })
}
for (const { dir, manifest: m } of published) {
  for (const dep of Object.keys({ ...m.dependencies, ...m.peerDependencies })) {
    if (unpacked.has(dep) || existsSync(join(modules, dep))) continue
    const found = findDep(dep, join(root, dir))
    if (found === undefined) {
      fail(m.name, `dependency ${dep} is not installed in the workspace`)
      continue
    }
    mkdirSync(dirname(join(modules, dep)), { recursive: true })
    symlinkSync(found, join(modules, dep), "dir")
  }
}

const entryPoints = [...unpacked.keys()].flatMap((name) => {
  const exportsMap = readJson(join(modules, name, "package.json")).exports ?? {}
  return Object.keys(exportsMap).map((k) => (k === "." ? name : `${name}/${k.slice(2)}`))
})
writeFileSync(
  join(consumer, "import.mjs"),
  `const names = ${JSON.stringify(entryPoints)}
for (const n of names) {
  const m = await import(n)
  if (Object.keys(m).length === 0) throw new Error(n + " exports nothing")
}
console.log("import: " + names.length + " entry points")
`
)
writeFileSync(
  join(consumer, "require.cjs"),
  `const names = ${JSON.stringify(entryPoints)}
for (const n of names) {
  const m = require(n)
  if (Object.keys(m).length === 0) throw new Error(n + " exports nothing")
}
console.log("require: " + names.length + " entry points")
`
)
const runNode = (args) => spawnSync(process.execPath, args, { cwd: consumer, encoding: "utf8" })
const imported = runNode(["import.mjs"])
if (imported.status !== 0) fail("consumer", `import failed:\n${imported.stderr}`)
let required = runNode(["require.cjs"])
let requireNote = `require(esm) works on Node ${process.version} without a flag`
if (required.status !== 0 && /ERR_REQUIRE_ESM/.test(required.stderr)) {
  required = runNode(["--experimental-require-module", "require.cjs"])
  requireNote = `require(esm) on Node ${process.version} needs --experimental-require-module`
}
if (required.status !== 0) fail("consumer", `require failed:\n${required.stderr}`)
if (required.status === 0 && process.features.require_module) {
  // what a Node without require(esm) says (before 20.19, or with it turned off): that the package is ESM
  const off = runNode(["--no-experimental-require-module", "require.cjs"])
  const code = /code: '([A-Z_]+)'/.exec(off.stderr)?.[1]
  if (off.status !== 0) requireNote += `; with it off (--no-experimental-require-module) require() fails with ${code}`
}
const requireWarning = /ExperimentalWarning[^\n]*/.exec(required.stderr ?? "")?.[0]
if (requireWarning) requireNote += ` (it warns: ${requireWarning.trim()})`

// the simulator's bin from its tarball, and the SDK from the tarballs calling it
if (unpacked.has("@effect-particle/simulator") && unpacked.has("@effect-particle/devices")) {
  writeFileSync(
    join(consumer, "call.mjs"),
    `import { ParticleClient } from "@effect-particle/core"
import { listDevices } from "@effect-particle/devices"
import { Effect, Redacted } from "effect"
const [url, token] = process.argv.slice(2)
const devices = await Effect.runPromise(
  listDevices().pipe(Effect.provide(ParticleClient.layerFetch({ baseUrl: url, accessToken: Redacted.make(token) })))
)
console.log(devices.length + " devices")
`
  )
  const bin = join(
    modules,
    "@effect-particle/simulator",
    readJson(join(modules, "@effect-particle/simulator/package.json")).bin["particle-sim"]
  )
  const sim = spawn(process.execPath, [bin, "--json"], { cwd: consumer, stdio: ["ignore", "pipe", "pipe"] })
  const started = await new Promise((resolve) => {
    let out = ""
    const timer = setTimeout(() => resolve(undefined), 60_000)
    sim.stdout.on("data", (chunk) => {
      out += chunk
      if (out.includes("\n")) {
        clearTimeout(timer)
        resolve(JSON.parse(out.split("\n")[0]))
      }
    })
    sim.on("exit", () => resolve(undefined))
  })
  if (started === undefined) fail("@effect-particle/simulator", "particle-sim --json did not print its URL")
  else {
    const call = runNode(["call.mjs", started.url, started.accessToken])
    if (call.status !== 0 || !/^\d+ devices$/m.test(call.stdout)) {
      fail("consumer", `listDevices from the tarballs against particle-sim failed:\n${call.stdout}${call.stderr}`)
    } else report.push(`tarballs: listDevices against particle-sim from the simulator's tarball: ${call.stdout.trim()}`)
  }
  sim.kill("SIGTERM")
}

phase("installed side by side")
// ----------------------------------------------------------------------------------- 4. npm pack refused
const guarded = published.find((p) =>
  Object.values(p.manifest.dependencies ?? {}).some((r) => r.startsWith("workspace:"))
)
if (guarded) {
  const npm = spawnSync("npm", ["pack", "--dry-run", "--pack-destination", tarballs], {
    cwd: join(root, guarded.dir),
    encoding: "utf8",
    env: { ...process.env, npm_config_user_agent: "" }
  })
  if (npm.status === 0 || !/pack and publish with pnpm/.test(npm.stderr)) {
    fail(guarded.manifest.name, `a plain npm pack was not refused:\n${npm.stdout}${npm.stderr}`)
  } else report.push(`npm pack in ${guarded.dir}: refused by prepack (it would keep workspace:^)`)
}

phase("npm pack refused")
// --------------------------------------------------------------------------------------- 5. release, dry
const copy = join(tmp, "release")
for (const file of ["package.json", "pnpm-workspace.yaml", ".changeset"]) {
  cpSync(join(root, file), join(copy, file), { recursive: true })
}
for (const { dir } of all) {
  for (const file of ["package.json", "CHANGELOG.md", "src/internal/version.ts"]) {
    if (existsSync(join(root, dir, file))) cpSync(join(root, dir, file), join(copy, dir, file))
  }
}
const pending = readdirSync(join(root, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md")
const bumped = new Set()
for (const f of pending) {
  const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(root, ".changeset", f), "utf8"))?.[1] ?? ""
  for (const [, pkg] of front.matchAll(/^["']?([^"':]+)["']?\s*:\s*(?:major|minor|patch)\s*$/gm)) {
    if (!versions.has(pkg)) fail(`.changeset/${f}`, `names ${pkg}, which is not a workspace package`)
    bumped.add(pkg)
  }
}
const version = spawnSync(join(root, "node_modules/.bin/changeset"), ["version"], { cwd: copy, encoding: "utf8" })
if (version.status !== 0) fail("changeset version", `${version.stdout}${version.stderr}`)
const synced = spawnSync(process.execPath, [join(root, "scripts/sync-version.mjs"), copy], { encoding: "utf8" })
if (synced.status !== 0) fail("sync-version", synced.stderr)
const newer = (a, b) => {
  const [x, y] = [a, b].map((v) => v.split(/[.-]/).slice(0, 3).map(Number))
  return x[0] !== y[0] ? x[0] > y[0] : x[1] !== y[1] ? x[1] > y[1] : x[2] > y[2]
}
for (const { dir, manifest: m } of all) {
  const after = readJson(join(copy, dir, "package.json"))
  if (bumped.has(m.name)) {
    if (!newer(after.version, m.version)) fail(m.name, `changeset version left it at ${after.version}`)
    const changelog = join(copy, dir, "CHANGELOG.md")
    if (!existsSync(changelog) || !readFileSync(changelog, "utf8").includes(`## ${after.version}`)) {
      fail(m.name, `changeset version wrote no CHANGELOG.md entry for ${after.version}`)
    }
  }
  const versionFile = join(copy, dir, "src/internal/version.ts")
  if (existsSync(versionFile) && !readFileSync(versionFile, "utf8").includes(`"${after.version}"`)) {
    fail(m.name, `src/internal/version.ts does not say ${after.version} after sync-version`)
  }
  for (const [dep, range] of Object.entries(m.dependencies ?? {})) {
    if (range.startsWith("workspace:") && after.dependencies[dep] !== range) {
      fail(m.name, `changeset version rewrote ${dep}: ${range} to ${after.dependencies[dep]}`)
    }
  }
}
const left = readdirSync(join(copy, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md")
if (left.length > 0) fail("changeset version", `left ${left.join(", ")} unapplied`)
const releases = all.filter((p) => bumped.has(p.manifest.name)).map((p) =>
  `${p.manifest.name} ${p.manifest.version} → ${readJson(join(copy, p.dir, "package.json")).version}`
)
report.push(
  `release (dry): changeset version applied ${pending.length} changesets: ${
    releases.join(", ") || "nothing to release"
  }`
)

phase("release, dry")
// ------------------------------------------------------------------------------------------------- verdict
for (const line of report) console.log(line)
console.log(`times: ${phases.join(", ")}`)
console.log(requireNote)
if (keep) console.log(`kept: ${tmp}`)
else rmSync(tmp, { recursive: true, force: true })
if (problems.length > 0) {
  console.error(`package check FAILED (${problems.length}):\n- ${problems.join("\n- ")}`)
  process.exit(1)
}
console.log(`package check OK: ${published.length} packages (${published.map((p) => p.dir).join(", ")})`)
