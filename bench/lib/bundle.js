// Browser bundle sizes with esbuild and rollup (+node-resolve, +terser), minified, gzip -9.
import { nodeResolve } from "@rollup/plugin-node-resolve"
import terser from "@rollup/plugin-terser"
import * as esbuild from "esbuild"
import { brotliCompressSync, constants as zc, gzipSync } from "node:zlib"
import { rollup } from "rollup"
import { benchDir } from "./common.js"

const layer = `ParticleClient.layerWeb({ accessToken: Redacted.make("token") })`
const platformLayer = `ParticleClient.layerFetch({ accessToken: Redacted.make("token") })`
const head =
  `import { ParticleClient } from "@effect-particle/core"\nimport { Effect, Redacted, Stream } from "effect"\n`
const devOps = [
  "getVariable",
  "callFunction",
  "getDevice",
  "listDevices",
  "renameDevice",
  "setDeviceNotes",
  "signalDevice",
  "pingDevice",
  "removeDevice",
  "claimDevice"
]
const opsProgram = (n) =>
  head +
  `import { ${devOps.slice(0, n).join(", ")} } from "@effect-particle/devices"\n` +
  `const input = { deviceId: "0123456789abcdef01234567", name: "temperature", argument: "on", notes: "n", signal: true, id: "0123456789abcdef01234567" }\n` +
  `Effect.runPromise(Effect.all([${
    devOps.slice(0, n).map((o) => `${o}(input)`).join(", ")
  }]).pipe(Effect.provide(${layer}))).then(console.log, console.error)\n`

/** The programs measured (browser ESM). */
export const programs = {
  "one-call": {
    title: "one `getVariable` call (`layerWeb`, the browser layer over plain `fetch`)",
    source: head +
      `import { getVariable } from "@effect-particle/devices"\n` +
      `Effect.runPromise(getVariable({ deviceId: "0123456789abcdef01234567", name: "temperature" }).pipe(Effect.provide(${layer}))).then(console.log, console.error)\n`
  },
  "one-call-platform": {
    title: "one `getVariable` call (`layerFetch`, over `@effect/platform`'s `FetchHttpClient`)",
    source: head +
      `import { getVariable } from "@effect-particle/devices"\n` +
      `Effect.runPromise(getVariable({ deviceId: "0123456789abcdef01234567", name: "temperature" }).pipe(Effect.provide(${platformLayer}))).then(console.log, console.error)\n`
  },
  "two-ops": { title: "2 operations (`getVariable`, `callFunction`)", source: opsProgram(2) },
  "ten-ops": { title: "10 device operations", source: opsProgram(10) },
  events: {
    title: "events `stream` (all my devices, logging each event)",
    source: head +
      `import { stream } from "@effect-particle/events"\n` +
      `Effect.runPromise(stream({ deviceId: "mine" }).pipe(Stream.runForEach((e) => Effect.sync(() => console.log(e.name, e.data))), Effect.provide(${layer})))\n`
  },
  all: {
    title: "every domain package (`import *` from core, devices, events, firmware)",
    source: `import * as Core from "@effect-particle/core"\nimport * as Devices from "@effect-particle/devices"\n` +
      `import * as Events from "@effect-particle/events"\nimport * as Firmware from "@effect-particle/firmware"\n` +
      `console.log(Core, Devices, Events, Firmware)\n`
  },
  "floor-effect": {
    title: "Effect floor: `Effect.runPromise(Effect.succeed(1))`",
    source: `import { Effect } from "effect"\nEffect.runPromise(Effect.succeed(1)).then(console.log)\n`
  },
  "floor-http": {
    title:
      "Effect floor with the same modules: Effect + Schema + HttpClient (FetchHttpClient), one GET decoded with a Schema",
    source:
      `import { Effect, Schema } from "effect"\nimport { FetchHttpClient, HttpClient, HttpClientResponse } from "@effect/platform"\n` +
      `const Variable = Schema.Struct({ name: Schema.String, result: Schema.Union(Schema.Number, Schema.String, Schema.Boolean) })\n` +
      `const program = HttpClient.get("https://api.particle.io/v1/devices/0123456789abcdef01234567/temperature", { headers: { authorization: "Bearer token" } }).pipe(\n` +
      `  Effect.flatMap(HttpClientResponse.filterStatusOk), Effect.flatMap(HttpClientResponse.schemaBodyJson(Variable)), Effect.scoped, Effect.provide(FetchHttpClient.layer))\n` +
      `Effect.runPromise(program).then(console.log, console.error)\n`
  },
  "particle-api-js-nopolyfill": {
    title:
      "particle-api-js 12.0.3 one call, with `buffer`, `events`, `url`, `process` left out (external): the code without the polyfills it needs",
    source:
      `import Particle from "particle-api-js"\nnew Particle().getVariable({ deviceId: "x", name: "y", auth: "t" }).then(console.log)\n`,
    external: ["buffer", "events", "url", "process"]
  }
}

export const sizes = (code) => {
  const buf = Buffer.from(code)
  return {
    min: buf.length,
    gz: gzipSync(buf, { level: 9 }).length,
    br: brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length
  }
}

const packageOf = (path) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(path)
  if (m) return m[1]
  const w = /(?:^|\/)packages\/([^/]+)\//.exec(path)
  if (w) return `@effect-particle/${w[1]}`
  return path
}

/** esbuild: bundle + minify for the browser; returns sizes and bytes per package (minified, before gzip). */
export const esbuildBundle = async (source, { external = [], extra = {} } = {}) => {
  const r = await esbuild.build({
    stdin: { contents: source, resolveDir: benchDir, sourcefile: "entry.js", loader: "js" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
    external,
    ...extra
  })
  const code = r.outputFiles[0].text
  const byPackage = {}
  for (const out of Object.values(r.metafile.outputs)) {
    for (const [path, v] of Object.entries(out.inputs)) {
      const p = path === "entry.js" ? "(program)" : packageOf(path)
      byPackage[p] = (byPackage[p] ?? 0) + v.bytesInOutput
    }
  }
  const nodeBuiltins = Object.keys(r.metafile.inputs).filter((p) => p.startsWith("node:"))
  return { ...sizes(code), byPackage, nodeBuiltins, code }
}

/** rollup + node-resolve (browser) + terser. */
export const rollupBundle = async (source, { external = [], treeshake, terserOptions } = {}) => {
  const ENTRY = benchDir + "__bundle_entry__.js"
  const bundle = await rollup({
    input: ENTRY,
    external,
    treeshake,
    onwarn: () => {},
    plugins: [
      { name: "entry", resolveId: (id) => (id === ENTRY ? ENTRY : null), load: (id) => (id === ENTRY ? source : null) },
      nodeResolve({ browser: true, preferBuiltins: false }),
      terser(terserOptions)
    ]
  })
  const { output } = await bundle.generate({ format: "es" })
  await bundle.close()
  return sizes(output[0].code)
}
