// Upstream reproduction: the same one-line Effect programs bundled for the browser (minified, gzip -9), with
// the `effect` barrel (`import { Effect } from "effect"`) and with subpath imports (`effect/Effect`), by
// esbuild and by rollup + terser. esbuild keeps every member of a namespace re-exported with `export * as`
// once the namespace is imported by name, so a barrel import costs the whole of each module it names.
//   node bench/upstream/barrel-bundle.js
import { esbuildBundle, rollupBundle } from "../lib/bundle.js"

const programs = {
  "Effect.succeed, barrel": `import { Effect } from "effect"\nEffect.runPromise(Effect.succeed(1)).then(console.log)\n`,
  "Effect.succeed, subpath":
    `import * as Effect from "effect/Effect"\nEffect.runPromise(Effect.succeed(1)).then(console.log)\n`,
  "+ Schema struct decode and a TaggedError, barrel":
    `import { Effect, Schema } from "effect"\nclass E1 extends Schema.TaggedError()("E1", { status: Schema.Number }) {}\nconst d = Schema.decodeUnknownEither(Schema.Struct({ a: Schema.String, b: Schema.optional(Schema.Number) }))\nEffect.runPromise(Effect.succeed(d({ a: "x" }))).then(console.log, () => new E1({ status: 1 }))\n`,
  "+ Schema struct decode and a TaggedError, subpath":
    `import * as Effect from "effect/Effect"\nimport * as Schema from "effect/Schema"\nclass E1 extends Schema.TaggedError()("E1", { status: Schema.Number }) {}\nconst d = Schema.decodeUnknownEither(Schema.Struct({ a: Schema.String, b: Schema.optional(Schema.Number) }))\nEffect.runPromise(Effect.succeed(d({ a: "x" }))).then(console.log, () => new E1({ status: 1 }))\n`
}
const results = []
for (const [label, source] of Object.entries(programs)) {
  const e = await esbuildBundle(source)
  const r = await rollupBundle(source)
  results.push({ program: label, esbuildGz: e.gz, rollupGz: r.gz })
}
if (process.send) process.send({ type: "result", result: { results } })
else console.table(results)
