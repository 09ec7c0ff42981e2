// Upstream reproduction: the per-element cost and the GC promotion of consuming an Effect Stream.
//   node bench/upstream/stream-consumer.js [elements] [chunkSize]
// A stream of fresh objects (as an event stream's decoded events), in chunks, consumed four ways:
//   runForEach (an Effect per element), runForEachChunk (an Effect per chunk), Stream.toPull in a loop,
//   and a plain loop over the same chunks (the floor). For each: CPU ns per element, and the bytes V8
//   promoted to the old generation (old-space growth between two full GCs is not what is measured: the
//   figure is `heapStatistics` "promoted" bytes, from v8.getHeapStatistics deltas of old space used after
//   each forced scavenge-free run — see the write-up in README.md).
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { PerformanceObserver } from "node:perf_hooks"
import v8 from "node:v8"

const N = Number(process.argv[2] ?? 1_000_000)
const SIZE = Number(process.argv[3] ?? 100)

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
    return Effect.succeed(Chunk.unsafeFromArray(out))
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

// V8 reports every GC through perf_hooks; old space growth is read from the heap space statistics
let scavenges = 0
let markCompacts = 0
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.detail?.kind === 1) scavenges++
    else markCompacts++
  }
}).observe({ entryTypes: ["gc"] })
const oldUsed = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "old_space").space_used_size

const results = []
for (const [label, run] of Object.entries(ways)) {
  await run() // warm-up
  seen = 0
  scavenges = 0
  markCompacts = 0
  const old0 = oldUsed()
  const c0 = process.cpuUsage()
  await run()
  const c = process.cpuUsage(c0)
  await new Promise((r) => setTimeout(r, 10))
  results.push({
    way: label,
    nsPerElement: Math.round(((c.user + c.system) * 1000) / N),
    oldSpaceGrowthMB: Number(((oldUsed() - old0) / 1e6).toFixed(1)),
    scavenges,
    markCompacts,
    seen
  })
}
if (process.send) process.send({ type: "result", result: { elements: N, chunkSize: SIZE, results } })
else console.table(results)
