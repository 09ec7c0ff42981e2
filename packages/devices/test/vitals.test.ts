import {
  getDeviceVitalsHistory,
  getDeviceVitalsMetadata,
  getDeviceVitalsSummary,
  getLastDeviceVitals,
  refreshDeviceVitals
} from "@effect-particle/devices"
import { Simulator } from "@effect-particle/simulator"
import { asOtherUser, expectInvalid, expectTag, faultOnce, fresh, only, TestLayer } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"

// the seeded fleet, read from the simulator's seed
const fleet = Simulator.fleet()
const SLUG = fleet.product.slug

const ONLINE = fleet.devices.online.id
const CELLULAR = fleet.devices.cellular.id
const PRODUCT = fleet.product.id
const FLEET = fleet.product.deviceIds[0]!
const UNKNOWN = "0123456789abcdef01234567"

layer(TestLayer)("device vitals", (it) => {
  // -------------------------------------------------------------------------------- refreshDeviceVitals
  it.effect("refreshDeviceVitals: POST …/diagnostics/:id/update, 202 is success; a new record appears", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const before = (yield* getDeviceVitalsHistory({ deviceId: ONLINE })).diagnostics.length
      sim.clearRequests()
      assert.isUndefined(yield* refreshDeviceVitals({ deviceId: ONLINE }))
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, `/v1/diagnostics/${ONLINE}/update`)
      assert.strictEqual(request.body.length, 0)
      assert.strictEqual((yield* getDeviceVitalsHistory({ deviceId: ONLINE })).diagnostics.length, before + 1)
      sim.clearRequests()
      yield* refreshDeviceVitals({ product: PRODUCT, deviceId: FLEET })
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/diagnostics/${FLEET}/update`)
    }))

  it.effect("refreshDeviceVitals: errors and bad input", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(yield* Effect.flip(refreshDeviceVitals({ deviceId: UNKNOWN })), "Forbidden")
      expectTag(yield* Effect.flip(refreshDeviceVitals({ product: PRODUCT, deviceId: UNKNOWN })), "NotFound")
      yield* expectInvalid(refreshDeviceVitals({ deviceId: "bad id" }), "deviceId")
      yield* expectInvalid(refreshDeviceVitals({ deviceId: "fleet-1", product: PRODUCT }), "deviceId")
    }))

  // -------------------------------------------------------------------------------- getLastDeviceVitals
  it.effect("getLastDeviceVitals: GET …/last, the payload decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const last = yield* getLastDeviceVitals({ deviceId: CELLULAR })
      assert.strictEqual(last.diagnostics.deviceID, CELLULAR)
      assert.isString(last.diagnostics.updated_at)
      assert.strictEqual(last.diagnostics.payload.device?.power?.battery?.charge, 87.5)
      assert.strictEqual(last.diagnostics.payload.device?.network?.signal?.strengthv_units, "dBm")
      assert.strictEqual(last.diagnostics.payload.service?.device?.status, "ok")
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/diagnostics/${CELLULAR}/last`)
      sim.clearRequests()
      yield* getLastDeviceVitals({ product: SLUG, deviceId: FLEET })
      assert.strictEqual(only(sim).path, `/v1/products/${SLUG}/diagnostics/${FLEET}/last`)
    }))

  it.effect("getLastDeviceVitals: errors and bad input", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectTag(yield* Effect.flip(getLastDeviceVitals({ deviceId: UNKNOWN })), "Forbidden")
      expectTag(yield* Effect.flip(getLastDeviceVitals({ product: PRODUCT, deviceId: UNKNOWN })), "NotFound")
      expectTag(
        yield* Effect.flip(asOtherUser(getLastDeviceVitals({ product: PRODUCT, deviceId: FLEET }))),
        "Forbidden"
      )
      faultOnce(sim, `/v1/diagnostics/${ONLINE}/last`, 200, { diagnostics: { deviceID: ONLINE } })
      expectTag(yield* Effect.flip(getLastDeviceVitals({ deviceId: ONLINE })), "DecodeError")
      yield* expectInvalid(getLastDeviceVitals({ deviceId: "" }), "deviceId")
    }))

  // ----------------------------------------------------------------------------- getDeviceVitalsHistory
  it.effect("getDeviceVitalsHistory: start_date / end_date as ISO-8601, from a Date or a string", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const none = yield* getDeviceVitalsHistory({
        deviceId: ONLINE,
        startDate: new Date("2099-01-01T00:00:00.000Z"),
        endDate: "2099-01-02T00:00:00.000Z"
      })
      assert.deepStrictEqual(none.diagnostics, [])
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/diagnostics/${ONLINE}`)
      assert.strictEqual(
        request.rawQuery,
        "start_date=2099-01-01T00%3A00%3A00.000Z&end_date=2099-01-02T00%3A00%3A00.000Z"
      )
      sim.clearRequests()
      const all = yield* getDeviceVitalsHistory({
        product: PRODUCT,
        deviceId: FLEET,
        endDate: "2099-01-01T00:00:00.000Z"
      })
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/diagnostics/${FLEET}`)
      assert.isAbove(all.diagnostics.length, 0)
      assert.strictEqual(all.diagnostics[0]!.deviceID, FLEET)
    }))

  it.effect("getDeviceVitalsHistory: dates Particle refuses are BadRequest; errors and bad input", () =>
    Effect.gen(function*() {
      yield* fresh
      const old = expectTag(
        yield* Effect.flip(getDeviceVitalsHistory({ deviceId: ONLINE, startDate: "2000-01-01T00:00:00.000Z" })),
        "BadRequest"
      )
      assert.strictEqual(old.error, "bad_request")
      expectTag(yield* Effect.flip(getDeviceVitalsHistory({ deviceId: UNKNOWN })), "Forbidden")
      expectTag(yield* Effect.flip(getDeviceVitalsHistory({ product: PRODUCT, deviceId: UNKNOWN })), "NotFound")
      yield* expectInvalid(getDeviceVitalsHistory({ deviceId: ONLINE, startDate: "yesterday" }), "startDate")
      yield* expectInvalid(getDeviceVitalsHistory({ deviceId: ONLINE, endDate: new Date(Number.NaN) }), "endDate")
    }))

  // ---------------------------------------------------------------------------- getDeviceVitalsMetadata
  it.effect("getDeviceVitalsMetadata: GET …/metadata, decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const meta = yield* getDeviceVitalsMetadata({ deviceId: ONLINE })
      assert.property(meta.diagnostics_metadata.device ?? {}, "power")
      assert.property(meta.diagnostics_metadata.service ?? {}, "device")
      assert.strictEqual(only(sim).method, "GET")
      assert.strictEqual(only(sim).path, `/v1/diagnostics/${ONLINE}/metadata`)
      sim.clearRequests()
      yield* getDeviceVitalsMetadata({ product: PRODUCT, deviceId: FLEET })
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/diagnostics/${FLEET}/metadata`)
    }))

  it.effect("getDeviceVitalsMetadata: errors and bad input", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(yield* Effect.flip(getDeviceVitalsMetadata({ deviceId: UNKNOWN })), "Forbidden")
      expectTag(yield* Effect.flip(getDeviceVitalsMetadata({ product: PRODUCT, deviceId: UNKNOWN })), "NotFound")
      yield* expectInvalid(getDeviceVitalsMetadata({ deviceId: ONLINE, product: "a/b" }), "product")
    }))

  // ----------------------------------------------------------------------------- getDeviceVitalsSummary
  it.effect("getDeviceVitalsSummary: GET …/summary with start_date, end_date, limit; decoded samples", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const summary = yield* getDeviceVitalsSummary({
        deviceId: CELLULAR,
        startDate: new Date("2099-01-01T00:00:00.000Z"),
        endDate: new Date("2099-01-02T00:00:00.000Z"),
        limit: 30
      })
      assert.strictEqual(summary.deviceID, CELLULAR)
      assert.strictEqual(summary.bucketSize, 300000)
      assert.isTrue(summary.hasBattery)
      assert.strictEqual(summary.samples[0]!.signalStrength?.avg, 75)
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/diagnostics/${CELLULAR}/summary`)
      assert.strictEqual(
        request.rawQuery,
        "start_date=2099-01-01T00%3A00%3A00.000Z&end_date=2099-01-02T00%3A00%3A00.000Z&limit=30"
      )
      sim.clearRequests()
      yield* getDeviceVitalsSummary({ product: PRODUCT, deviceId: FLEET })
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/diagnostics/${FLEET}/summary`)
      assert.strictEqual(only(sim).rawQuery, "")
    }))

  it.effect("getDeviceVitalsSummary: BadRequest, errors and bad input", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      faultOnce(sim, `/v1/diagnostics/${ONLINE}/summary`, 400, {
        error: "bad_request",
        description: "start_date and end_date must be ISO8601 formatted"
      })
      expectTag(yield* Effect.flip(getDeviceVitalsSummary({ deviceId: ONLINE })), "BadRequest")
      expectTag(yield* Effect.flip(getDeviceVitalsSummary({ deviceId: UNKNOWN })), "Forbidden")
      expectTag(yield* Effect.flip(getDeviceVitalsSummary({ product: PRODUCT, deviceId: UNKNOWN })), "NotFound")
      yield* expectInvalid(getDeviceVitalsSummary({ deviceId: ONLINE, limit: 0 }), "limit")
      yield* expectInvalid(getDeviceVitalsSummary({ deviceId: ONLINE, startDate: "not a date" }), "startDate")
    }))
})
