// Upstream reproduction: `Chunk.unsafeFromArray` wraps its array in an object literal
// (`makeChunk({ _tag: "IArray", array })`), and V8 pretenures an allocation site whose objects keep surviving
// scavenges: from then on every wrapper is allocated in the old generation, and the young array it points to
// (with every element) is kept alive by an old object until the next full GC, so it is promoted.
//   node bench/upstream/chunk-pretenure.js [chunks] [keep]
// `chunks` arrays of 100 fresh objects each are wrapped, and the last `keep` wrappers are kept (a pipeline
// holding a few chunks in flight), three ways, each in its own process under `--trace-gc-nvp`:
// `Chunk.unsafeFromArray`, the same with V8's allocation-site pretenuring turned off
// (`--no-allocation-site-pretenuring`: the control), and a plain class wrapper (what a fix would allocate).
// Reported: the bytes the scavenger promoted (the sum of V8's `promoted=`), scavenges, full GCs, CPU ns per chunk.
import * as Chunk from "effect/Chunk"
import { fileURLToPath } from "node:url"
import { runTraced } from "./gc-trace.js"

const CHUNKS = Number(process.argv[2] ?? 200_000)
const KEEP = Number(process.argv[3] ?? 500)

class Item {
  constructor(i) {
    this.name = "temp"
    this.data = "x" + i
    this.ttl = 60
  }
}
class Wrapper {
  constructor(array) {
    this._tag = "IArray"
    this.array = array
  }
}

const wraps = {
  "Chunk.unsafeFromArray": (a) => Chunk.unsafeFromArray(a),
  "Chunk.unsafeFromArray, --no-allocation-site-pretenuring": (a) => Chunk.unsafeFromArray(a),
  "class wrapper (no literal)": (a) => new Wrapper(a)
}
const flags = {
  "Chunk.unsafeFromArray, --no-allocation-site-pretenuring": ["--no-allocation-site-pretenuring"]
}

const [, , , , wayArg] = process.argv
if (wayArg !== undefined) {
  const wrap = Object.values(wraps)[Number(wayArg)]
  const ring = new Array(KEEP)
  let seen = 0
  const run = () => {
    for (let c = 0; c < CHUNKS; c++) {
      const a = []
      for (let i = 0; i < 100; i++) a.push(new Item(i))
      ring[c % KEEP] = wrap(a)
      seen += ring[(c + 1) % KEEP] === undefined ? 0 : 1
    }
  }
  run() // warm-up: the allocation sites get their feedback
  globalThis.gc() // a full GC turns "maybe tenure" sites into pretenured ones (as the old generation filling up does)
  console.log("--- measured ---")
  const c0 = process.cpuUsage()
  run()
  const c = process.cpuUsage(c0)
  console.log("--- end ---")
  process.send({ nsPerChunk: Math.round(((c.user + c.system) * 1000) / CHUNKS), seen })
} else {
  const results = []
  for (const [i, label] of Object.keys(wraps).entries()) {
    const { result, promoted, scavenges, fullGCs } = await runTraced(
      fileURLToPath(import.meta.url),
      [String(CHUNKS), String(KEEP), String(i)],
      ["--expose-gc", ...(flags[label] ?? [])]
    )
    const r = {
      way: label,
      promotedMB: Number((promoted / 1e6).toFixed(1)),
      scavenges,
      fullGCs,
      nsPerChunk: result.nsPerChunk
    }
    results.push(r)
  }
  if (process.send) process.send({ type: "result", result: { chunks: CHUNKS, keep: KEEP, results } })
  else console.table(results)
}
