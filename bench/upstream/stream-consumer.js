// Upstream reproduction: the per-element cost and the GC promotion of consuming an Effect Stream.
//   node bench/upstream/stream-consumer.js [elements] [chunkSize] [sync|async]
// A stream of fresh objects (as an event stream's decoded events), in chunks of 100, consumed four ways:
// `Stream.runForEach` (an Effect per element), `Stream.runForEachChunk` (an Effect per chunk; once more with
// V8's allocation-site pretenuring off, the control), `Stream.toPull` in a loop, and a plain loop over the
// same chunks (the floor). `async` hands each chunk over a turn later (`setImmediate`), as a network
// source does. Each way runs in its own process under
// `--trace-gc-nvp`: CPU ns per element (after a warm-up run), scavenges, and the bytes the scavenger promoted
// to the old generation (the sum of V8's `promoted=` figures).
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { fileURLToPath } from "node:url"
import { runTraced } from "./gc-trace.js"

const N = Number(process.argv[2] ?? 1_000_000)
const SIZE = Number(process.argv[3] ?? 100)
const SOURCE = process.argv[4] === "async" ? "async" : "sync"

class Item {
  constructor(i) {
    this._tag = "Event"
    this.name = "temp"
    this.data = "x".repeat(16) + i
    this.ttl = 60
    this.published_at = new Date(1714566896789 + i)
  }
}

const source = () => {
  let made = 0
  return Stream.repeatEffectChunkOption(Effect.suspend(() => {
    if (made >= N) return Effect.fail(Option.none())
    const out = []
    for (let i = 0; i < SIZE && made < N; i++) out.push(new Item(made++))
    const chunk = Chunk.unsafeFromArray(out)
    return SOURCE === "async"
      ? Effect.async((resume) => {
        setImmediate(() => resume(Effect.succeed(chunk)))
      })
      : Effect.succeed(chunk)
  }))
}

let seen = 0
const onItem = (item) => {
  if (item.ttl === 60) seen++
}

const ways = {
  "Stream.runForEach (Effect per element)": () =>
    Effect.runPromise(Stream.runForEach(source(), (item) => Effect.sync(() => onItem(item)))),
  "Stream.runForEachChunk (Effect per chunk)": () =>
    Effect.runPromise(Stream.runForEachChunk(source(), (chunk) =>
      Effect.sync(() => {
        for (const x of chunk) onItem(x)
      }))),
  "Stream.runForEachChunk, --no-allocation-site-pretenuring (the control)": () =>
    Effect.runPromise(Stream.runForEachChunk(source(), (chunk) =>
      Effect.sync(() => {
        for (const x of chunk) onItem(x)
      }))),
  "Stream.toPull loop": () =>
    Effect.runPromise(Effect.scoped(Effect.flatMap(Stream.toPull(source()), (pull) =>
      Effect.suspend(function loop() {
        return Effect.matchEffect(pull, {
          onFailure: (e) => Option.isNone(e) ? Effect.void : Effect.fail(e.value),
          onSuccess: (chunk) => {
            for (const x of chunk) onItem(x)
            return Effect.suspend(loop)
          }
        })
      })))),
  "plain loop (no Stream; the floor)": async () => {
    let made = 0
    while (made < N) {
      const out = []
      for (let i = 0; i < SIZE && made < N; i++) out.push(new Item(made++))
      for (const x of out) onItem(x)
    }
  }
}

const [, , , , , wayArg] = process.argv
if (wayArg !== undefined) {
  // one way, in this process (a child run with --trace-gc-nvp)
  const run = Object.values(ways)[Number(wayArg)]
  await run() // warm-up
  seen = 0
  console.log("--- measured ---")
  const c0 = process.cpuUsage()
  await run()
  const c = process.cpuUsage(c0)
  console.log("--- end ---")
  process.send({ type: "way", nsPerElement: Math.round(((c.user + c.system) * 1000) / N), seen })
} else {
  const results = []
  for (const [i, label] of Object.keys(ways).entries()) {
    const { result, promoted, scavenges, fullGCs } = await runTraced(
      fileURLToPath(import.meta.url),
      [String(N), String(SIZE), SOURCE, String(i)],
      label.includes("--no-allocation-site-pretenuring") ? ["--no-allocation-site-pretenuring"] : []
    )
    const r = {
      way: label,
      nsPerElement: result.nsPerElement,
      promotedMB: promoted / 1e6,
      scavenges,
      markCompacts: fullGCs
    }
    results.push(r)
  }
  if (process.send) process.send({ type: "result", result: { elements: N, chunkSize: SIZE, source: SOURCE, results } })
  else console.table(results)
}
