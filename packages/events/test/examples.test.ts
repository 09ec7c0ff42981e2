import { publishEvent, stream, streamWithStatus } from "@effect-particle/events"
import { Simulator } from "@effect-particle/simulator"
import { expect, layer } from "@effect/vitest"
import { Deferred, Duration, Effect, Fiber, Logger, Schedule, Stream, TestServices } from "effect"
import { layer as simLayer, waitUntil } from "./support/sim.js"

// The README's examples, type-checked and run against the simulator.
layer(simLayer())("README examples (simulator)", (it) => {
  it.effect("the demo: subscribe, trigger device and API events, print them as they arrive", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const lines: Array<string> = []
      const logger = Logger.make(({ message }) =>
        void lines.push(Array.isArray(message) ? message.join(" ") : String(message))
      )
      const deviceId = sim.seed.devices.online.id

      const live = Effect.gen(function*() {
        const connected = yield* Deferred.make<void>()
        const printer = yield* stream({
          deviceId: "mine",
          onStatus: (status) =>
            Effect.zipRight(
              Effect.log(`[${status._tag}]`),
              status._tag === "Connected" ? Deferred.succeed(connected, undefined) : Effect.void
            )
        }).pipe(
          Stream.tap((event) => Effect.log(`${event.name}: ${event.data}`)),
          Stream.takeUntil((event) => event.name === "demo/done"),
          Stream.runDrain,
          Effect.fork
        )
        yield* Deferred.await(connected)
        sim.publish({ deviceId, name: "demo/temperature", data: "21.5" })
        sim.setOnline(deviceId, false)
        yield* publishEvent({ name: "demo/hello", data: "from the API" })
        yield* publishEvent({ name: "demo/done" })
        yield* Fiber.join(printer)
      })

      yield* live.pipe(Effect.provide(Logger.replace(Logger.defaultLogger, logger)))
      expect(lines).toEqual([
        "[Connecting]",
        "[Connected]",
        "demo/temperature: 21.5",
        "spark/status: offline",
        "demo/hello: from the API",
        "demo/done: null",
        "[Stopped]"
      ])
      yield* waitUntil(() => sim.sseConnections() === 0, "the demo's connection to close")
    }))

  it.effect("streamWithStatus with a switch over every item tag, and the reconnect options compile", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const seen: Array<string> = []
      const program = streamWithStatus({ deviceId: "mine", name: "x" }).pipe(
        Stream.take(3),
        Stream.runForEach((item) => {
          switch (item._tag) {
            case "Connecting":
              return Effect.sync(() => void seen.push(`connecting ${item.attempt}`))
            case "Connected":
              return Effect.sync(() => {
                seen.push("live")
                sim.publish({ deviceId: sim.seed.devices.online.id, name: "x1", data: "1" })
              })
            case "Reconnecting":
              return Effect.sync(() => void seen.push(`retry in ${Duration.format(item.delay)}`))
            case "Stopped":
              return Effect.void
            case "MalformedEvent":
              return Effect.sync(() => void seen.push(item.message))
            case "Event":
              return Effect.sync(() => void seen.push(`${item.name}=${item.data}`))
          }
        })
      )
      yield* program
      expect(seen).toEqual(["connecting 0", "live", "x1=1"])
      // the README's reconnect variants type-check
      void stream({
        deviceId: "mine",
        reconnect: { initialDelay: "500 millis", maxDelay: "10 seconds", maxAttempts: 20 }
      })
      void stream({ deviceId: "mine", reconnect: { jitter: false, factor: 3 } })
      void stream({
        deviceId: "mine",
        reconnect: Schedule.spaced("5 seconds").pipe(Schedule.intersect(Schedule.recurs(10)))
      })
      void stream({ deviceId: "mine", reconnect: false })
    }).pipe(TestServices.provideLive))
})
