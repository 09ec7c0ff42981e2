// Cold start: import time and first-call time of a one-call program, unbundled (node_modules as installed)
// and bundled (esbuild --bundle --minify --platform=node --format=esm, one file), each in a fresh process,
// with the number of modules loaded. Run by run.js in a child process; standalone: node bench/coldstart.js
import * as esbuild from "esbuild"
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs"
import os from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { benchDir, forkServer, runChild, stopChild } from "./lib/common.js"

const { values: opts } = parseArgs({ options: { rounds: { type: "string", default: "7" } } })
const ROUNDS = Number(opts.rounds)
const programs = {
  ours: { label: "effect-particle (node layer, `effect` barrel)", file: "coldstart/ours.js" },
  "ours-deep": { label: "effect-particle (node layer, subpath imports of `effect`)", file: "coldstart/ours-deep.js" },
  "ours-web": { label: "effect-particle (`layerWeb`, subpath imports of `effect`)", file: "coldstart/ours-web.js" },
  peer: { label: "particle-api-js 12.0.3", file: "coldstart/peer.js" },
  bare: { label: "bare `node:http` + `JSON.parse` (the limit)", file: "coldstart/bare.js" }
}

const server = await forkServer(join(benchDir, "servers/variable-server.js"))
const base = `http://127.0.0.1:${server.port}`
const tmp = mkdtempSync(join(os.tmpdir(), "bench-coldstart-"))
const entry = join(benchDir, "coldstart/entry.js")

// the bundles
const variants = []
for (const [id, p] of Object.entries(programs)) {
  variants.push({ id, bundled: false, file: join(benchDir, p.file) })
  const out = join(tmp, `${id}.mjs`)
  await esbuild.build({
    entryPoints: [join(benchDir, p.file)],
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    outfile: out,
    logLevel: "silent",
    // CommonJS dependencies (particle-api-js) require Node built-ins at run time
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" }
  })
  variants.push({ id, bundled: true, file: out, bytes: statSync(out).size })
}

const runs = Object.fromEntries(variants.map((v) => [`${v.id}${v.bundled ? "-bundled" : ""}`, []]))
for (let r = 0; r < ROUNDS; r++) {
  for (const v of r % 2 === 0 ? variants : [...variants].reverse()) {
    runs[`${v.id}${v.bundled ? "-bundled" : ""}`].push(await runChild(entry, [v.file, base]))
  }
}
// module counts: one run per variant with the counting loader
const modules = {}
for (const v of variants) {
  const countFile = join(tmp, `count-${v.id}-${v.bundled}`)
  process.env.COLDSTART_COUNT_FILE = countFile
  const r = await runChild(entry, [v.file, base], ["--import", join(benchDir, "coldstart/count-hook.js")])
  let esm = 0
  try {
    esm = readFileSync(countFile, "utf8").split("\n").filter((l) => l && !l.endsWith("/coldstart/entry.js")).length
  } catch {
    esm = 0
  }
  const packages = {}
  try {
    for (const url of readFileSync(countFile, "utf8").split("\n").filter(Boolean)) {
      const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(url)
      const name = m
        ? m[1]
        : /\/packages\/([^/]+)\//.exec(url)
        ? `@effect-particle/${/\/packages\/([^/]+)\//.exec(url)[1]}`
        : "(program)"
      packages[name] = (packages[name] ?? 0) + 1
    }
  } catch {
    // no ES module loaded
  }
  modules[`${v.id}${v.bundled ? "-bundled" : ""}`] = { esm, cjs: r.cjsModules, packages }
}
delete process.env.COLDSTART_COUNT_FILE
await stopChild(server.child)
rmSync(tmp, { recursive: true, force: true })
const result = {
  rounds: ROUNDS,
  programs: Object.fromEntries(Object.entries(programs).map(([k, p]) => [k, p.label])),
  bundleBytes: Object.fromEntries(variants.filter((v) => v.bundled).map((v) => [v.id, v.bytes])),
  runs,
  modules
}
if (process.send) process.send({ type: "result", result })
else console.log(JSON.stringify(result, null, 1))
process.exit(0)
