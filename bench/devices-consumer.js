// Memory at scale, consumer side, in a fresh process per fleet size and client:
//   node bench/devices-consumer.js <baseUrl> <token> <expectedDevices> [client]
// Reads every device of product 4242, 100 per page, keeping none, and reports peak RSS and the heap used when
// 10 % and 100 % of the devices have arrived: as it is (default flags) and after a full GC there (retained). Clients: ours-node (default,
// `streamDevices` over the node layer), particle-api-js (`listDevices` page after page), node-http (bare
// `http.get` + `JSON.parse` page after page, the limit).
import * as NodeParticle from "@effect-particle/core/node"
import { streamDevices } from "@effect-particle/devices"
import { Effect, ManagedRuntime, Redacted, Stream } from "effect"
import http from "node:http"
import { createRequire } from "node:module"
import { heapNow } from "./lib/heap.js"

const [baseUrl, token, expectedArg, clientId = "ours-node"] = process.argv.slice(2)
const expected = Number(expectedArg)

let peak = 0
const sample = () => {
  const r = process.memoryUsage.rss()
  if (r > peak) peak = r
}
let count = 0
let online = 0
let heapAt10
let heapAt100
const onDevice = (d) => {
  count++
  if (d.online) online++
  if (count === Math.ceil(expected / 10)) heapAt10 = heapNow()
  if (count === expected) heapAt100 = heapNow()
}

const clients = {
  "ours-node": () => {
    const rt = ManagedRuntime.make(NodeParticle.layer({ baseUrl, accessToken: Redacted.make(token), rateLimit: false }))
    return {
      ready: () => rt.runPromise(Effect.void),
      run: () =>
        rt.runPromise(streamDevices({ product: 4242 }).pipe(Stream.runForEach((d) => Effect.sync(() => onDevice(d))))),
      dispose: () => rt.dispose()
    }
  },
  "particle-api-js": () => {
    const Particle = createRequire(import.meta.url)("particle-api-js")
    const p = new Particle({ baseUrl })
    return {
      run: async () => {
        for (let page = 1;; page++) {
          const { body } = await p.listDevices({ product: 4242, page, perPage: 100, auth: token })
          for (const d of body.devices) onDevice(d)
          if (page >= body.meta.total_pages) break
        }
      }
    }
  },
  "node-http": () => {
    const agent = new http.Agent({ keepAlive: true })
    const get = (page) =>
      new Promise((resolve, reject) => {
        http.get(`${baseUrl}/v1/products/4242/devices?page=${page}&perPage=100`, {
          agent,
          headers: { authorization: `Bearer ${token}` }
        }, (res) => {
          const chunks = []
          res.on("data", (c) => chunks.push(c))
          res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString())))
        }).on("error", reject)
      })
    return {
      run: async () => {
        for (let page = 1;; page++) {
          const body = await get(page)
          for (const d of body.devices) onDevice(d)
          if (page >= body.meta.total_pages) break
        }
      },
      dispose: () => agent.destroy()
    }
  }
}

const client = clients[clientId]()
await client.ready?.()
const sampler = setInterval(sample, 10)
const rssBefore = process.memoryUsage.rss()
const t0 = performance.now()
await client.run()
const wallMs = performance.now() - t0
sample()
clearInterval(sampler)
const heapUsed = process.memoryUsage().heapUsed
await client.dispose?.()
process.send({
  type: "result",
  result: {
    client: clientId,
    expected,
    count,
    online,
    wallMs,
    rssBefore,
    rssPeakSampled: peak,
    maxRss: process.resourceUsage().maxRSS * 1024,
    heapUsedEnd: heapUsed,
    heapAt10,
    heapAt100
  }
})
process.exit(0)
