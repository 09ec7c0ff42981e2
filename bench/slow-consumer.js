// Memory with a slow consumer: node bench/slow-consumer.js <client> <port> <count>
// One stream of <count> events read by a consumer that pauses 1 ms every 1,000 events, so the server is held
// back by backpressure the whole time (for clients that have it). Heap used is sampled when 10 % and 100 %
// of the events have arrived (or when the stream ended, for a client that lost some): as it is (default
// flags) and after a full GC there (retained); peak RSS every 10 ms.
// Clients: ours-node, ours-node-raw (raw mode), ours-web (layerWeb), particle-api-js (an EventEmitter: it
// cannot be paused, so its consumer blocks for 1 ms instead), fetch (raw fetch + minimal parser, the limit:
// it awaits 1 ms between reads).
import { ParticleClient } from "@effect-particle/core"
import * as NodeParticle from "@effect-particle/core/node"
import { stream } from "@effect-particle/events"
import { Effect, ManagedRuntime, Redacted, Stream } from "effect"
import { createRequire } from "node:module"
import { heapNow } from "./lib/heap.js"

const [clientId, portArg, countArg] = process.argv.slice(2)
const count = Number(countArg)
const base = `http://127.0.0.1:${portArg}`
const TOKEN = "0123456789abcdef0123456789abcdef01234567"
const name = `bench-lf-${count}`

let peak = 0
const sampler = setInterval(() => {
  const r = process.memoryUsage.rss()
  if (r > peak) peak = r
}, 10)
let received = 0
let heapAt10
let heapAt100
/** Counts an event; true when the consumer should pause now. */
const onEvent = () => {
  received++
  if (received === Math.ceil(count / 10)) heapAt10 = heapNow()
  if (received === count) heapAt100 = heapNow()
  return received % 1000 === 0
}

const effectClient = (layer, raw) => {
  const rt = ManagedRuntime.make(layer)
  return {
    consume: () =>
      rt.runPromise(
        stream({ deviceId: "mine", name, reconnect: false, raw }).pipe(
          Stream.runForEach(() => (onEvent() ? Effect.sleep("1 millis") : Effect.void)),
          Effect.catchAll(() => Effect.void)
        )
      ),
    dispose: () => rt.dispose()
  }
}
const options = { baseUrl: base, accessToken: Redacted.make(TOKEN), rateLimit: false }
const busy = (ms) => {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // the consumer's work
  }
}

const clients = {
  "ours-node": () => effectClient(NodeParticle.layer(options), false),
  "ours-node-raw": () => effectClient(NodeParticle.layer(options), true),
  "ours-web": () => effectClient(ParticleClient.layerWeb(options), false),
  "particle-api-js": () => {
    const Particle = createRequire(import.meta.url)("particle-api-js")
    const p = new Particle({ baseUrl: base })
    return {
      consume: async () => {
        const s = await p.getEventStream({ deviceId: "mine", name, auth: TOKEN })
        s.on("event", () => {
          if (onEvent()) busy(1)
        })
        await new Promise((resolve) =>
          s.on("disconnect", () => {
            s.reconnect = () => {} // abort() alone does not cancel its 2 s reconnect
            s.abort()
            resolve()
          })
        )
      }
    }
  },
  fetch: () => ({
    consume: async () => {
      const res = await fetch(`${base}/v1/devices/events/${name}`, { headers: { authorization: `Bearer ${TOKEN}` } })
      const reader = res.body.getReader()
      const decoder = new TextDecoder()
      let buf = ""
      let event = ""
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        buf += decoder.decode(value, { stream: true })
        let start = 0
        let pause = false
        for (let lf = buf.indexOf("\n"); lf !== -1; lf = buf.indexOf("\n", start)) {
          const line = buf.slice(start, lf)
          start = lf + 1
          if (line.startsWith("event: ")) event = line.slice(7)
          else if (line.startsWith("data: ")) {
            const e = JSON.parse(line.slice(6))
            e.name = event
            if (onEvent()) pause = true
          }
        }
        buf = buf.slice(start)
        if (pause) await new Promise((r) => setTimeout(r, 1))
      }
    }
  })
}

const client = clients[clientId]()
const t0 = performance.now()
await client.consume()
const wallMs = performance.now() - t0
// a client that lost events never reached 100 %: its heap when the stream ended stands in
if (heapAt100 === undefined) heapAt100 = heapNow()
clearInterval(sampler)
await client.dispose?.()
process.send({
  type: "result",
  result: {
    client: clientId,
    count,
    received,
    wallMs,
    heapAt10,
    heapAt100,
    rssPeak: peak,
    maxRss: process.resourceUsage().maxRSS * 1024
  }
})
process.exit(0)
