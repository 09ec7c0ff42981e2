import { listProductDevices } from "@effect-particle/devices"
import {
  approveQuarantinedDevice,
  denyQuarantinedDevice,
  getEventsMetrics,
  getFunctionsMetrics,
  getIntegrationMetrics,
  getOnlineMetrics,
  getVariablesMetrics
} from "@effect-particle/products"
import { expectInvalid, faultOnce, fresh, only, TestLayer } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { expectStatus, PRODUCT, UNKNOWN_DEVICE } from "./support.js"

const quarantinedIds = Effect.map(
  listProductDevices({ product: PRODUCT, quarantined: true }),
  ({ devices }) => devices.map((d) => d.id)
)

layer(TestLayer)("quarantine", (it) => {
  it.effect("approveQuarantinedDevice: POST …/devices JSON { id }; the device leaves quarantine and stays", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const device = sim.createDevice({ name: "stranger", productId: PRODUCT, online: true })
      device.quarantined = true
      assert.deepStrictEqual(yield* quarantinedIds, [device.id])
      sim.clearRequests()
      assert.isUndefined(yield* approveQuarantinedDevice({ product: PRODUCT, deviceId: device.id }))
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/devices`)
      assert.strictEqual(request.contentType, "application/json")
      assert.deepStrictEqual(request.json, { id: device.id })
      assert.deepStrictEqual(yield* quarantinedIds, [])
      const { devices } = yield* listProductDevices({ product: PRODUCT, deviceName: "stranger" })
      assert.deepStrictEqual(devices.map((d) => [d.id, d.quarantined]), [[device.id, false]])
    }))

  it.effect("approveQuarantinedDevice: Particle's 400 BadRequest; a bad id InvalidInput", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      faultOnce(
        sim,
        `/v1/products/${PRODUCT}/devices`,
        400,
        { ok: false, error: "You must provide an id or a file" },
        "POST"
      )
      expectStatus(
        yield* Effect.flip(approveQuarantinedDevice({ product: PRODUCT, deviceId: UNKNOWN_DEVICE })),
        "BadRequest",
        400,
        "You must provide an id"
      )
      yield* expectInvalid(approveQuarantinedDevice({ product: PRODUCT, deviceId: "stranger" }), "deviceId")
    }))

  it.effect("denyQuarantinedDevice: DELETE …/devices/:deviceId JSON { deny: true }, 204; out of the product", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const device = sim.createDevice({ name: "intruder", productId: PRODUCT, online: true })
      device.quarantined = true
      sim.clearRequests()
      assert.isUndefined(yield* denyQuarantinedDevice({ product: PRODUCT, deviceId: device.id }))
      const request = only(sim)
      assert.strictEqual(request.method, "DELETE")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/devices/${device.id}`)
      assert.deepStrictEqual(request.json, { deny: true })
      const { devices } = yield* listProductDevices({ product: PRODUCT })
      assert.notInclude(devices.map((d) => d.id), device.id)
      // gone: denying it again is NotFound
      expectStatus(
        yield* Effect.flip(denyQuarantinedDevice({ product: PRODUCT, deviceId: device.id })),
        "NotFound",
        404
      )
      yield* expectInvalid(denyQuarantinedDevice({ product: PRODUCT, deviceId: "intruder" }), "deviceId")
    }))
})

layer(TestLayer)("fleet metrics", (it) => {
  it.effect("getOnlineMetrics: GET …/metrics/online with every filter in snake_case; buckets of the period", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { online } = yield* getOnlineMetrics({
        product: PRODUCT,
        startDate: new Date("2024-04-01T00:00:00.000Z"),
        endDate: "2024-04-01T02:00:00.000Z",
        bucketSize: 3600,
        productFw: 1,
        deviceOsVersion: "5.8.0",
        deviceGroup: "europe"
      })
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/metrics/online`)
      assert.strictEqual(
        request.rawQuery,
        "start_date=2024-04-01T00%3A00%3A00.000Z&end_date=2024-04-01T02%3A00%3A00.000Z&bucket_size=3600" +
          "&product_fw=1&device_os_version=5.8.0&device_group=europe"
      )
      // three hourly buckets; europe: fleet-1 online, fleet-2 offline
      assert.deepStrictEqual(online, [
        { time: "2024-04-01T00:00:00.000Z", count: 1 },
        { time: "2024-04-01T01:00:00.000Z", count: 1 },
        { time: "2024-04-01T02:00:00.000Z", count: 1 }
      ])
      sim.clearRequests()
      const now = yield* getOnlineMetrics({ product: PRODUCT })
      assert.strictEqual(only(sim).rawQuery, "")
      assert.deepStrictEqual(now.online.map((b) => b.count), [3])
    }))

  it.effect("getEventsMetrics, getIntegrationMetrics, getFunctionsMetrics, getVariablesMetrics: their routes and envelopes", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const period = { product: PRODUCT, startDate: "2024-04-01T00:00:00Z", endDate: "2024-04-01T00:10:00Z" } as const
      const events = yield* getEventsMetrics(period)
      const integrations = yield* getIntegrationMetrics(period)
      const functions = yield* getFunctionsMetrics(period)
      const variables = yield* getVariablesMetrics(period)
      assert.deepStrictEqual(
        sim.requests().map((r) => `${r.method} ${r.path}?${r.rawQuery}`),
        [
          "events",
          "integration",
          "functions",
          "variables"
        ].map((kind) =>
          `GET /v1/products/${PRODUCT}/metrics/${kind}?start_date=2024-04-01T00%3A00%3A00Z&end_date=2024-04-01T00%3A10%3A00Z`
        )
      )
      assert.deepStrictEqual(events, { events: [{ time: "2024-04-01T00:00:00.000Z", received: 0 }] })
      // zero counts are omitted, as Particle does
      assert.deepStrictEqual(integrations, { integrations: [{ time: "2024-04-01T00:00:00.000Z" }] })
      assert.deepStrictEqual(functions, { functions: [{ time: "2024-04-01T00:00:00.000Z" }] })
      assert.deepStrictEqual(variables, { variables: [{ time: "2024-04-01T00:00:00.000Z" }] })
    }))

  it.effect("metrics: Particle's 400 BadRequest (a period it cannot answer); bad options InvalidInput", () =>
    Effect.gen(function*() {
      yield* fresh
      // a year in 16-second buckets is more than the service answers
      const tooMany = yield* Effect.flip(getEventsMetrics({
        product: PRODUCT,
        startDate: "2023-01-01T00:00:00Z",
        endDate: "2024-01-01T00:00:00Z",
        bucketSize: 16
      }))
      expectStatus(tooMany, "BadRequest", 400, "buckets")
      yield* expectInvalid(getOnlineMetrics({ product: PRODUCT, bucketSize: 15 }), "bucketSize")
      yield* expectInvalid(getEventsMetrics({ product: PRODUCT, bucketSize: 15 }), "bucketSize")
      yield* expectInvalid(getIntegrationMetrics({ product: PRODUCT, bucketSize: 15 }), "bucketSize")
      yield* expectInvalid(getFunctionsMetrics({ product: PRODUCT, bucketSize: 15 }), "bucketSize")
      yield* expectInvalid(getVariablesMetrics({ product: PRODUCT, bucketSize: 15 }), "bucketSize")
      yield* expectInvalid(getOnlineMetrics({ product: PRODUCT, bucketSize: 60.5 }), "bucketSize")
      yield* expectInvalid(getOnlineMetrics({ product: PRODUCT, startDate: "last week" }), "startDate")
      yield* expectInvalid(getOnlineMetrics({ product: PRODUCT, endDate: new Date("nope") }), "endDate")
      yield* expectInvalid(
        getOnlineMetrics({ product: PRODUCT, startDate: "2024-04-02T00:00:00Z", endDate: "2024-04-01T00:00:00Z" }),
        "startDate"
      )
      yield* expectInvalid(getOnlineMetrics({ product: PRODUCT, productFw: 0 }), "productFw")
      yield* expectInvalid(getOnlineMetrics({ product: PRODUCT, deviceGroup: "Europe" }), "deviceGroup")
      yield* expectInvalid(getOnlineMetrics({ product: PRODUCT, deviceOsVersion: "" }), "deviceOsVersion")
    }))
})
