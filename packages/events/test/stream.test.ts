import { ParticleClient } from "@effect-particle/core"
import { Event, publishEvent, Status, stream, type StreamOptions, streamWithStatus } from "@effect-particle/events"
import { Simulator } from "@effect-particle/simulator"
import { expect, layer } from "@effect/vitest"
import { Chunk, Effect, Either, Fiber, Logger, Option, Redacted, Stream } from "effect"
import { collect, layer as simLayer, waitUntil } from "./support/sim.js"

const wirePayload = (data: string, coreid = "e00fce680000000000000001") =>
  JSON.stringify({ data, ttl: 60, published_at: "2024-01-01T00:00:00.000Z", coreid })

const streamRequests = (sim: Simulator.SimulatorHandle) =>
  sim.requests().filter((r) => r.method === "GET" && r.path.includes("events")).length

layer(simLayer())("stream (against the simulator)", (it) => {
  it.scoped("user scopes: mine, one device by ID and by name, prefixes (URL-encoded), /v1/events/{prefix}", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const online = sim.seed.devices.online
      const cellular = sim.seed.devices.cellular
      const scopes: Record<string, StreamOptions> = {
        mine: { deviceId: "mine" },
        MINE: { deviceId: "MINE" },
        deviceById: { deviceId: online.id },
        deviceByName: { deviceId: online.name },
        minePrefix: { deviceId: "mine", name: "temp" },
        nameOnly: { name: "temp" },
        oddPrefix: { deviceId: "mine", name: "a/b c" }
      }
      const subs = yield* Effect.forEach(Object.values(scopes), (o) => collect(streamWithStatus(o)))
      yield* Effect.forEach(subs, (s) => s.waitFor("Connected"), { discard: true })
      expect(sim.sseConnections()).toBe(subs.length)

      sim.publish({ deviceId: online.id, name: "temp/1", data: "21.5" })
      sim.publish({ deviceId: cellular.id, name: "battery", data: "87" })
      yield* publishEvent({ name: "temp/api", data: "from the API" })
      sim.setOnline(online.id, false)
      sim.publish({ deviceId: online.id, name: "a/b c/x", data: null })

      const expected: Record<string, Array<string>> = {
        mine: ["temp/1", "battery", "temp/api", "spark/status", "a/b c/x"],
        MINE: ["temp/1", "battery", "temp/api", "spark/status", "a/b c/x"],
        deviceById: ["temp/1", "spark/status", "a/b c/x"],
        deviceByName: ["temp/1", "spark/status", "a/b c/x"],
        minePrefix: ["temp/1", "temp/api"],
        nameOnly: ["temp/1", "temp/api"],
        oddPrefix: ["a/b c/x"]
      }
      const keys = Object.keys(scopes)
      yield* Effect.forEach(keys, (k, i) => subs[i]!.waitForEvents(expected[k]!.length), { discard: true })
      // the mine stream saw everything that everyone should have seen: nothing more is in flight
      for (const [i, k] of keys.entries()) {
        expect([k, subs[i]!.events().map((e) => e.name)]).toEqual([k, expected[k]])
      }
      const mine = subs[0]!.events()
      expect(mine[0]).toMatchObject({ _tag: "Event", name: "temp/1", data: "21.5", ttl: 60, coreid: online.id })
      expect(mine[0]!.published_at).toBeInstanceOf(Date)
      expect(mine[2]).toMatchObject({ name: "temp/api", data: "from the API", coreid: sim.seed.user.id })
      expect(mine[3]).toMatchObject({ name: "spark/status", data: "offline", coreid: online.id })
      expect(mine[4]!.data).toBeNull()
      const paths = sim.requests().filter((r) => r.method === "GET").map((r) => r.path)
      expect(paths).toEqual(expect.arrayContaining([
        "/v1/devices/events",
        `/v1/devices/${online.id}/events`,
        `/v1/devices/${online.name}/events`,
        "/v1/devices/events/temp",
        "/v1/events/temp",
        "/v1/devices/events/a%2Fb%20c"
      ]))
      for (const s of subs) expect(s.tags().slice(0, 2)).toEqual(["Connecting", "Connected"])
      yield* Effect.forEach(subs, (s) => Fiber.interrupt(s.fiber), { discard: true })
    }))

  it.scoped("product and org scopes, with a product device, an org device, a prefix, and API publishes", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const product = sim.seed.product
      const [fleet0, , fleet2] = product.deviceIds
      const org = sim.seed.org.slug
      const scopes: Record<string, StreamOptions> = {
        product: { product: product.id },
        productSlug: { product: product.slug },
        productDevice: { product: product.id, deviceId: fleet0! },
        productPrefix: { product: product.id, name: "fleet/p" },
        org: { org },
        orgProduct: { org, product: product.slug },
        orgDevice: { org, deviceId: fleet2! }
      }
      const subs = yield* Effect.forEach(Object.values(scopes), (o) => collect(streamWithStatus(o)))
      yield* Effect.forEach(subs, (s) => s.waitFor("Connected"), { discard: true })

      sim.publish({ deviceId: fleet0!, name: "fleet/ping", data: "1" })
      sim.publish({ deviceId: fleet2!, name: "fleet/pong", data: "2" })
      yield* publishEvent({ product: product.id, name: "fleet/api", data: "3", ttl: 120 })
      yield* publishEvent({ product: product.slug, name: "fleet/as", data: "4", asDeviceId: fleet2!, isPrivate: true })

      const all = ["fleet/ping", "fleet/pong", "fleet/api", "fleet/as"]
      const expected: Record<string, Array<string>> = {
        product: all,
        productSlug: all,
        productDevice: ["fleet/ping"],
        productPrefix: ["fleet/ping", "fleet/pong"],
        org: all,
        orgProduct: all,
        orgDevice: ["fleet/pong", "fleet/as"]
      }
      const keys = Object.keys(scopes)
      yield* Effect.forEach(keys, (k, i) => subs[i]!.waitForEvents(expected[k]!.length), { discard: true })
      for (const [i, k] of keys.entries()) {
        expect([k, subs[i]!.events().map((e) => e.name)]).toEqual([k, expected[k]])
      }
      const ping = subs[0]!.events()[0]!
      expect(ping).toMatchObject({
        name: "fleet/ping",
        coreid: fleet0,
        productID: product.id,
        userid: sim.seed.user.id
      })
      expect(subs[0]!.events()[2]).toMatchObject({ name: "fleet/api", ttl: 120, productID: product.id })
      const paths = sim.requests().filter((r) => r.method === "GET").map((r) => r.path)
      expect(paths).toEqual(expect.arrayContaining([
        `/v1/products/${product.id}/events`,
        `/v1/products/${product.slug}/events`,
        `/v1/products/${product.id}/devices/${fleet0}/events`,
        `/v1/products/${product.id}/events/fleet%2Fp`,
        `/v1/orgs/${org}/events`,
        `/v1/orgs/${org}/products/${product.slug}/events`,
        `/v1/orgs/${org}/devices/${fleet2}/events`
      ]))
      yield* Effect.forEach(subs, (s) => Fiber.interrupt(s.fiber), { discard: true })
    }))

  it.scoped("no event is lost at stream open: events in the same packet as the headers and :ok all arrive", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const preload = Array.from({ length: 50 }, (_, i) => ({ name: `pre/${i}`, data: wirePayload(String(i)) }))
      sim.setFault({ kind: "ssePreload", events: preload })
      const events = yield* stream({ deviceId: "mine" }).pipe(Stream.take(50), Stream.runCollect)
      expect(Chunk.toReadonlyArray(events).map((e) => e.name)).toEqual(preload.map((e) => e.name))
      yield* waitUntil(() => sim.sseConnections() === 0, "the connection to close after take(50)")
    }))

  it.scoped("interruption closes the connection: the simulator sees the close", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const sub = yield* collect(streamWithStatus({ deviceId: "mine" }))
      yield* sub.waitFor("Connected")
      expect(sim.sseConnections()).toBe(1)
      yield* Fiber.interrupt(sub.fiber)
      yield* waitUntil(() => sim.sseConnections() === 0, "the simulator to see the close")
    }))

  it.scoped("onStatus sees Connecting, Connected and Stopped(none) when the consumer ends the stream", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const statuses: Array<Status> = []
      const fiber = yield* stream({
        deviceId: sim.seed.devices.online.id,
        onStatus: (s) => Effect.sync(() => void statuses.push(s))
      }).pipe(Stream.take(2), Stream.runCollect, Effect.fork)
      yield* waitUntil(() => statuses.some((s) => s._tag === "Connected"), "Connected")
      sim.publish({ deviceId: sim.seed.devices.online.id, name: "a", data: "1" })
      sim.publish({ deviceId: sim.seed.devices.online.id, name: "b", data: "2" })
      const events = yield* Fiber.join(fiber)
      expect(Chunk.toReadonlyArray(events).map((e) => e.name)).toEqual(["a", "b"])
      expect(statuses.map((s) => s._tag)).toEqual(["Connecting", "Connected", "Stopped"])
      expect(statuses[2]).toEqual(Status.Stopped({ error: Option.none() }))
      yield* waitUntil(() => sim.sseConnections() === 0, "the connection to close")
    }))

  it.scoped("malformed events (bad JSON, missing fields) are logged and skipped; streamWithStatus shows them", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const logs: Array<{ level: string; message: unknown; annotations: Record<string, unknown> }> = []
      const logger = Logger.make(({ annotations, logLevel, message }) => {
        const record: Record<string, unknown> = {}
        for (const [k, v] of annotations) record[k] = v
        logs.push({ level: logLevel.label, message, annotations: record })
      })
      sim.setFault({
        kind: "ssePreload",
        events: [
          { name: "bad/json", data: "{not json" },
          { name: "bad/fields", data: JSON.stringify({ data: "x", ttl: 60 }) },
          { name: "good", data: wirePayload("ok") }
        ]
      })
      const items = yield* streamWithStatus({ deviceId: "mine" }).pipe(
        Stream.take(5),
        Stream.runCollect,
        Effect.provide(Logger.replace(Logger.defaultLogger, logger))
      )
      const tags = Chunk.toReadonlyArray(items).map((i) => i._tag)
      expect(tags).toEqual(["Connecting", "Connected", "MalformedEvent", "MalformedEvent", "Event"])
      const [bad1, bad2] = Chunk.toReadonlyArray(items).slice(2, 4) as Array<Event.MalformedEvent>
      expect([bad1!.reason, bad1!.name, bad1!.data]).toEqual(["InvalidJson", "bad/json", "{not json"])
      expect([bad2!.reason, bad2!.name, bad2!.issue]).toEqual(["InvalidEvent", "bad/fields", "published_at is missing"])
      const warnings = logs.filter((l) => l.level === "WARN")
      expect(warnings.map((w) => w.annotations.event)).toEqual(["bad/json", "bad/fields"])
      expect(String(warnings[0]!.message)).toContain("Skipped a malformed Particle event")
    }))

  it.scoped("onMalformed: \"fail\" fails the stream with the MalformedEvent (after the events before it)", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      sim.setFault({
        kind: "ssePreload",
        events: [{ name: "good", data: wirePayload("1") }, { name: "bad", data: "nope" }, {
          name: "never",
          data: wirePayload("2")
        }]
      })
      const seen: Array<string> = []
      const result = yield* stream({ deviceId: "mine", onMalformed: "fail" }).pipe(
        Stream.runForEach((e) => Effect.sync(() => void seen.push(e.name))),
        Effect.either
      )
      expect(seen).toEqual(["good"])
      expect(Either.isLeft(result) && result.left._tag === "MalformedEvent" && result.left.reason).toBe("InvalidJson")
      yield* waitUntil(() => sim.sseConnections() === 0, "the connection to close")
    }))

  it.effect("bad input fails with InvalidInput before any request", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const cases: Array<[StreamOptions, string]> = [
        [{}, "deviceId"],
        [{ deviceId: "mine", name: "" }, "name"],
        [{ deviceId: "mine", name: "x".repeat(65) }, "name"],
        [{ deviceId: "not a device!" }, "deviceId"],
        [{ deviceId: "" }, "deviceId"],
        [{ product: 4242, deviceId: "photon-online" }, "deviceId"],
        [{ product: 4242, deviceId: "mine" }, "deviceId"],
        [{ product: -1 }, "product"],
        [{ product: "bad slug" }, "product"],
        [{ org: "" }, "org"],
        [{ deviceId: "mine", idleTimeout: 0 }, "idleTimeout"],
        [{ deviceId: "mine", maxEventSize: 1 }, "maxEventSize"],
        [{ deviceId: "mine", reconnect: { maxAttempts: -1 } }, "reconnect.maxAttempts"],
        [{ deviceId: "mine", reconnect: { initialDelay: "garbage" as any } }, "reconnect.initialDelay"],
        [{ deviceId: "mine", reconnect: { maxDelay: {} as any } }, "reconnect.maxDelay"],
        [{ deviceId: "mine", idleTimeout: "soon" as any }, "idleTimeout"],
        [{ deviceId: "mine", healthyAfter: Number.NaN }, "healthyAfter"],
        [{ deviceId: "mine", onStatus: "log" as any }, "onStatus"]
      ]
      for (const [options, field] of cases) {
        const items: Array<string> = []
        const result = yield* streamWithStatus(options).pipe(
          Stream.runForEach((i) => Effect.sync(() => void items.push(i._tag))),
          Effect.either
        )
        expect([
          options,
          Either.isLeft(result) && result.left._tag,
          Either.isLeft(result) && (result.left as any).field
        ])
          .toEqual([options, "InvalidInput", field])
        expect(items).toEqual(["Stopped"])
      }
      expect(streamRequests(sim)).toBe(0)
    }))

  it.effect("401 on connect stops the stream with Unauthorized, without retrying", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const token = sim.createToken({ username: sim.seed.user.username })
      sim.revokeToken(token)
      const tags: Array<string> = []
      const result = yield* streamWithStatus({ deviceId: "mine" }).pipe(
        Stream.runForEach((i) => Effect.sync(() => void tags.push(i._tag))),
        ParticleClient.withAccessToken(Redacted.make(token)),
        Effect.either
      )
      expect(Either.isLeft(result) && result.left._tag).toBe("Unauthorized")
      expect(tags).toEqual(["Connecting", "Stopped"])
      expect(streamRequests(sim)).toBe(1)
    }))

  it.effect("403 (another user's device) stops with Forbidden; 404 (device not in product) with NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const forbidden = yield* Stream.runDrain(stream({ deviceId: sim.seed.otherUser.deviceId })).pipe(Effect.flip)
      expect(forbidden._tag).toBe("Forbidden")
      const notFound = yield* Stream.runDrain(
        stream({ product: sim.seed.product.id, deviceId: sim.seed.devices.online.id })
      ).pipe(Effect.flip)
      expect(notFound._tag).toBe("NotFound")
      expect(streamRequests(sim)).toBe(2)
    }))
})
