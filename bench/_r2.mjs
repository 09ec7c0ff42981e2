import { nodeResolve } from "@rollup/plugin-node-resolve"
import terser from "@rollup/plugin-terser"
import { gzipSync } from "node:zlib"
import { rollup } from "rollup"
const build = async (source) => {
  const ENTRY = "/work/wt/perf/bench/__e.js"
  const bundle = await rollup({
    input: ENTRY,
    onwarn: () => {},
    plugins: [
      { name: "e", resolveId: (id) => (id === ENTRY ? ENTRY : null), load: (id) => (id === ENTRY ? source : null) },
      nodeResolve({ browser: true, preferBuiltins: false }),
      terser()
    ]
  })
  const { output } = await bundle.generate({ format: "es" })
  return {
    gz: gzipSync(output[0].code, { level: 9 }).length,
    mods: new Set(
      Object.keys(output[0].modules).map((k) => k.replace(/.*node_modules\//, "").replace(/.*packages\//, "@ep/"))
    ),
    sizes: Object.fromEntries(
      Object.entries(output[0].modules).map((
        [k, v]
      ) => [k.replace(/.*node_modules\//, "").replace(/.*packages\//, "@ep/"), v.renderedLength])
    )
  }
}
const floor = await build(`import { Effect, Schema, Layer, Context, Redacted, Duration } from "effect"
class E1 extends Schema.TaggedError()("E1", {status: Schema.Number, message: Schema.String}) {}
class Svc extends Context.Tag("svc")() {}
const d = Schema.decodeUnknownEither(Schema.Struct({a: Schema.String, b: Schema.optional(Schema.Number)}))
const L = Layer.scoped(Svc, Effect.succeed({ run: () => Effect.async((resume) => { fetch("x").then(() => resume(Effect.succeed(d({a:"x"}))), () => resume(Effect.fail(new E1({status:1, message: String(Redacted.make("t")) })))) }) }))
Effect.runPromise(Effect.flatMap(Svc, (s) => Effect.timeout(s.run(), Duration.seconds(1))).pipe(Effect.provide(L))).then(console.log, console.error)`)
const ours = await build(
  `import { ParticleClient } from "@effect-particle/core"\nimport { Effect, Redacted } from "effect"\nimport { getVariable } from "@effect-particle/devices"\nEffect.runPromise(getVariable({ deviceId: "0123456789abcdef01234567", name: "temperature" }).pipe(Effect.provide(ParticleClient.layerWeb({ accessToken: Redacted.make("token") })))).then(console.log, console.error)\n`
)
console.log("floor gz", floor.gz, "ours gz", ours.gz)
const extra = [...ours.mods].filter((m) => !floor.mods.has(m)).map((m) => [m, ours.sizes[m]]).sort((a, b) =>
  b[1] - a[1]
)
console.log("extra modules", extra.length, "rendered", extra.reduce((s, x) => s + x[1], 0))
for (const [m, s] of extra.slice(0, 40)) console.log(String(s).padStart(7), m)
