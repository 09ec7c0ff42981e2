import * as esbuild from "esbuild"
const test = async (label, src) => {
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
  const ins = Object.keys(Object.values(r.metafile.outputs)[0].inputs)
  console.log(
    label,
    r.outputFiles[0].text.length,
    "platform modules:",
    ins.filter((p) => p.includes("@effect/platform")).length,
    "Stream:",
    ins.filter((p) => p.includes("channelExecutor")).length
  )
}
await test(
  "ns tag only",
  `import { ParticleClient } from "@effect-particle/core"\nconsole.log(ParticleClient.ParticleClient)`
)
await test(
  "ns layerWeb",
  `import { ParticleClient } from "@effect-particle/core"\nconsole.log(ParticleClient.layerWeb())`
)
await test(
  "devices getVariable only",
  `import { getVariable } from "@effect-particle/devices"\nconsole.log(getVariable)`
)
await test("core Operation only", `import { Operation } from "@effect-particle/core"\nconsole.log(Operation.make)`)
