import { ParticleClient } from "@effect-particle/core"
import * as NodeClient from "@effect-particle/core/node"
import { stream } from "@effect-particle/events"
import { Simulator } from "@effect-particle/simulator"
import { expect, layer } from "@effect/vitest"
import { Chunk, Effect, Fiber, Layer, Redacted, Stream } from "effect"
import { waitUntil } from "./support/sim.js"

// keep-alives every 60 s: a pending read is never woken up by one during these tests
layer(Simulator.layer({ keepAliveIntervalMs: 60_000 }))("transports: fetch and the Node layer", (it) => {
  const transports = {
    fetch: (sim: Simulator.SimulatorHandle) =>
      ParticleClient.layerFetch({
        baseUrl: sim.url,
        accessToken: Redacted.make(sim.accessToken),
        streamRateLimit: false
      }),
    node: (sim: Simulator.SimulatorHandle) =>
      NodeClient.layer({ baseUrl: sim.url, accessToken: Redacted.make(sim.accessToken), streamRateLimit: false })
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
