import { listDevices, listProductDevices, streamDevices } from "@effect-particle/devices"
import { Simulator } from "@effect-particle/simulator"
import {
  asOtherUser,
  expectInvalid,
  expectTag,
  faultOnce,
  fresh,
  only,
  TestLayer,
  withBadToken
} from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

// the seeded fleet, read from the simulator's seed
const fleet = Simulator.fleet()
const SLUG = fleet.product.slug

const PRODUCT = fleet.product.id

layer(TestLayer)("listing devices", (it) => {
  // ------------------------------------------------------------------------------------------ listDevices
  it.effect("listDevices: GET /v1/devices, an array of decoded devices", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const devices = yield* listDevices()
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/v1/devices")
      assert.strictEqual(request.rawQuery, "")
      assert.strictEqual(request.body.length, 0)
      const ids = devices.map((d) => d.id)
      for (const id of sim.seed.allDeviceIds) assert.include(ids, id)
      const online = devices.find((d) => d.id === sim.seed.devices.online.id)!
      assert.strictEqual(online.name, "photon-online")
      assert.strictEqual(online.platform_id, 6)
      assert.isTrue(online.online)
      assert.deepStrictEqual(online.variables, {
        temperature: "double",
        count: "int32",
        status: "string",
        enabled: "bool"
      })
      assert.include(online.functions ?? [], "led")
      assert.notInclude(ids, sim.seed.otherUser.deviceId)
    }))

  it.effect("listDevices: a bad token is Unauthorized", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(yield* Effect.flip(withBadToken(listDevices())), "Unauthorized")
    }))

  it.effect("listDevices: a 2xx body that is not an array is a DecodeError", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      faultOnce(sim, "/v1/devices", 200, { not: "an array" }, "GET")
      expectTag(yield* Effect.flip(listDevices()), "DecodeError")
    }))

  // ----------------------------------------------------------------------------------- listProductDevices
  it.effect("listProductDevices: GET /v1/products/:product/devices with every filter, as particle-api-js sends it", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const page = yield* listProductDevices({
        product: PRODUCT,
        deviceId: "e00fce68",
        deviceName: "fleet",
        groups: ["europe", "beta"],
        sortAttr: "deviceId",
        sortDir: "desc",
        page: 1,
        perPage: 2
      })
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/devices`)
      assert.strictEqual(
        request.rawQuery,
        "deviceId=e00fce68&deviceName=fleet&groups=europe%2Cbeta&sortAttr=deviceId&sortDir=desc&page=1&per_page=2"
      )
      // fleet-1 (europe), fleet-2 (europe, beta), fleet-4 (asia, beta) match; sorted by id descending
      assert.deepStrictEqual(page.devices.map((d) => d.name), ["fleet-4", "fleet-2"])
      assert.strictEqual(page.meta.total_pages, 2)
      assert.deepStrictEqual(page.devices[0]!.groups, ["asia", "beta"])
      assert.strictEqual(page.devices[0]!.product_id, PRODUCT)
      assert.isArray(page.customers)
    }))

  it.effect("listProductDevices: by slug, no filters sends no query; serialNumber and quarantined are sent", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const all = yield* listProductDevices({ product: SLUG })
      assert.strictEqual(only(sim).path, `/v1/products/${SLUG}/devices`)
      assert.strictEqual(only(sim).rawQuery, "")
      assert.strictEqual(all.devices.length, 5)
      sim.clearRequests()
      const none = yield* listProductDevices({ product: PRODUCT, serialNumber: "NOPE", quarantined: false })
      assert.strictEqual(only(sim).rawQuery, "serialNumber=NOPE&quarantined=false")
      assert.deepStrictEqual(none.devices, [])
    }))

  it.effect("listProductDevices: unknown product is NotFound; not on the team is Forbidden", () =>
    Effect.gen(function*() {
      yield* fresh
      const missing = expectTag(yield* Effect.flip(listProductDevices({ product: 999999 })), "NotFound")
      assert.strictEqual(missing.status, 404)
      expectTag(yield* Effect.flip(asOtherUser(listProductDevices({ product: PRODUCT }))), "Forbidden")
    }))

  it.effect("listProductDevices: bad input is InvalidInput naming the field", () =>
    Effect.gen(function*() {
      yield* expectInvalid(listProductDevices({ product: "no/slug" }), "product")
      yield* expectInvalid(listProductDevices({ product: 0 }), "product")
      yield* expectInvalid(listProductDevices({ product: PRODUCT, page: 0 }), "page")
      yield* expectInvalid(listProductDevices({ product: PRODUCT, perPage: 2.5 }), "perPage")
      yield* expectInvalid(listProductDevices({ product: PRODUCT, sortAttr: "name" as "deviceId" }), "sortAttr")
      yield* expectInvalid(listProductDevices({ product: PRODUCT, groups: [""] }), "groups.0")
    }))

  // ---------------------------------------------------------------------------------------- streamDevices
  it.effect("streamDevices: walks every page, one request per page", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const devices = yield* Stream.runCollect(streamDevices({ product: PRODUCT, perPage: 2 }))
      assert.deepStrictEqual(Chunk.toReadonlyArray(devices).map((d) => d.id), sim.seed.product.deviceIds)
      const requests = sim.requests()
      assert.deepStrictEqual(requests.map((r) => r.rawQuery), [
        "page=1&per_page=2",
        "page=2&per_page=2",
        "page=3&per_page=2"
      ])
      assert.isTrue(requests.every((r) => r.method === "GET" && r.path === `/v1/products/${PRODUCT}/devices`))
    }))

  it.effect("streamDevices: lazy — taking 3 devices of pages of 2 requests 2 pages; filters are passed on", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const first = yield* Stream.runCollect(Stream.take(streamDevices({ product: PRODUCT, perPage: 2 }), 3))
      assert.strictEqual(first.length, 3)
      assert.strictEqual(sim.requests().length, 2)
      sim.clearRequests()
      const beta = yield* Stream.runCollect(streamDevices({ product: SLUG, groups: ["beta"] }))
      assert.deepStrictEqual(Chunk.toReadonlyArray(beta).map((d) => d.name), ["fleet-2", "fleet-4"])
      assert.strictEqual(only(sim).rawQuery, "groups=beta&page=1&per_page=100")
    }))

  it.effect("streamDevices: a failing page fails the stream with the typed error; bad input before any request", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectTag(yield* Effect.flip(Stream.runDrain(streamDevices({ product: 999999 }))), "NotFound")
      sim.clearRequests()
      faultOnce(sim, `/v1/products/${PRODUCT}/devices`, 503)
      expectTag(yield* Effect.flip(Stream.runDrain(streamDevices({ product: PRODUCT }))), "ServerError")
      yield* expectInvalid(Stream.runDrain(streamDevices({ product: "bad slug" })), "product")
      // no options at all is a typed error, not a TypeError
      yield* expectInvalid(
        Stream.runDrain((streamDevices as (o?: unknown) => Stream.Stream<unknown, any, any>)()),
        "product"
      )
      yield* expectInvalid(
        Stream.runDrain((streamDevices as (o?: unknown) => Stream.Stream<unknown, any, any>)(null)),
        "product"
      )
    }))
})
