// Memory at scale, consumer side, in a fresh process per fleet size:
//   node bench/devices-consumer.js <baseUrl> <token> <expectedDevices>
// streams every device of product 4242 with streamDevices over the node layer and reports peak RSS.
import * as NodeParticle from "@effect-particle/core/node"
import { streamDevices } from "@effect-particle/devices"
import { Effect, ManagedRuntime, Redacted, Stream } from "effect"

const [baseUrl, token, expectedArg] = process.argv.slice(2)
const rt = ManagedRuntime.make(NodeParticle.layer({ baseUrl, accessToken: Redacted.make(token), rateLimit: false }))
await rt.runPromise(Effect.void)

let peak = 0
const sample = () => {
  const r = process.memoryUsage.rss()
  if (r > peak) peak = r
}
const sampler = setInterval(sample, 10)
const rssBefore = process.memoryUsage.rss()
let count = 0
let online = 0
const t0 = performance.now()
await rt.runPromise(
  streamDevices({ product: 4242 }).pipe(
    Stream.runForEach((d) =>
      Effect.sync(() => {
        count++
        if (d.online) online++
      })
    )
  )
)
const wallMs = performance.now() - t0
sample()
clearInterval(sampler)
const heapUsed = process.memoryUsage().heapUsed
await rt.dispose()
process.send({
  type: "result",
  result: {
    expected: Number(expectedArg),
    count,
    online,
    wallMs,
    rssBefore,
    rssPeakSampled: peak,
    maxRss: process.resourceUsage().maxRSS * 1024,
    heapUsedEnd: heapUsed
  }
})
process.exit(0)
