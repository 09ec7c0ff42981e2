// Upstream reproduction: what one Layer, and one Effect.zipRight, cost a browser bundle (minified, gzip -9,
// subpath imports). Providing any layer runs Layer's builder (`internal/layer.js` makeBuilder), one switch over
// every layer op: its ZipWith case calls fiberRuntime's zipWithOptions, which is Effect.all with its
// concurrency options, so Effect.all's machinery (allResolveInput, allEither, allValidate, forEach's
// concurrent paths) is in every bundle that provides a layer, even a Layer.succeed. Effect.zipRight is the
// same path (zipRightOptions → zipWithOptions → all) where core's flatMap would do.
//   node bench/upstream/layer-all-bundle.js
import { nodeResolve } from "@rollup/plugin-node-resolve"
import { rollup } from "rollup"
import { esbuildBundle, rollupBundle } from "../lib/bundle.js"
import { benchDir } from "../lib/common.js"

/** Whether fiberRuntime's Effect.all is in the (unminified) rollup bundle of `source`. */
const hasAll = async (source) => {
  const entry = benchDir + "__upstream_entry__.js"
  const bundle = await rollup({
    input: entry,
    onwarn: () => {},
    plugins: [
      { name: "entry", resolveId: (id) => (id === entry ? entry : null), load: (id) => (id === entry ? source : null) },
      nodeResolve({ browser: true, preferBuiltins: false })
    ]
  })
  const { output } = await bundle.generate({ format: "es" })
  await bundle.close()
  return /\ballValidate\b/.test(output[0].code)
}

const head =
  `import * as Context from "effect/Context"\nimport * as Effect from "effect/Effect"\nimport * as Layer from "effect/Layer"\n` +
  `class Tag extends Context.Tag("Tag")() {}\n`
const programs = {
  "service given with Effect.provideService": head +
    `Effect.runPromise(Effect.provideService(Tag, 1)(Tag)).then(console.log)\n`,
  "the same service given by Effect.provide(Layer.succeed)": head +
    `Effect.runPromise(Effect.provide(Tag, Layer.succeed(Tag, 1))).then(console.log)\n`,
  "Effect.flatMap(a, () => b)": head +
    `Effect.runPromise(Effect.flatMap(Effect.sleep(1), () => Effect.succeed(1))).then(console.log)\n`,
  "Effect.zipRight(a, b)": head +
    `Effect.runPromise(Effect.zipRight(Effect.sleep(1), Effect.succeed(1))).then(console.log)\n`
}
const results = []
for (const [label, source] of Object.entries(programs)) {
  const e = await esbuildBundle(source)
  const r = await rollupBundle(source)
  results.push({
    program: label,
    esbuildGz: e.gz,
    rollupGz: r.gz,
    "Effect.all in the bundle": (await hasAll(source)) ? "yes" : "no"
  })
}
if (process.send) process.send({ type: "result", result: { results } })
else console.table(results)
