import { Retry } from "@effect-particle/core"
import { callFunction, getDevice, getVariable, MAX_FUNCTION_ARGUMENT_LENGTH } from "@effect-particle/devices"
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
import * as Effect from "effect/Effect"

// the seeded fleet, read from the simulator's seed
const fleet = Simulator.fleet()
const SLUG = fleet.product.slug

const ONLINE = fleet.devices.online.id
const OFFLINE = fleet.devices.offline.id
const SLOW = fleet.devices.unresponsive.id
const PRODUCT = fleet.product.id
const FLEET_ONLINE = fleet.product.deviceIds[0]!

layer(TestLayer)("variables and functions", (it) => {
  // ------------------------------------------------------------------------------------------ getVariable
  it.effect("getVariable: reads a number, a string and a boolean, decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const temperature = yield* getVariable({ deviceId: ONLINE, name: "temperature" })
      assert.strictEqual(temperature.name, "temperature")
      assert.strictEqual(temperature.result, 23.5)
      assert.strictEqual(temperature.coreInfo?.deviceID, ONLINE)
      assert.strictEqual(temperature.coreInfo?.connected, true)
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/devices/${ONLINE}/temperature`)
      assert.strictEqual(request.rawQuery, "")
      assert.strictEqual(request.body.length, 0)
      assert.strictEqual((yield* getVariable({ deviceId: ONLINE, name: "status" })).result, "ready")
      assert.strictEqual((yield* getVariable({ deviceId: ONLINE, name: "enabled" })).result, true)
      assert.strictEqual((yield* getVariable({ deviceId: "photon-online", name: "count" })).result, 42)
    }))

  it.effect("getVariable: product scope route, and URL-encoded names", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const uptime = yield* getVariable({ product: PRODUCT, deviceId: FLEET_ONLINE, name: "uptime" })
      assert.strictEqual(uptime.result, 1000)
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/devices/${FLEET_ONLINE}/uptime`)
      sim.clearRequests()
      sim.setVariable(ONLINE, "a b/c", 1)
      const odd = yield* getVariable({ deviceId: ONLINE, name: "a b/c" })
      assert.strictEqual(odd.result, 1)
      assert.strictEqual(only(sim).path, `/v1/devices/${ONLINE}/a%20b%2Fc`)
    }))

  it.effect("getVariable: an unknown variable is NotFound, told apart by its message and getDevice", () =>
    Effect.gen(function*() {
      yield* fresh
      const error = expectTag(yield* Effect.flip(getVariable({ deviceId: ONLINE, name: "nope" })), "NotFound")
      assert.strictEqual(error.status, 404)
      assert.match(error.message, /variable not found/i)
      const device = yield* getDevice({ deviceId: ONLINE })
      assert.isTrue(device.online)
      assert.notProperty(device.variables ?? {}, "nope")
    }))

  it.effect("getVariable: an offline device is NotFound too, with getDevice showing online: false", () =>
    Effect.gen(function*() {
      yield* fresh
      const error = expectTag(yield* Effect.flip(getVariable({ deviceId: OFFLINE, name: "temperature" })), "NotFound")
      assert.match(error.message, /offline/i)
      assert.isFalse((yield* getDevice({ deviceId: OFFLINE })).online)
    }))

  it.effect("getVariable: an unresponsive device is DeviceTimeout (408)", () =>
    Effect.gen(function*() {
      yield* fresh
      const error = expectTag(yield* Effect.flip(getVariable({ deviceId: SLOW, name: "temperature" })), "DeviceTimeout")
      assert.strictEqual(error.status, 408)
      assert.match(error.message, /timed out/i)
    }))

  it.effect("getVariable: an unknown device or someone else's is Forbidden (403 Permission Denied)", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const unknown = expectTag(
        yield* Effect.flip(getVariable({ deviceId: "0123456789abcdef01234567", name: "x" })),
        "Forbidden"
      )
      assert.strictEqual(unknown.error, "Permission Denied")
      const others = yield* Effect.flip(getVariable({ deviceId: sim.seed.otherUser.deviceId, name: "secret" }))
      expectTag(others, "Forbidden")
      expectTag(yield* Effect.flip(asOtherUser(getVariable({ deviceId: ONLINE, name: "temperature" }))), "Forbidden")
    }))

  it.effect("getVariable: a bad token is Unauthorized (401)", () =>
    Effect.gen(function*() {
      yield* fresh
      const error = expectTag(
        yield* Effect.flip(withBadToken(getVariable({ deviceId: ONLINE, name: "temperature" }))),
        "Unauthorized"
      )
      assert.strictEqual(error.error, "invalid_token")
    }))

  it.effect("getVariable: bad input is InvalidInput naming the field, before any request", () =>
    Effect.gen(function*() {
      yield* expectInvalid(getVariable({ deviceId: ONLINE, name: "" }), "name")
      yield* expectInvalid(getVariable({ deviceId: "not a device!", name: "temperature" }), "deviceId")
      yield* expectInvalid(
        getVariable({ deviceId: "photon-online", name: "temperature", product: PRODUCT }),
        "deviceId"
      )
      yield* expectInvalid(
        getVariable({ deviceId: ONLINE, name: "temperature", product: "no such/product" }),
        "product"
      )
      yield* expectInvalid(getVariable({ deviceId: ONLINE, name: "temperature", product: 1.5 }), "product")
    }))

  // ------------------------------------------------------------------------------------------ callFunction
  it.effect("callFunction: sends JSON { args } and decodes return_value", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* callFunction({ deviceId: ONLINE, name: "echoLength", argument: "hello, world" })
      assert.strictEqual(result.return_value, 12)
      assert.strictEqual(result.id, ONLINE)
      assert.isTrue(result.connected)
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, `/v1/devices/${ONLINE}/echoLength`)
      assert.include(request.contentType ?? "", "application/json")
      assert.deepStrictEqual(request.json, { args: "hello, world" })
    }))

  it.effect("callFunction: without an argument the body is {}; negative return values decode", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* callFunction({ deviceId: ONLINE, name: "fail" })
      assert.strictEqual(result.return_value, -1)
      assert.deepStrictEqual(only(sim).json, {})
    }))

  it.effect("callFunction: product scope route", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* callFunction({
        product: SLUG,
        deviceId: FLEET_ONLINE,
        name: "reboot",
        argument: "now"
      })
      assert.strictEqual(result.return_value, 1)
      const request = only(sim)
      assert.strictEqual(request.path, `/v1/products/${SLUG}/devices/${FLEET_ONLINE}/reboot`)
      assert.deepStrictEqual(request.json, { args: "now" })
    }))

  it.effect("callFunction: an argument of exactly the limit is sent; one more is InvalidInput", () =>
    Effect.gen(function*() {
      assert.strictEqual(MAX_FUNCTION_ARGUMENT_LENGTH, 622)
      const sim = yield* fresh
      const ok = yield* callFunction({
        deviceId: ONLINE,
        name: "echoLength",
        argument: "x".repeat(MAX_FUNCTION_ARGUMENT_LENGTH)
      })
      assert.strictEqual(ok.return_value, 622)
      assert.strictEqual(only(sim).method, "POST")
      yield* expectInvalid(
        callFunction({ deviceId: ONLINE, name: "echoLength", argument: "x".repeat(MAX_FUNCTION_ARGUMENT_LENGTH + 1) }),
        "argument"
      )
    }))

  it.effect("callFunction: unknown function and offline device are NotFound, told apart by message and getDevice", () =>
    Effect.gen(function*() {
      yield* fresh
      const unknown = expectTag(yield* Effect.flip(callFunction({ deviceId: ONLINE, name: "nope" })), "NotFound")
      assert.match(unknown.message, /function not found/i)
      const online = yield* getDevice({ deviceId: ONLINE })
      assert.isTrue(online.online)
      assert.notInclude(online.functions ?? [], "nope")
      const offline = expectTag(yield* Effect.flip(callFunction({ deviceId: OFFLINE, name: "led" })), "NotFound")
      assert.match(offline.message, /offline/i)
      assert.isFalse((yield* getDevice({ deviceId: OFFLINE })).online)
    }))

  it.effect("callFunction: an unresponsive device is DeviceTimeout; a rejected call is BadRequest", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectTag(yield* Effect.flip(callFunction({ deviceId: SLOW, name: "led", argument: "on" })), "DeviceTimeout")
      sim.setFunction(ONLINE, "strict", (arg) => {
        if (arg !== "on" && arg !== "off") throw new Error("argument must be on or off")
        return 1
      })
      const rejected = expectTag(
        yield* Effect.flip(callFunction({ deviceId: ONLINE, name: "strict", argument: "maybe" })),
        "BadRequest"
      )
      assert.strictEqual(rejected.status, 400)
      assert.include(rejected.message, "on or off")
    }))

  it.effect("callFunction: unknown device is Forbidden; bad token Unauthorized", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(yield* Effect.flip(callFunction({ deviceId: "0123456789abcdef01234567", name: "led" })), "Forbidden")
      expectTag(yield* Effect.flip(withBadToken(callFunction({ deviceId: ONLINE, name: "led" }))), "Unauthorized")
    }))

  it.effect("callFunction: never retried by the client; Retry.schedule composes an explicit retry", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      faultOnce(sim, `/v1/devices/${ONLINE}/led`, 503)
      expectTag(yield* Effect.flip(callFunction({ deviceId: ONLINE, name: "led" })), "ServerError")
      assert.strictEqual(sim.requests().length, 1)
      sim.clearRequests()
      faultOnce(sim, `/v1/devices/${ONLINE}/led`, 503)
      // zero-delay schedule: no clock involved
      const result = yield* callFunction({ deviceId: ONLINE, name: "led" }).pipe(
        Effect.retry({ schedule: Retry.schedule({ times: 2, base: 0 }), while: Retry.isRetryable })
      )
      assert.strictEqual(result.return_value, 1)
      assert.strictEqual(sim.requests().length, 2)
    }))

  it.effect("callFunction: bad input is InvalidInput naming the field", () =>
    Effect.gen(function*() {
      yield* expectInvalid(callFunction({ deviceId: ONLINE, name: "" }), "name")
      yield* expectInvalid(callFunction({ deviceId: "bad id", name: "led" }), "deviceId")
      yield* expectInvalid(callFunction({ deviceId: "fleet-1", name: "reboot", product: PRODUCT }), "deviceId")
      yield* expectInvalid(callFunction({ deviceId: ONLINE, name: "led", product: -3 }), "product")
    }))
})
