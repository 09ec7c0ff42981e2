import {
  downloadManufacturingBackup,
  getDevice,
  listDevices,
  listProductDevices,
  pingDevice,
  removeDevice,
  removeDeviceOwner
} from "@effect-particle/devices"
import { Simulator } from "@effect-particle/simulator"
import {
  asOtherUser,
  expectInvalid,
  expectTag,
  faultOnce,
  fresh,
  only,
  TestLayer,
  utf8,
  withBadToken
} from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"

// the seeded fleet, read from the simulator's seed
const fleet = Simulator.fleet()
const SLUG = fleet.product.slug

const ONLINE = fleet.devices.online.id
const OFFLINE = fleet.devices.offline.id
const PRODUCT = fleet.product.id
const FLEET = fleet.product.deviceIds as unknown as readonly [string, string, string, ...Array<string>]
const UNKNOWN = "0123456789abcdef01234567"

layer(TestLayer)("single devices", (it) => {
  // ------------------------------------------------------------------------------------------ getDevice
  it.effect("getDevice: by id and by name, decoded with owner and variables", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const device = yield* getDevice({ deviceId: ONLINE })
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/devices/${ONLINE}`)
      assert.strictEqual(request.body.length, 0)
      assert.strictEqual(device.id, ONLINE)
      assert.strictEqual(device.name, "photon-online")
      assert.strictEqual(device.owner, sim.seed.user.username)
      assert.isTrue(device.online)
      assert.strictEqual(device.variables?.temperature, "double")
      assert.isString(device.mobile_secret)
      sim.clearRequests()
      const byName = yield* getDevice({ deviceId: "argon-offline" })
      assert.strictEqual(only(sim).path, "/v1/devices/argon-offline")
      assert.strictEqual(byName.id, OFFLINE)
      assert.isFalse(byName.online)
    }))

  it.effect("getDevice: product scope has the product fields", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const device = yield* getDevice({ product: SLUG, deviceId: FLEET[1] })
      assert.strictEqual(only(sim).path, `/v1/products/${SLUG}/devices/${FLEET[1]}`)
      assert.deepStrictEqual(device.groups, ["europe", "beta"])
      assert.strictEqual(device.firmware_product_id, PRODUCT)
      assert.strictEqual(device.desired_firmware_version, null)
      assert.isFalse(device.development)
    }))

  it.effect("getDevice: unknown device Forbidden, not in product NotFound, bad token Unauthorized", () =>
    Effect.gen(function*() {
      yield* fresh
      const denied = expectTag(yield* Effect.flip(getDevice({ deviceId: UNKNOWN })), "Forbidden")
      assert.strictEqual(denied.status, 403)
      assert.strictEqual(denied.error, "Permission Denied")
      assert.isString(denied.info)
      expectTag(yield* Effect.flip(getDevice({ product: PRODUCT, deviceId: ONLINE })), "NotFound")
      expectTag(yield* Effect.flip(getDevice({ product: 999999, deviceId: ONLINE })), "NotFound")
      expectTag(yield* Effect.flip(asOtherUser(getDevice({ product: PRODUCT, deviceId: FLEET[0] }))), "Forbidden")
      expectTag(yield* Effect.flip(withBadToken(getDevice({ deviceId: ONLINE }))), "Unauthorized")
    }))

  it.effect("getDevice: a body missing a required field is a DecodeError naming the field", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      faultOnce(sim, `/v1/devices/${ONLINE}`, 200, { id: ONLINE, name: "x", product_id: 6, platform_id: 6 })
      const error = expectTag(yield* Effect.flip(getDevice({ deviceId: ONLINE })), "DecodeError")
      assert.strictEqual(error.path, "online")
    }))

  it.effect("getDevice: bad input is InvalidInput naming the field", () =>
    Effect.gen(function*() {
      yield* expectInvalid(getDevice({ deviceId: "" }), "deviceId")
      yield* expectInvalid(getDevice({ deviceId: "has space" }), "deviceId")
      yield* expectInvalid(getDevice({ deviceId: "x".repeat(64) }), "deviceId")
      yield* expectInvalid(getDevice({ deviceId: "fleet-1", product: PRODUCT }), "deviceId")
      yield* expectInvalid(getDevice({ deviceId: ONLINE, product: "sim fleet" }), "product")
    }))

  // ------------------------------------------------------------------------------------------ pingDevice
  it.effect("pingDevice: PUT …/ping answers whether the device is online", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      assert.deepStrictEqual(yield* pingDevice({ deviceId: ONLINE }), { online: true, ok: true })
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/v1/devices/${ONLINE}/ping`)
      assert.strictEqual(request.body.length, 0)
      assert.isFalse((yield* pingDevice({ deviceId: "argon-offline" })).online)
      sim.clearRequests()
      assert.isTrue((yield* pingDevice({ product: PRODUCT, deviceId: FLEET[0] })).online)
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/devices/${FLEET[0]}/ping`)
    }))

  it.effect("pingDevice: errors and bad input", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(yield* Effect.flip(pingDevice({ deviceId: UNKNOWN })), "Forbidden")
      expectTag(yield* Effect.flip(pingDevice({ product: PRODUCT, deviceId: ONLINE })), "NotFound")
      yield* expectInvalid(pingDevice({ deviceId: "bad/id" }), "deviceId")
      yield* expectInvalid(pingDevice({ deviceId: "fleet-1", product: PRODUCT }), "deviceId")
    }))

  // -------------------------------------------------------------------------- downloadManufacturingBackup
  it.effect("downloadManufacturingBackup: PUT …/backup_files answers bytes", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const bytes = yield* downloadManufacturingBackup({ deviceId: ONLINE })
      assert.instanceOf(bytes, Uint8Array)
      assert.strictEqual(utf8(bytes), `SIM-BACKUP ${ONLINE}\n`)
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/v1/devices/${ONLINE}/backup_files`)
      assert.strictEqual(request.body.length, 0)
    }))

  it.effect("downloadManufacturingBackup: unknown device Forbidden; bad input", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(yield* Effect.flip(downloadManufacturingBackup({ deviceId: UNKNOWN })), "Forbidden")
      expectTag(yield* Effect.flip(withBadToken(downloadManufacturingBackup({ deviceId: ONLINE }))), "Unauthorized")
      yield* expectInvalid(downloadManufacturingBackup({ deviceId: "?" }), "deviceId")
    }))

  // ---------------------------------------------------------------------------------------- removeDevice
  it.effect("removeDevice: user scope unclaims with DELETE and no body", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* removeDevice({ deviceId: OFFLINE })
      assert.isUndefined(result)
      const request = only(sim)
      assert.strictEqual(request.method, "DELETE")
      assert.strictEqual(request.path, `/v1/devices/${OFFLINE}`)
      assert.strictEqual(request.body.length, 0)
      assert.notInclude((yield* listDevices()).map((d) => d.id), OFFLINE)
    }))

  it.effect("removeDevice: product scope sends JSON { deny } and accepts the empty 204", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* removeDevice({ product: PRODUCT, deviceId: FLEET[2], deny: true })
      const request = only(sim)
      assert.strictEqual(request.method, "DELETE")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/devices/${FLEET[2]}`)
      assert.deepStrictEqual(request.json, { deny: true })
      assert.notInclude((yield* listProductDevices({ product: PRODUCT })).devices.map((d) => d.id), FLEET[2])
      sim.clearRequests()
      yield* removeDevice({ product: PRODUCT, deviceId: FLEET[1] })
      assert.deepStrictEqual(only(sim).json, {})
    }))

  it.effect("removeDevice: errors and bad input", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(yield* Effect.flip(removeDevice({ deviceId: UNKNOWN })), "Forbidden")
      expectTag(yield* Effect.flip(removeDevice({ product: PRODUCT, deviceId: UNKNOWN })), "NotFound")
      yield* expectInvalid(removeDevice({ deviceId: "fleet-1", product: PRODUCT }), "deviceId")
      yield* expectInvalid(removeDevice({ deviceId: ONLINE, product: "" }), "product")
    }))

  // ----------------------------------------------------------------------------------- removeDeviceOwner
  it.effect("removeDeviceOwner: DELETE …/owner keeps the device in the product", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* removeDeviceOwner({ product: PRODUCT, deviceId: FLEET[0] })
      const request = only(sim)
      assert.strictEqual(request.method, "DELETE")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/devices/${FLEET[0]}/owner`)
      assert.strictEqual(request.body.length, 0)
      const device = yield* getDevice({ product: PRODUCT, deviceId: FLEET[0] })
      assert.isNotOk(device.owner)
      assert.notInclude((yield* listDevices()).map((d) => d.id), FLEET[0])
    }))

  it.effect("removeDeviceOwner: errors and bad input", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(yield* Effect.flip(removeDeviceOwner({ product: PRODUCT, deviceId: UNKNOWN })), "NotFound")
      expectTag(
        yield* Effect.flip(asOtherUser(removeDeviceOwner({ product: PRODUCT, deviceId: FLEET[0] }))),
        "Forbidden"
      )
      yield* expectInvalid(removeDeviceOwner({ product: PRODUCT, deviceId: "fleet-1" }), "deviceId")
      yield* expectInvalid(removeDeviceOwner({ product: 2.5, deviceId: FLEET[0] }), "product")
    }))
})
