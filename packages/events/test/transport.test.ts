import { ParticleClient } from "@effect-particle/core"
import * as NodeClient from "@effect-particle/core/node"
import { stream } from "@effect-particle/events"
import { Simulator } from "@effect-particle/simulator"
import { describe, expect, it, layer } from "@effect/vitest"
import { Chunk, Effect, Fiber, Layer, Redacted, Stream } from "effect"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { waitUntil } from "./support/sim.js"

// keep-alives every 60 s: a pending read is never woken up by one during these tests
layer(Simulator.layer({ keepAliveIntervalMs: 60_000 }))("transports: fetch, the Node layer and layerWeb", (it) => {
  const transports = {
    fetch: (sim: Simulator.SimulatorHandle) =>
      ParticleClient.layerFetch({
        baseUrl: sim.url,
        accessToken: Redacted.make(sim.accessToken),
        streamRateLimit: false
      }),
    node: (sim: Simulator.SimulatorHandle) =>
      NodeClient.layer({ baseUrl: sim.url, accessToken: Redacted.make(sim.accessToken), streamRateLimit: false }),
    web: (sim: Simulator.SimulatorHandle) =>
      ParticleClient.layerWeb({ baseUrl: sim.url, accessToken: Redacted.make(sim.accessToken), streamRateLimit: false })
  }
  for (const [name, make] of Object.entries(transports)) {
    it.effect(`${name}: events flow, and interrupting a connection blocked in a read closes it at once`, () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        sim.reset()
        const client = Layer.fresh(make(sim))
        const fiber = yield* stream({ deviceId: "mine" }).pipe(
          Stream.take(2),
          Stream.runCollect,
          Effect.provide(client),
          Effect.fork
        )
        yield* waitUntil(() => sim.sseConnections() === 1, "the connection")
        sim.publish({ deviceId: sim.seed.devices.online.id, name: "one", data: "1" })
        sim.publish({ deviceId: sim.seed.devices.online.id, name: "two", data: "2" })
        expect(Chunk.toReadonlyArray(yield* Fiber.join(fiber)).map((e) => e.name)).toEqual(["one", "two"])
        yield* waitUntil(() => sim.sseConnections() === 0, "the connection to close after take(2)")

        const idle = yield* stream({ deviceId: "mine" }).pipe(Stream.runDrain, Effect.provide(client), Effect.fork)
        yield* waitUntil(() => sim.sseConnections() === 1, "the connection")
        yield* Fiber.interrupt(idle) // the read is pending: nothing will arrive for 60 s
        yield* waitUntil(() => sim.sseConnections() === 0, "the simulator to see the close")
      }))
  }
})

// what each transport does on the wire after an interruption, counted at a raw server
describe("after an interruption", () => {
  const serve = Effect.acquireRelease(
    Effect.async<{ server: http.Server; url: string; stats: { opened: number; open: number; requests: number } }>(
      (resume) => {
        const stats = { opened: 0, open: 0, requests: 0 }
        const server = http.createServer((_, res) => {
          stats.requests++
          res.writeHead(200, { "content-type": "text/event-stream" })
          res.write(":ok\n\n")
        })
        server.on("connection", (s) => {
          stats.opened++
          stats.open++
          s.on("close", () => stats.open--)
        })
        server.listen(
          0,
          "127.0.0.1",
          () =>
            resume(Effect.succeed({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stats }))
        )
      }
    ),
    ({ server }) => Effect.sync(() => (server.closeAllConnections(), server.close()))
  )
  const layers = {
    node: (url: string) => NodeClient.layer({ baseUrl: url, accessToken: Redacted.make("t"), streamRateLimit: false }),
    fetch: (url: string) =>
      ParticleClient.layerFetch({ baseUrl: url, accessToken: Redacted.make("t"), streamRateLimit: false }),
    web: (url: string) =>
      ParticleClient.layerWeb({ baseUrl: url, accessToken: Redacted.make("t"), streamRateLimit: false })
  }
  for (const [name, make] of Object.entries(layers)) {
    it.live(`${name}: the stream's socket closes and no request is sent again`, () =>
      Effect.gen(function*() {
        const { stats, url } = yield* serve
        const fiber = yield* stream({ deviceId: "mine" }).pipe(Stream.runDrain, Effect.provide(make(url)), Effect.fork)
        yield* waitUntil(() => stats.requests === 1, "the stream to open")
        yield* Fiber.interrupt(fiber)
        // the node layer opens nothing more; undici may open one idle connection (README), but sends nothing
        yield* Effect.sleep("500 millis")
        expect(stats.requests).toBe(1)
        if (name === "node") {
          yield* waitUntil(() => stats.open === 0, "the socket to close")
          expect(stats.opened).toBe(1)
        }
      }).pipe(Effect.scoped))
  }
})
