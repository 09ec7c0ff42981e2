import { ParticleClient, type ParticleError } from "@effect-particle/core"
import { type Status, stream, streamWithStatus } from "@effect-particle/events"
import { Simulator } from "@effect-particle/simulator"
import { expect, layer } from "@effect/vitest"
import { Duration, Effect, Exit, Fiber, Layer, Redacted, Schedule, Stream, TestClock } from "effect"
import { collect, type Collected, layer as simLayer, realSleep, waitUntil } from "./support/sim.js"

type Reconnecting = Extract<Status, { _tag: "Reconnecting" }>

const reconnecting = <E>(sub: Collected<E>, index = 0) =>
  sub.items.filter((i): i is Reconnecting => i._tag === "Reconnecting")[index]!

const streamRequests = (sim: Simulator.SimulatorHandle) =>
  sim.requests().filter((r) => r.method === "GET" && r.path.includes("events")).length

/** Lets the stream fiber register its TestClock sleep (idle timer or backoff) before the clock moves. */
const settle = realSleep(30)

const errorOf = <E>(exit: Exit.Exit<void, E>) =>
  Exit.isFailure(exit) ? exit.cause._tag === "Fail" ? exit.cause.error : exit.cause : undefined

layer(simLayer({ keepAliveIntervalMs: 50 }))("reconnection (simulator, TestClock)", (it) => {
  it.effect("a dropped connection reconnects after the backoff delay and delivers the events after it", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const device = sim.seed.devices.online.id
      sim.setFault({ kind: "sseDrop", afterEvents: 2 })
      const sub = yield* collect(streamWithStatus({ deviceId: "mine" }))
      yield* sub.waitFor("Connected")
      sim.publish({ deviceId: device, name: "e1", data: "1" })
      sim.publish({ deviceId: device, name: "e2", data: "2" })
      yield* sub.waitFor("Reconnecting")
      const r = reconnecting(sub)
      expect(r.attempt).toBe(1)
      expect(r.cause._tag).toBe("TransportError")
      expect((r.cause as ParticleError.TransportError).reason).toBe("Body")
      const millis = Duration.toMillis(r.delay)
      expect(millis).toBeGreaterThanOrEqual(800)
      expect(millis).toBeLessThanOrEqual(1200)
      yield* settle
      expect(streamRequests(sim)).toBe(1) // nothing before the delay
      yield* TestClock.adjust(r.delay)
      yield* sub.waitFor("Connected", 2)
      sim.publish({ deviceId: device, name: "e3", data: "3" })
      yield* sub.waitForEvents(3)
      expect(sub.events().map((e) => e.name)).toEqual(["e1", "e2", "e3"])
      expect(sub.tags()).toEqual([
        "Connecting",
        "Connected",
        "Event",
        "Event",
        "Reconnecting",
        "Connecting",
        "Connected",
        "Event"
      ])
      expect(sim.sseConnections()).toBe(1)
      yield* Fiber.interrupt(sub.fiber)
    }))

  it.effect("a silent connection is detected by the idle timeout (15 s by default) and replaced", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      sim.setFault({ kind: "sseSilent" })
      const sub = yield* collect(streamWithStatus({ deviceId: "mine" }))
      yield* sub.waitFor("Connected")
      yield* settle
      yield* TestClock.adjust("14900 millis")
      yield* settle
      expect(sub.tags()).toEqual(["Connecting", "Connected"])
      yield* TestClock.adjust("200 millis")
      yield* sub.waitFor("Reconnecting")
      const r = reconnecting(sub)
      expect(r.cause._tag).toBe("TransportError")
      expect((r.cause as ParticleError.TransportError).reason).toBe("Timeout")
      expect(r.cause.message).toContain("15s")
      sim.clearFaults()
      yield* waitUntil(() => sim.sseConnections() === 0, "the silent connection to be closed")
      yield* settle
      yield* TestClock.adjust(r.delay)
      yield* sub.waitFor("Connected", 2)
      sim.publish({ deviceId: sim.seed.devices.online.id, name: "after", data: "1" })
      yield* sub.waitForEvents(1)
      expect(sub.events().map((e) => e.name)).toEqual(["after"])
      yield* Fiber.interrupt(sub.fiber)
    }))

  it.effect("keep-alives keep a quiet connection open (no reconnect over 60 s of TestClock)", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const sub = yield* collect(streamWithStatus({ deviceId: "mine" }))
      yield* sub.waitFor("Connected")
      for (let i = 0; i < 6; i++) {
        yield* realSleep(150) // a few real keep-alives (every 50 ms here) arrive
        yield* TestClock.adjust("10 seconds")
      }
      yield* settle
      expect(sub.tags()).toEqual(["Connecting", "Connected"])
      yield* Fiber.interrupt(sub.fiber)
    }))

  it.effect("the backoff grows while connections fail, with jitter, and resets after a healthy connection", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      sim.setFault({ kind: "sseDrop", afterEvents: 0, connections: 4 })
      const sub = yield* collect(streamWithStatus({ deviceId: "mine" }))
      const delays: Array<number> = []
      for (let k = 0; k < 4; k++) {
        yield* sub.waitFor("Reconnecting", k + 1)
        const r = reconnecting(sub, k)
        expect(r.attempt).toBe(k + 1)
        delays.push(Duration.toMillis(r.delay))
        yield* settle
        yield* TestClock.adjust(r.delay)
      }
      // 1 s, 2 s, 4 s, 8 s, each ×0.8–1.2
      delays.forEach((d, k) => {
        expect(d).toBeGreaterThanOrEqual(1000 * 2 ** k * 0.8)
        expect(d).toBeLessThanOrEqual(1000 * 2 ** k * 1.2)
      })
      yield* sub.waitFor("Connected", 5)
      sim.publish({ deviceId: sim.seed.devices.online.id, name: "healthy", data: "1" })
      yield* sub.waitForEvents(1)
      sim.reset() // closes the healthy connection
      yield* sub.waitFor("Reconnecting", 5)
      const after = reconnecting(sub, 4)
      expect(after.attempt).toBe(1)
      expect(Duration.toMillis(after.delay)).toBeLessThanOrEqual(1200)
      yield* Fiber.interrupt(sub.fiber)
    }))

  it.effect("401 on a reconnection (token revoked between connections) ends the stream with Unauthorized", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const token = sim.createToken({ username: sim.seed.user.username })
      sim.setFault({ kind: "sseDrop", afterEvents: 1 })
      const sub = yield* collect(streamWithStatus({ deviceId: "mine" })).pipe(
        ParticleClient.withAccessToken(Redacted.make(token))
      )
      yield* sub.waitFor("Connected")
      sim.revokeToken(token)
      sim.publish({ deviceId: sim.seed.devices.online.id, name: "last", data: "1" })
      yield* sub.waitFor("Reconnecting")
      yield* settle
      yield* TestClock.adjust(reconnecting(sub).delay)
      const exit = yield* Fiber.await(sub.fiber)
      expect((errorOf(exit) as { _tag: string })._tag).toBe("Unauthorized")
      expect(sub.tags()).toEqual(["Connecting", "Connected", "Event", "Reconnecting", "Connecting", "Stopped"])
      expect(streamRequests(sim)).toBe(2)
      // and no further attempt, whatever the clock says
      yield* TestClock.adjust("1 hour")
      yield* settle
      expect(streamRequests(sim)).toBe(2)
    }))

  it.effect("interruption cancels a pending reconnection", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      sim.setFault({ kind: "sseDrop", afterEvents: 0, connections: 10 })
      const sub = yield* collect(streamWithStatus({ deviceId: "mine" }))
      yield* sub.waitFor("Reconnecting")
      expect(streamRequests(sim)).toBe(1)
      yield* Fiber.interrupt(sub.fiber)
      yield* TestClock.adjust("1 hour")
      yield* realSleep(100)
      expect(streamRequests(sim)).toBe(1)
      expect(sim.sseConnections()).toBe(0)
    }))

  it.effect("429 with Retry-After: the next attempt waits at least that long", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      sim.setFault({ kind: "rateLimit", route: "/v1/devices/events", method: "GET", times: 1, retryAfterSeconds: 120 })
      const sub = yield* collect(streamWithStatus({ deviceId: "mine" }))
      yield* sub.waitFor("Reconnecting")
      const r = reconnecting(sub)
      expect(r.cause._tag).toBe("RateLimited")
      expect(Duration.toMillis(r.delay)).toBe(120_000)
      yield* settle
      yield* TestClock.adjust("119 seconds")
      yield* settle
      expect(streamRequests(sim)).toBe(1)
      yield* TestClock.adjust("1 second")
      yield* sub.waitFor("Connected")
      yield* Fiber.interrupt(sub.fiber)
    }))

  it.effect("reconnect: false fails at the first disconnection; maxAttempts bounds the attempts", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      sim.setFault({ kind: "sseDrop", afterEvents: 0, connections: 10 })
      const once = yield* collect(streamWithStatus({ deviceId: "mine", reconnect: false }))
      const exit = yield* Fiber.await(once.fiber)
      expect(errorOf(exit)).toMatchObject({ _tag: "TransportError", reason: "Body" })
      expect(once.tags()).toEqual(["Connecting", "Connected", "Stopped"])

      const bounded = yield* collect(
        streamWithStatus({ deviceId: "mine", reconnect: { maxAttempts: 2, jitter: false } })
      )
      for (let k = 1; k <= 2; k++) {
        yield* bounded.waitFor("Reconnecting", k)
        yield* settle
        yield* TestClock.adjust(reconnecting(bounded, k - 1).delay)
      }
      const exit2 = yield* Fiber.await(bounded.fiber)
      expect(errorOf(exit2)).toMatchObject({ _tag: "TransportError" })
      expect(
        bounded.items.filter((i) => i._tag === "Reconnecting").map((i) => Duration.toMillis((i as Reconnecting).delay))
      )
        .toEqual([1000, 2000])
      expect(bounded.tags().at(-1)).toBe("Stopped")
    }))

  it.effect("a custom Schedule sets the delays", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      sim.setFault({ kind: "sseDrop", afterEvents: 0, connections: 1 })
      const sub = yield* collect(streamWithStatus({ deviceId: "mine", reconnect: Schedule.spaced("7 seconds") }))
      yield* sub.waitFor("Reconnecting")
      expect(Duration.toMillis(reconnecting(sub).delay)).toBe(7000)
      yield* settle
      yield* TestClock.adjust("7 seconds")
      yield* sub.waitFor("Connected", 2)
      yield* Fiber.interrupt(sub.fiber)
    }))

  it.effect("stream opens go through the client's stream-open rate limit", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      sim.setFault({ kind: "sseDrop", afterEvents: 0, connections: 10 })
      const limited = ParticleClient.layerFetch({
        baseUrl: sim.url,
        accessToken: Redacted.make(sim.accessToken),
        streamRateLimit: { limit: 2, interval: "1 minute" }
      })
      const sub = yield* collect(streamWithStatus({ deviceId: "mine", reconnect: { jitter: false } })).pipe(
        Effect.provide(Layer.fresh(limited))
      )
      yield* sub.waitFor("Reconnecting")
      yield* settle
      yield* TestClock.adjust("1 second") // second open: within the budget
      yield* sub.waitFor("Reconnecting", 2)
      expect(streamRequests(sim)).toBe(2)
      yield* settle
      yield* TestClock.adjust("2 seconds") // third open: waits for the window (t = 60 s)
      yield* sub.waitFor("Connecting", 3)
      yield* settle
      expect(streamRequests(sim)).toBe(2)
      yield* TestClock.adjust("57 seconds")
      yield* sub.waitFor("Reconnecting", 3)
      expect(streamRequests(sim)).toBe(3)
      yield* Fiber.interrupt(sub.fiber)
    }))

  it.effect("stream() (events only) ends the same way on 401", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const token = sim.createToken({ username: sim.seed.user.username })
      sim.revokeToken(token)
      const error = yield* Stream.runDrain(stream({ deviceId: "mine" })).pipe(
        ParticleClient.withAccessToken(Redacted.make(token)),
        Effect.flip
      )
      expect(error._tag).toBe("Unauthorized")
    }))
})
