import { getProductDeviceLocations, getProductLocations, streamProductLocations } from "@effect-particle/products"
import { expectInvalid, expectTag, faultOnce, fresh, only, TestLayer } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { expectStatus, PRODUCT, SLUG, UNKNOWN_DEVICE } from "./support.js"

const MARCH_1 = "2024-03-01T00:00:00Z,2024-03-01T23:59:59Z"

layer(TestLayer)("locations", (it) => {
  it.effect("getProductLocations: no filters, GET …/locations with no query: every device's last known location", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { locations, meta } = yield* getProductLocations({ product: PRODUCT })
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/locations`)
      assert.strictEqual(request.rawQuery, "")
      assert.deepStrictEqual(locations.map((l) => l.device_id), sim.seed.locations.deviceIds)
      assert.deepStrictEqual(meta, { page: 1, per_page: 20, total_pages: 1, devices_found: 4 })
      const zurich = locations[0]!
      assert.strictEqual(zurich.device_name, "fleet-1")
      assert.strictEqual(zurich.product_id, PRODUCT)
      assert.deepStrictEqual(zurich.groups, ["europe"])
      assert.isTrue(zurich.gps_lock)
      assert.deepStrictEqual(zurich.timestamps, ["2024-03-02T08:00:00.000Z"])
      assert.deepStrictEqual(zurich.geometry, { type: "Point", coordinates: [7.4474, 46.948] })
    }))

  it.effect("getProductLocations: every filter serialised as particle-api-js sends it (groups[0]=…), filtered by range and box", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { locations, meta } = yield* getProductLocations({
        product: PRODUCT,
        dateRange: MARCH_1,
        rectBl: "45,5",
        rectTr: "49,10",
        deviceId: "e00fce68",
        deviceName: "fleet",
        groups: ["europe", "beta"],
        page: 1,
        perPage: 10
      })
      assert.strictEqual(
        only(sim).rawQuery,
        "date_range=2024-03-01T00%3A00%3A00Z%2C2024-03-01T23%3A59%3A59Z&rect_bl=45%2C5&rect_tr=49%2C10" +
          "&device_id=e00fce68&device_name=fleet&groups%5B0%5D=europe&groups%5B1%5D=beta&page=1&per_page=10"
      )
      // fleet-2 was in Paris that day, west of the box; fleet-1's two Zurich points form a track
      assert.deepStrictEqual(locations.map((l) => l.device_name), ["fleet-1"])
      assert.deepStrictEqual(locations[0]!.geometry, {
        type: "LineString",
        coordinates: [[8.5417, 47.3769], [8.5618, 47.4502]]
      })
      assert.deepStrictEqual(locations[0]!.timestamps, ["2024-03-01T08:00:00.000Z", "2024-03-01T12:00:00.000Z"])
      assert.strictEqual(meta.devices_found, 1)
    }))

  it.effect("getProductLocations: a [Date, Date] range, a device id, groups; paging", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const range = [new Date("2024-03-02T00:00:00.000Z"), new Date("2024-03-04T23:00:00.000Z")] as const
      const answer = yield* getProductLocations({ product: SLUG, dateRange: range, groups: ["asia"] })
      assert.strictEqual(
        only(sim).rawQuery,
        "date_range=2024-03-02T00%3A00%3A00.000Z%2C2024-03-04T23%3A00%3A00.000Z&groups%5B0%5D=asia"
      )
      // fleet-3: Yokohama on the 2nd; fleet-4: Singapore on the 4th
      assert.deepStrictEqual(answer.locations.map((l) => [l.device_name, l.geometry?.type]), [
        ["fleet-3", "Point"],
        ["fleet-4", "Point"]
      ])
      const one = yield* getProductLocations({ product: PRODUCT, deviceId: sim.seed.product.deviceIds[2]! })
      assert.deepStrictEqual(one.locations.map((l) => l.device_name), ["fleet-3"])
      const page2 = yield* getProductLocations({ product: PRODUCT, page: 2, perPage: 1 })
      assert.deepStrictEqual(page2.locations.map((l) => l.device_name), ["fleet-2"])
      assert.deepStrictEqual(page2.meta, { page: 2, per_page: 1, total_pages: 4, devices_found: 4 })
      // nothing matches: an empty page, not an error
      const nothing = yield* getProductLocations({ product: PRODUCT, dateRange: "2023-01-01,2023-01-02" })
      assert.deepStrictEqual(nothing.locations, [])
      assert.strictEqual(nothing.meta.devices_found, 0)
    }))

  it.effect("getProductLocations: malformed or reversed range, half or inverted box, bad corner, group, perPage: InvalidInput, nothing sent", () =>
    Effect.gen(function*() {
      for (
        const dateRange of [
          "yesterday",
          "2024-03-02T00:00:00Z,2024-03-01T00:00:00Z",
          "2024-03-01,2024-03-02,2024-03-03",
          "2024-13-01,2024-13-02"
        ]
      ) {
        yield* expectInvalid(getProductLocations({ product: PRODUCT, dateRange }), "dateRange")
      }
      yield* expectInvalid(
        getProductLocations({ product: PRODUCT, dateRange: [new Date("nope"), new Date()] }),
        "dateRange"
      )
      yield* expectInvalid(
        getProductLocations({ product: PRODUCT, dateRange: [new Date("2024-03-02"), new Date("2024-03-01")] }),
        "dateRange"
      )
      yield* expectInvalid(getProductLocations({ product: PRODUCT, rectBl: "45,5" }), "rectTr")
      yield* expectInvalid(getProductLocations({ product: PRODUCT, rectTr: "49,10" }), "rectBl")
      yield* expectInvalid(getProductLocations({ product: PRODUCT, rectBl: "91,5", rectTr: "92,10" }), "rectBl")
      yield* expectInvalid(getProductLocations({ product: PRODUCT, rectBl: "45,5", rectTr: "north" }), "rectTr")
      yield* expectInvalid(getProductLocations({ product: PRODUCT, rectBl: "49,5", rectTr: "45,10" }), "rectBl")
      yield* expectInvalid(getProductLocations({ product: PRODUCT, rectBl: "45,10", rectTr: "49,5" }), "rectBl")
      yield* expectInvalid(getProductLocations({ product: PRODUCT, groups: ["Europe"] }), "groups.0")
      yield* expectInvalid(getProductLocations({ product: PRODUCT, perPage: 101 }), "perPage")
      yield* expectInvalid(getProductLocations({ product: PRODUCT, page: 0 }), "page")
    }))

  it.effect("getProductLocations: the simulator's own checks answer 400 as BadRequest", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      faultOnce(sim, `/v1/products/${PRODUCT}/locations`, 400, {
        error: "invalid_request",
        error_description: "date_range must be two ISO8601 dates"
      })
      expectStatus(yield* Effect.flip(getProductLocations({ product: PRODUCT })), "BadRequest", 400, "date_range")
    }))

  it.effect("streamProductLocations: every page, one request per page, filters passed on; lazy", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const all = yield* Stream.runCollect(streamProductLocations({ product: PRODUCT, perPage: 1 }))
      assert.deepStrictEqual(Chunk.toReadonlyArray(all).map((l) => l.device_id), sim.seed.locations.deviceIds)
      assert.deepStrictEqual(sim.requests().map((r) => r.rawQuery), [
        "page=1&per_page=1",
        "page=2&per_page=1",
        "page=3&per_page=1",
        "page=4&per_page=1"
      ])
      sim.clearRequests()
      const first2 = yield* Stream.runCollect(Stream.take(streamProductLocations({ product: PRODUCT, perPage: 1 }), 2))
      assert.strictEqual(first2.length, 2)
      assert.strictEqual(sim.requests().length, 2)
      sim.clearRequests()
      const europe = yield* Stream.runCollect(streamProductLocations({ product: PRODUCT, groups: ["europe"] }))
      assert.deepStrictEqual(Chunk.toReadonlyArray(europe).map((l) => l.device_name), ["fleet-1", "fleet-2"])
      assert.strictEqual(only(sim).rawQuery, "groups%5B0%5D=europe&page=1&per_page=100")
    }))

  it.effect("streamProductLocations: a failing page fails the stream typed; bad options InvalidInput before any request", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      faultOnce(sim, `/v1/products/${PRODUCT}/locations`, 503)
      expectTag(yield* Effect.flip(Stream.runDrain(streamProductLocations({ product: PRODUCT }))), "ServerError")
      yield* expectInvalid(
        Stream.runDrain(streamProductLocations({ product: PRODUCT, dateRange: "soon" })),
        "dateRange"
      )
    }))

  it.effect("getProductDeviceLocations: GET …/locations/:deviceId, last known location with properties", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const fleet1 = sim.seed.product.deviceIds[0]!
      const { location } = yield* getProductDeviceLocations({ product: PRODUCT, deviceId: fleet1 })
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/locations/${fleet1}`)
      assert.strictEqual(request.rawQuery, "")
      assert.strictEqual(location.device_id, fleet1)
      assert.deepStrictEqual(location.geometry, { type: "Point", coordinates: [7.4474, 46.948] })
      assert.deepStrictEqual(location.properties, [{ hd: 1.2, acc_h: 4, speed: 0, temp: 21.5 }])
    }))

  it.effect("getProductDeviceLocations: date range and box sent as particle-api-js sends them; the track filtered", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const fleet1 = sim.seed.product.deviceIds[0]!
      const { location } = yield* getProductDeviceLocations({
        product: PRODUCT,
        deviceId: fleet1,
        dateRange: "2024-03-01T00:00:00Z,2024-03-03T00:00:00Z",
        rectBl: "47, 8",
        rectTr: "48, 9"
      })
      assert.strictEqual(
        only(sim).rawQuery,
        "date_range=2024-03-01T00%3A00%3A00Z%2C2024-03-03T00%3A00%3A00Z&rect_bl=47%2C8&rect_tr=48%2C9"
      )
      // Bern (46.9, 7.4) is outside the box
      assert.deepStrictEqual(location.timestamps, ["2024-03-01T08:00:00.000Z", "2024-03-01T12:00:00.000Z"])
      assert.strictEqual(location.properties?.length, 2)
      // a device without positions: no geometry
      const none = yield* getProductDeviceLocations({ product: PRODUCT, deviceId: sim.seed.product.deviceIds[4]! })
      assert.deepStrictEqual(none.location.timestamps, [])
      assert.isNull(none.location.geometry)
    }))

  it.effect("getProductDeviceLocations: not in product NotFound, 400 BadRequest; bad id, range or box InvalidInput", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectStatus(
        yield* Effect.flip(getProductDeviceLocations({ product: PRODUCT, deviceId: UNKNOWN_DEVICE })),
        "NotFound",
        404
      )
      const fleet1 = sim.seed.product.deviceIds[0]!
      faultOnce(sim, `/v1/products/${PRODUCT}/locations/${fleet1}`, 400, {
        error: "invalid_request",
        error_description: "bad"
      })
      expectStatus(
        yield* Effect.flip(getProductDeviceLocations({ product: PRODUCT, deviceId: fleet1 })),
        "BadRequest",
        400
      )
      yield* expectInvalid(getProductDeviceLocations({ product: PRODUCT, deviceId: "fleet-1" }), "deviceId")
      yield* expectInvalid(
        getProductDeviceLocations({ product: PRODUCT, deviceId: fleet1, dateRange: "," }),
        "dateRange"
      )
      yield* expectInvalid(getProductDeviceLocations({ product: PRODUCT, deviceId: fleet1, rectTr: "1,1" }), "rectBl")
    }))
})
