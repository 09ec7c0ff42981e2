import * as esbuild from "esbuild"
const src = process.argv[2] === "web"
  ? `import { ParticleClient } from "@effect-particle/core"\nimport { Effect, Redacted, Stream } from "effect"\nimport { getVariable } from "@effect-particle/devices"\nEffect.runPromise(getVariable({ deviceId: "0123456789abcdef01234567", name: "temperature" }).pipe(Effect.provide(ParticleClient.layerWeb({ accessToken: Redacted.make("token") })))).then(console.log, console.error)\n`
  : `import { ParticleClient } from "@effect-particle/core"\nimport { Effect, Redacted, Stream } from "effect"\nimport { getVariable } from "@effect-particle/devices"\nEffect.runPromise(getVariable({ deviceId: "0123456789abcdef01234567", name: "temperature" }).pipe(Effect.provide(ParticleClient.layerFetch({ accessToken: Redacted.make("token") })))).then(console.log, console.error)\n`
const r = await esbuild.build({
  stdin: { contents: src, resolveDir: "/work/wt/perf/bench", loader: "js" },
  bundle: true,
  minify: true,
  platform: "browser",
  format: "esm",
  write: false,
  metafile: true,
  logLevel: "silent"
})
const rows = []
for (const out of Object.values(r.metafile.outputs)) {
  for (const [p, v] of Object.entries(out.inputs)) {
    rows.push([p.replace(/.*node_modules\//, "").replace(/^\.\.\/packages\//, "@ep/"), v.bytesInOutput])
  }
}
rows.sort((a, b) => b[1] - a[1])
console.log("total", rows.reduce((s, x) => s + x[1], 0))
for (const [p, b] of rows.slice(0, Number(process.argv[3] ?? 45))) console.log(String(b).padStart(7), p)
