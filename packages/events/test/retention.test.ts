import { ParticleClient } from "@effect-particle/core"
import * as NodeClient from "@effect-particle/core/node"
import { type Event, stream } from "@effect-particle/events"
import { expect, it } from "@effect/vitest"
import { Effect, Redacted, Stream } from "effect"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as v8 from "node:v8"
import * as vm from "node:vm"

// Events an app keeps must not keep the reads they came in. An event's name used to be a slice of the
// whole decoded read (up to 64 KiB), so each kept event pinned its read: here every read holds a kept
// event, so that would retain the whole stream (≈ 4.4 KB per event), where the events themselves take a
// few hundred bytes each.
const EVENTS = 10_000
const PAD = ": " + "p".repeat(4_000) + "\n" // a comment line between events: read and decoded, then dropped

const body = (() => {
  const parts = [":ok\n\n"]
  for (let i = 0; i < EVENTS; i++) {
    parts.push(
      PAD,
      `event: sensor/reading-${i}\ndata: {"data":"${i}","ttl":60,"published_at":"2024-01-01T00:00:00.000Z","coreid":"e00fce680000000000000001"}\n\n`
    )
  }
  return Buffer.from(parts.join(""))
})()

// a full GC before each heap sample, so that the samples measure what is retained, not garbage
v8.setFlagsFromString("--expose-gc")
const gc = vm.runInNewContext("gc") as () => void
const retainedHeap = () => {
  gc()
  return process.memoryUsage().heapUsed
}

const serve = Effect.acquireRelease(
  Effect.async<{ server: http.Server; url: string }>((resume) => {
    const server = http.createServer((_, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" })
      // in 64 KiB writes, as a busy stream arrives
      for (let at = 0; at < body.length; at += 65_536) res.write(body.subarray(at, at + 65_536))
      res.end()
    })
    server.listen(
      0,
      "127.0.0.1",
      () => resume(Effect.succeed({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }))
    )
  }),
  ({ server }) => Effect.sync(() => (server.closeAllConnections(), server.close()))
)

const layers = {
  node: (url: string) => NodeClient.layer({ baseUrl: url, accessToken: Redacted.make("t"), streamRateLimit: false }),
  web: (url: string) =>
    ParticleClient.layerWeb({ baseUrl: url, accessToken: Redacted.make("t"), streamRateLimit: false })
}

for (const [name, make] of Object.entries(layers)) {
  it.live(
    `${name}: 10,000 kept events retain under 1 KB each, not the reads they came in`,
    () =>
      Effect.gen(function*() {
        const { url } = yield* serve
        const kept: Array<Event.ParticleEvent> = []
        const base = retainedHeap()
        yield* stream({ deviceId: "mine", reconnect: false }).pipe(
          Stream.runForEach((event) => Effect.sync(() => void kept.push(event))),
          Effect.catchAll(() => Effect.void), // the server ends the stream
          Effect.provide(make(url))
        )
        const perEvent = (retainedHeap() - base) / EVENTS
        expect(kept.length).toBe(EVENTS)
        expect(kept[EVENTS - 1]!.name).toBe(`sensor/reading-${EVENTS - 1}`)
        expect(perEvent).toBeLessThan(1_000)
      }).pipe(Effect.scoped),
    60_000
  )
}
