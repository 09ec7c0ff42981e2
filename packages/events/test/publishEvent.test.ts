import { ParticleClient } from "@effect-particle/core"
import { publishEvent, stream } from "@effect-particle/events"
import { Simulator } from "@effect-particle/simulator"
import { expect, layer } from "@effect/vitest"
import { Chunk, Effect, Fiber, Redacted, Stream } from "effect"
import { layer as simLayer, waitUntil } from "./support/sim.js"

const posts = (sim: Simulator.SimulatorHandle) => sim.requests().filter((r) => r.method === "POST")

layer(simLayer())("publishEvent (simulator)", (it) => {
  it.effect("user scope: POST /v1/devices/events with JSON {name, data, private, ttl}; the event reaches a stream", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      let connected = false
      const fiber = yield* stream({
        deviceId: "mine",
        onStatus: (s) => Effect.sync(() => void (connected ||= s._tag === "Connected"))
      }).pipe(Stream.take(1), Stream.runCollect, Effect.fork)
      yield* waitUntil(() => connected, "Connected")
      const result = yield* publishEvent({ name: "deploy/started", data: "v1.2.3", isPrivate: true, ttl: 30 })
      expect(result).toEqual({ ok: true })
      const [request] = posts(sim)
      expect(request!.path).toBe("/v1/devices/events")
      expect(request!.contentType).toContain("application/json")
      expect(request!.json).toEqual({ name: "deploy/started", data: "v1.2.3", private: true, ttl: 30 })
      expect(request!.headers.authorization).toBe(`Bearer ${sim.accessToken}`)
      const [event] = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      expect(event).toMatchObject({ name: "deploy/started", data: "v1.2.3", ttl: 30, coreid: sim.seed.user.id })
    }))

  it.effect("fields left out are not sent (as particle-api-js)", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      yield* publishEvent({ name: "bare" })
      expect(posts(sim)[0]!.json).toEqual({ name: "bare" })
    }))

  it.effect("product scope: POST /v1/products/{product}/events, optionally as a product device", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const device = sim.seed.product.deviceIds[1]!
      yield* publishEvent({ product: sim.seed.product.slug, name: "config", data: "{}", asDeviceId: device })
      yield* publishEvent({ product: sim.seed.product.id, name: "config2" })
      const [a, b] = posts(sim)
      expect([a!.path, a!.json]).toEqual([
        `/v1/products/${sim.seed.product.slug}/events`,
        { name: "config", data: "{}", as_device_id: device }
      ])
      expect([b!.path, b!.json]).toEqual([`/v1/products/${sim.seed.product.id}/events`, { name: "config2" }])
    }))

  it.effect("bad options are InvalidInput before any request", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const cases: Array<[unknown, string]> = [
        [{ name: "" }, "name"],
        [{ name: "x".repeat(65) }, "name"],
        [{ name: "a", ttl: -1 }, "ttl"],
        [{ name: "a", ttl: 1.5 }, "ttl"],
        [{ name: "a", data: 42 }, "data"],
        [{ name: "a", product: "bad slug" }, "product"],
        [{ name: "a", asDeviceId: "e00fce680000000000001001" }, "asDeviceId"],
        [{ name: "a", product: 4242, asDeviceId: "nope" }, "asDeviceId"]
      ]
      for (const [options, field] of cases) {
        const error = yield* Effect.flip(publishEvent(options as never))
        expect([options, error._tag, (error as { field?: string }).field]).toEqual([options, "InvalidInput", field])
      }
      expect(sim.requests()).toEqual([])
    }))

  it.effect("errors: unknown product → NotFound, device not in product → NotFound, revoked token → Unauthorized", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const unknown = yield* Effect.flip(publishEvent({ product: "no-such-product", name: "x" }))
      expect(unknown._tag).toBe("NotFound")
      const notIn = yield* Effect.flip(
        publishEvent({ product: sim.seed.product.id, name: "x", asDeviceId: sim.seed.devices.online.id })
      )
      expect(notIn._tag).toBe("NotFound")
      const token = sim.createToken({ username: sim.seed.user.username })
      sim.revokeToken(token)
      const unauthorized = yield* Effect.flip(
        publishEvent({ name: "x" }).pipe(ParticleClient.withAccessToken(Redacted.make(token)))
      )
      expect(unauthorized._tag).toBe("Unauthorized")
      // a publish is not idempotent: never retried
      expect(posts(sim).length).toBe(3)
    }))

  it.effect("a 5xx is not retried", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      sim.setFault({ kind: "status", route: "/v1/devices/events", method: "POST", status: 503, times: 1 })
      const error = yield* Effect.flip(publishEvent({ name: "x" }))
      expect(error._tag).toBe("ServerError")
      expect(posts(sim).length).toBe(1)
    }))
})
