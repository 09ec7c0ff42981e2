import { nodeResolve } from "@rollup/plugin-node-resolve"
import { rollup } from "rollup"
const layer = process.argv[2] ?? "layerWeb"
const source =
  `import { ParticleClient } from "@effect-particle/core"\nimport { Effect, Redacted } from "effect"\nimport { getVariable } from "@effect-particle/devices"\nEffect.runPromise(getVariable({ deviceId: "0123456789abcdef01234567", name: "temperature" }).pipe(Effect.provide(ParticleClient.${layer}({ accessToken: Redacted.make("token") })))).then(console.log, console.error)\n`
const ENTRY = "/work/wt/perf/bench/__e.js"
const bundle = await rollup({
  input: ENTRY,
  onwarn: () => {},
  plugins: [{
    name: "e",
    resolveId: (id) => (id === ENTRY ? ENTRY : null),
    load: (id) => (id === ENTRY ? source : null)
  }, nodeResolve({ browser: true, preferBuiltins: false })]
})
const { output } = await bundle.generate({ format: "es" })
const mods = Object.entries(output[0].modules).map((
  [k, v]
) => [k.replace(/.*node_modules\//, "").replace(/.*packages\//, "@ep/"), v.renderedLength]).sort((a, b) => b[1] - a[1])
console.log("total rendered", mods.reduce((s, x) => s + x[1], 0))
for (const [k, v] of mods.slice(0, Number(process.argv[3] ?? 50))) console.log(String(v).padStart(7), k)
