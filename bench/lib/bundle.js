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
  "one-call-subpath": {
    title:
      "one `getVariable` call (`layerWeb`), with `effect` and the client imported by subpath (`effect/Effect`, `@effect-particle/core/ParticleClient`)",
    source: `import * as ParticleClient from "@effect-particle/core/ParticleClient"\n` +
      `import { getVariable } from "@effect-particle/devices"\n` +
      `import * as Effect from "effect/Effect"\nimport * as Redacted from "effect/Redacted"\n` +
      `Effect.runPromise(getVariable({ deviceId: "0123456789abcdef01234567", name: "temperature" }).pipe(Effect.provide(${layer}))).then(console.log, console.error)\n`
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
  "floor-sdk-kind": {
    title:
      "Effect floor with the SDK's kind of program, hand-written: a service built by a `Layer`, the arguments and the answer decoded with `Schema`, four `Schema.TaggedError`s, a span, `fetch` in `Effect.async` (no retries, no rate limiter, no options checks)",
    source:
      `import { Effect, Redacted } from "effect"\nimport * as Context from "effect/Context"\nimport * as Either from "effect/Either"\n` +
      `import * as Layer from "effect/Layer"\nimport * as ParseResult from "effect/ParseResult"\nimport * as Schema from "effect/Schema"\n` +
      `const Variable = Schema.Struct({ name: Schema.String, result: Schema.Union(Schema.Number, Schema.String, Schema.Boolean) })\n` +
      `const Args = Schema.Struct({ deviceId: Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9_-]{1,63}$/)), name: Schema.String.pipe(Schema.minLength(1)) })\n` +
      `const F = { status: Schema.Number, method: Schema.String, url: Schema.String, error: Schema.optional(Schema.String), errors: Schema.optional(Schema.Array(Schema.String)), body: Schema.Unknown, message: Schema.String }\n` +
      `class NotFound extends Schema.TaggedError()("NotFound", F) {}\nclass ServerError extends Schema.TaggedError()("ServerError", F) {}\n` +
      `class RateLimited extends Schema.TaggedError()("RateLimited", { ...F, retryAfter: Schema.OptionFromSelf(Schema.DurationFromSelf) }) {}\n` +
      `class TransportError extends Schema.TaggedError()("TransportError", { cause: Schema.optional(Schema.Defect), message: Schema.String }) {}\n` +
      `class Client extends Context.Tag("Client")() {}\nconst decode = Schema.decodeUnknownEither(Variable)\nconst decodeArgs = Schema.decodeUnknownEither(Args)\n` +
      `const fail = (C, status, text) => Effect.fail(new C({ status, method: "GET", url: "", body: text, message: text }))\n` +
      `const layer = (token) => Layer.scoped(Client, Effect.sync(() => ({ get: (o) => Effect.withSpan(Effect.suspend(() => {\n` +
      `  const args = decodeArgs(o)\n  if (Either.isLeft(args)) return Effect.fail(new TransportError({ message: ParseResult.ArrayFormatter.formatErrorSync(args.left)[0].message }))\n` +
      `  return Effect.async((resume) => {\n    const c = new AbortController()\n` +
      `    fetch("https://api.particle.io/v1/devices/" + o.deviceId + "/" + o.name, { headers: { authorization: "Bearer " + Redacted.value(token) }, signal: c.signal }).then((res) => res.text().then((t) => {\n` +
      `      const d = decode(JSON.parse(t))\n` +
      `      resume(res.status === 404 ? fail(NotFound, 404, t) : res.status === 429 ? Effect.fail(new RateLimited({ status: 429, method: "GET", url: "", body: t, message: t, retryAfter: undefined })) : res.status >= 500 ? fail(ServerError, res.status, t) : Either.isRight(d) ? Effect.succeed(d.right) : Effect.fail(new TransportError({ message: "decode" })))\n` +
      `    }), (e) => resume(Effect.fail(new TransportError({ cause: e, message: "network" }))))\n    return Effect.sync(() => c.abort())\n  })\n` +
      `}), "getVariable", { kind: "client" }) })))\n` +
      `Effect.runPromise(Effect.flatMap(Client, (c) => c.get({ deviceId: "0123456789abcdef01234567", name: "temperature" })).pipe(Effect.provide(layer(Redacted.make("token"))))).then(console.log, console.error)\n`
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
