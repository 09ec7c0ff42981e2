import { stream } from "@effect-particle/events"
import { Simulator } from "@effect-particle/simulator"
import { expect, layer } from "@effect/vitest"
import { Effect, Fiber, Stream } from "effect"
import * as v8 from "node:v8"
import * as vm from "node:vm"
import { layer as simLayer, realSleep, waitUntil } from "./support/sim.js"

const MB = 1024 * 1024
const COUNT = 100_000
const DATA = "x".repeat(600) // ≈ 720 bytes per event on the wire: ≈ 70 MB in all

// a full GC before each heap sample, so that the samples measure what is retained, not garbage
v8.setFlagsFromString("--expose-gc")
const gc = vm.runInNewContext("gc") as () => void
const retainedHeap = () => {
  gc()
  return process.memoryUsage().heapUsed
}

layer(simLayer())("backpressure (simulator)", (it) => {
  it.effect(
    "a slow consumer over 100,000 events: the server is held back, retained memory stays bounded, nothing is lost",
    () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        sim.reset()
        const latch = yield* Effect.makeLatch(false)
        let connected = false
        let received = 0
        const fiber = yield* stream({
          deviceId: "mine",
          onStatus: (s) => Effect.sync(() => void (connected ||= s._tag === "Connected"))
        }).pipe(
          Stream.runForEach(() =>
            Effect.zipRight(
              latch.await,
              Effect.suspend(() => ++received % 2000 === 0 ? realSleep(5) : Effect.void) // slow: pauses as it goes
            )
          ),
          Effect.fork
        )
        yield* waitUntil(() => connected, "Connected")

        const base = retainedHeap()
        let published = false
        const publishing = sim.publishMany({
          deviceId: sim.seed.devices.online.id,
          name: "bulk",
          data: DATA,
          count: COUNT
        })
          .then(() => void (published = true))

        // the consumer is stuck on its first event for 1 s
        yield* realSleep(1000)
        const paused = retainedHeap() - base
        expect(received).toBe(0)
        // backpressure reached the server: its writes wait on a full socket; it could not send ~70 MB
        expect(published).toBe(false)
        expect(paused / MB).toBeLessThan(24)

        // now the slow consumer runs; retained memory stays bounded the whole way
        latch.unsafeOpen()
        let maxRetained = paused
        while (received < COUNT) {
          yield* realSleep(200)
          maxRetained = Math.max(maxRetained, retainedHeap() - base)
        }
        yield* Effect.promise(() => publishing)
        expect(received).toBe(COUNT)
        expect(maxRetained / MB).toBeLessThan(24)
        yield* Fiber.interrupt(fiber)
        yield* waitUntil(() => sim.sseConnections() === 0, "the connection to close")
      }),
    60_000
  )
})
