import {
  getProductConfiguration,
  getProductConfigurationSchema,
  getProductDeviceConfiguration,
  getProductDeviceConfigurationSchema,
  setProductConfiguration,
  setProductDeviceConfiguration
} from "@effect-particle/products"
import { expectInvalid, expectTag, faultOnce, fresh, only, TestLayer } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { expectStatus, PRODUCT, UNKNOWN_DEVICE } from "./support.js"

const ONLINE = "e00fce680000000000001000" // fleet-1
const OFFLINE = "e00fce680000000000001001" // fleet-2
const SEEDED_LOCATION = { radius: 1, interval_min: 30, interval_max: 300, min_publish: false }

layer(TestLayer)("configuration", (it) => {
  it.effect("getProductConfiguration: GET /v1/products/:product/config with Accept: application/json, decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { configuration } = yield* getProductConfiguration({ product: PRODUCT })
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/config`)
      assert.strictEqual(request.headers["accept"], "application/json")
      assert.deepStrictEqual(configuration["location"], SEEDED_LOCATION)
      assert.deepStrictEqual(Object.keys(configuration).sort(), ["imu_trig", "location", "rgb"])
    }))

  it.effect("getProductConfiguration: unknown product NotFound; a product without configuration answers 404 {}", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      faultOnce(sim, `/v1/products/${PRODUCT}/config`, 404, {}, "GET")
      const unset = expectStatus(yield* Effect.flip(getProductConfiguration({ product: PRODUCT })), "NotFound", 404)
      assert.deepStrictEqual((unset as unknown as { body: unknown }).body, {})
      yield* expectInvalid(getProductConfiguration({ product: 1.5 }), "product")
    }))

  it.effect("getProductConfigurationSchema: same route with Accept: application/schema+json; the caller's options untouched", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const options = Object.freeze({ product: PRODUCT })
      const schema = yield* getProductConfigurationSchema(options)
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/config`)
      assert.strictEqual(request.headers["accept"], "application/schema+json")
      assert.strictEqual(schema["$schema"], "https://particle.io/draft-07/schema#")
      assert.strictEqual(schema["type"], "object")
      assert.deepStrictEqual(options, { product: PRODUCT })
      // the next plain call is back to JSON: nothing leaked into shared state
      sim.clearRequests()
      yield* getProductConfiguration(options)
      assert.strictEqual(only(sim).headers["accept"], "application/json")
      yield* expectInvalid(getProductConfigurationSchema({ product: "" }), "product")
    }))

  it.effect("setProductConfiguration: PUT the config verbatim as JSON (202); devices inherit it until they override", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* setProductConfiguration({ product: PRODUCT, config: { location: { radius: 5 } } })
      assert.isUndefined(result)
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/config`)
      assert.strictEqual(request.contentType, "application/json")
      assert.deepStrictEqual(request.json, { location: { radius: 5 } })
      const { configuration } = yield* getProductConfiguration({ product: PRODUCT })
      assert.deepStrictEqual(configuration["location"], { ...SEEDED_LOCATION, radius: 5 })
      // a device inherits the product's setting
      const before = yield* getProductDeviceConfiguration({ product: PRODUCT, deviceId: ONLINE })
      assert.deepStrictEqual(before.configuration.current["location"], { ...SEEDED_LOCATION, radius: 5 })
      // it overrides one setting, and still inherits the others, also ones set later
      yield* setProductDeviceConfiguration({ product: PRODUCT, deviceId: ONLINE, config: { location: { radius: 9 } } })
      yield* setProductConfiguration({ product: PRODUCT, config: { location: { radius: 7, interval_min: 60 } } })
      const after = yield* getProductDeviceConfiguration({ product: PRODUCT, deviceId: ONLINE })
      assert.deepStrictEqual(after.configuration.current["location"], {
        ...SEEDED_LOCATION,
        radius: 9,
        interval_min: 60
      })
      // another device follows the product
      const other = yield* getProductDeviceConfiguration({ product: PRODUCT, deviceId: "e00fce680000000000001002" })
      assert.deepStrictEqual(other.configuration.current["location"], {
        ...SEEDED_LOCATION,
        radius: 7,
        interval_min: 60
      })
    }))

  it.effect("setProductConfiguration: Particle's 400 BadRequest; not an object of sections InvalidInput", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      faultOnce(sim, `/v1/products/${PRODUCT}/config`, 400, {
        error: "invalid_request",
        error_description: "Invalid configuration"
      }, "PUT")
      expectStatus(
        yield* Effect.flip(setProductConfiguration({ product: PRODUCT, config: { rgb: {} } })),
        "BadRequest",
        400,
        "Invalid configuration"
      )
      yield* expectInvalid(setProductConfiguration({ product: PRODUCT, config: {} }), "config")
      yield* expectInvalid(
        setProductConfiguration({ product: PRODUCT, config: { location: 5 } as unknown as Record<string, never> }),
        "config.location"
      )
      yield* expectInvalid(
        setProductConfiguration({ product: PRODUCT, config: "radius=5" as unknown as Record<string, never> }),
        "config"
      )
    }))

  it.effect("getProductDeviceConfiguration: GET …/config/:deviceId, { current, pending } decoded; not in product NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const answer = yield* getProductDeviceConfiguration({ product: PRODUCT, deviceId: ONLINE })
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/config/${ONLINE}`)
      assert.strictEqual(request.headers["accept"], "application/json")
      assert.deepStrictEqual(answer.configuration.current["location"], SEEDED_LOCATION)
      assert.deepStrictEqual(answer.configuration.pending, {})
      const missing = yield* Effect.flip(getProductDeviceConfiguration({ product: PRODUCT, deviceId: UNKNOWN_DEVICE }))
      expectStatus(missing, "NotFound", 404, "Device not found in this product")
      yield* expectInvalid(getProductDeviceConfiguration({ product: PRODUCT, deviceId: "fleet-1" }), "deviceId")
    }))

  it.effect("getProductDeviceConfigurationSchema: Accept: application/schema+json on the device route", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const schema = yield* getProductDeviceConfigurationSchema({ product: PRODUCT, deviceId: ONLINE })
      const request = only(sim)
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/config/${ONLINE}`)
      assert.strictEqual(request.headers["accept"], "application/schema+json")
      assert.strictEqual(schema["type"], "object")
      assert.isObject(schema["properties"])
      expectStatus(
        yield* Effect.flip(getProductDeviceConfigurationSchema({ product: PRODUCT, deviceId: UNKNOWN_DEVICE })),
        "NotFound",
        404
      )
      yield* expectInvalid(getProductDeviceConfigurationSchema({ product: PRODUCT, deviceId: "x" }), "deviceId")
    }))

  it.effect("setProductDeviceConfiguration: PUT JSON verbatim; an online device applies it (200), an offline one keeps it pending (202) until it connects", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* setProductDeviceConfiguration({
        product: PRODUCT,
        deviceId: OFFLINE,
        config: { imu_trig: { motion: "low" } }
      })
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/config/${OFFLINE}`)
      assert.deepStrictEqual(request.json, { imu_trig: { motion: "low" } })
      const waiting = yield* getProductDeviceConfiguration({ product: PRODUCT, deviceId: OFFLINE })
      assert.deepStrictEqual(waiting.configuration.current["imu_trig"], { motion: "disable", high_g: "disable" })
      assert.deepStrictEqual(waiting.configuration.pending, { imu_trig: { motion: "low" } })
      sim.setOnline(OFFLINE, true)
      const applied = yield* getProductDeviceConfiguration({ product: PRODUCT, deviceId: OFFLINE })
      assert.deepStrictEqual(applied.configuration.current["imu_trig"], { motion: "low", high_g: "disable" })
      assert.deepStrictEqual(applied.configuration.pending, {})
    }))

  it.effect("setProductDeviceConfiguration: the device rejecting a section is BadRequest device_rejected_configuration; the rest is applied", () =>
    Effect.gen(function*() {
      yield* fresh
      const error = yield* Effect.flip(setProductDeviceConfiguration({
        product: PRODUCT,
        deviceId: ONLINE,
        config: { location: { radius: -1 }, imu_trig: { motion: "high" } }
      }))
      const rejected = expectStatus(
        error,
        "BadRequest",
        400,
        "Configuration updates failed for some sections: {location: -19}"
      )
      assert.strictEqual((rejected as unknown as { error: string }).error, "device_rejected_configuration")
      assert.include(rejected.message, "these sections were successful: imu_trig")
      const now = yield* getProductDeviceConfiguration({ product: PRODUCT, deviceId: ONLINE })
      assert.deepStrictEqual(now.configuration.current["location"], SEEDED_LOCATION)
      assert.deepStrictEqual(now.configuration.current["imu_trig"], { motion: "high", high_g: "disable" })
    }))

  it.effect("setProductDeviceConfiguration: not in product NotFound; bad id or config InvalidInput, nothing sent", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(
        yield* Effect.flip(
          setProductDeviceConfiguration({ product: PRODUCT, deviceId: UNKNOWN_DEVICE, config: { rgb: {} } })
        ),
        "NotFound"
      )
      yield* expectInvalid(
        setProductDeviceConfiguration({ product: PRODUCT, deviceId: "fleet-1", config: { rgb: {} } }),
        "deviceId"
      )
      yield* expectInvalid(setProductDeviceConfiguration({ product: PRODUCT, deviceId: ONLINE, config: {} }), "config")
      yield* expectInvalid(
        setProductDeviceConfiguration({
          product: PRODUCT,
          deviceId: ONLINE,
          config: { rgb: [1, 2] } as unknown as Record<string, never>
        }),
        "config.rgb"
      )
    }))
})
