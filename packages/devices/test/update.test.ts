import {
  batchUpdateDeviceGroups,
  forceFirmwareUpdates,
  getDevice,
  lockDeviceProductFirmware,
  markAsDevelopmentDevice,
  renameDevice,
  setDeviceNotes,
  signalDevice,
  unlockDeviceProductFirmware,
  unprotectDevice,
  updateDevice
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
  withBadToken
} from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"

// the seeded fleet, read from the simulator's seed
const fleet = Simulator.fleet()
const SLUG = fleet.product.slug

const ONLINE = fleet.devices.online.id
const PRODUCT = fleet.product.id
const FLEET = fleet.product.deviceIds as unknown as readonly [string, string, string, ...Array<string>]
const UNKNOWN = "0123456789abcdef01234567"

layer(TestLayer)("updating devices", (it) => {
  // ---------------------------------------------------------------------------------------- renameDevice
  it.effect("renameDevice: PUT JSON { name }, decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* renameDevice({ deviceId: ONLINE, name: "kitchen" })
      assert.strictEqual(result.id, ONLINE)
      assert.strictEqual(result.name, "kitchen")
      assert.isString(result.updated_at)
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/v1/devices/${ONLINE}`)
      assert.deepStrictEqual(request.json, { name: "kitchen" })
      assert.strictEqual((yield* getDevice({ deviceId: "kitchen" })).id, ONLINE)
      sim.clearRequests()
      yield* renameDevice({ product: PRODUCT, deviceId: FLEET[0], name: "truck-1" })
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/devices/${FLEET[0]}`)
    }))

  it.effect("renameDevice: a name Particle rejects is BadRequest; unknown Forbidden; not in product NotFound", () =>
    Effect.gen(function*() {
      yield* fresh
      const bad = expectTag(
        yield* Effect.flip(renameDevice({ deviceId: ONLINE, name: "no spaces allowed" })),
        "BadRequest"
      )
      assert.strictEqual(bad.status, 400)
      expectTag(yield* Effect.flip(renameDevice({ deviceId: UNKNOWN, name: "x" })), "Forbidden")
      expectTag(yield* Effect.flip(renameDevice({ product: PRODUCT, deviceId: UNKNOWN, name: "x" })), "NotFound")
      expectTag(yield* Effect.flip(withBadToken(renameDevice({ deviceId: ONLINE, name: "x" }))), "Unauthorized")
      yield* expectInvalid(renameDevice({ deviceId: ONLINE, name: "" }), "name")
      yield* expectInvalid(renameDevice({ deviceId: "bad id", name: "x" }), "deviceId")
    }))

  // ---------------------------------------------------------------------------------------- signalDevice
  it.effect("signalDevice: sends the string \"1\" / \"0\", decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      assert.deepStrictEqual(yield* signalDevice({ deviceId: ONLINE, signal: true }), {
        id: ONLINE,
        connected: true,
        signaling: true
      })
      assert.deepStrictEqual(only(sim).json, { signal: "1" })
      assert.strictEqual(only(sim).method, "PUT")
      assert.strictEqual(only(sim).path, `/v1/devices/${ONLINE}`)
      sim.clearRequests()
      const off = yield* signalDevice({ product: PRODUCT, deviceId: FLEET[0], signal: false })
      assert.isFalse(off.signaling)
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/devices/${FLEET[0]}`)
      assert.deepStrictEqual(only(sim).json, { signal: "0" })
    }))

  it.effect("signalDevice: errors and bad input", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(yield* Effect.flip(signalDevice({ deviceId: UNKNOWN, signal: true })), "Forbidden")
      expectTag(yield* Effect.flip(signalDevice({ product: PRODUCT, deviceId: UNKNOWN, signal: true })), "NotFound")
      yield* expectInvalid(signalDevice({ deviceId: ONLINE, signal: "yes" as unknown as boolean }), "signal")
      yield* expectInvalid(signalDevice({ deviceId: "photon-online", product: PRODUCT, signal: true }), "deviceId")
    }))

  // -------------------------------------------------------------------------------------- setDeviceNotes
  it.effect("setDeviceNotes: PUT JSON { notes }, decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* setDeviceNotes({ deviceId: ONLINE, notes: "battery replaced" })
      assert.strictEqual(result.notes, "battery replaced")
      assert.deepStrictEqual(only(sim).json, { notes: "battery replaced" })
      assert.strictEqual(only(sim).method, "PUT")
      assert.strictEqual((yield* getDevice({ deviceId: ONLINE })).notes, "battery replaced")
      sim.clearRequests()
      yield* setDeviceNotes({ product: SLUG, deviceId: FLEET[1], notes: "" })
      assert.strictEqual(only(sim).path, `/v1/products/${SLUG}/devices/${FLEET[1]}`)
      assert.deepStrictEqual(only(sim).json, { notes: "" })
    }))

  it.effect("setDeviceNotes: errors and bad input", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(yield* Effect.flip(setDeviceNotes({ deviceId: UNKNOWN, notes: "x" })), "Forbidden")
      expectTag(yield* Effect.flip(setDeviceNotes({ product: PRODUCT, deviceId: ONLINE, notes: "x" })), "NotFound")
      yield* expectInvalid(setDeviceNotes({ deviceId: ONLINE } as { deviceId: string; notes: string }), "notes")
    }))

  // -------------------------------------------------------------------------------- forceFirmwareUpdates
  it.effect("forceFirmwareUpdates: JSON { firmware_updates_forced }, true by default; the device shows it", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const on = yield* forceFirmwareUpdates({ deviceId: ONLINE })
      assert.strictEqual(on.id, ONLINE)
      assert.isTrue(on.firmware_updates_forced)
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/v1/devices/${ONLINE}`)
      assert.deepStrictEqual(request.json, { firmware_updates_forced: true })
      assert.isTrue((yield* getDevice({ deviceId: ONLINE })).firmware_updates_forced)
      sim.clearRequests()
      const off = yield* forceFirmwareUpdates({ product: PRODUCT, deviceId: FLEET[1], forced: false })
      assert.isFalse(off.firmware_updates_forced)
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/devices/${FLEET[1]}`)
      assert.deepStrictEqual(only(sim).json, { firmware_updates_forced: false })
    }))

  it.effect("forceFirmwareUpdates: errors and bad input", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(yield* Effect.flip(forceFirmwareUpdates({ deviceId: UNKNOWN })), "Forbidden")
      expectTag(yield* Effect.flip(forceFirmwareUpdates({ product: PRODUCT, deviceId: UNKNOWN })), "NotFound")
      expectTag(yield* Effect.flip(withBadToken(forceFirmwareUpdates({ deviceId: ONLINE }))), "Unauthorized")
      yield* expectInvalid(forceFirmwareUpdates({ deviceId: "fleet-1", product: PRODUCT }), "deviceId")
      yield* expectInvalid(forceFirmwareUpdates({ deviceId: ONLINE, forced: "yes" as unknown as boolean }), "forced")
    }))

  // ----------------------------------------------------------------------------- markAsDevelopmentDevice
  it.effect("markAsDevelopmentDevice: JSON { development: true } by default, false when asked", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const on = yield* markAsDevelopmentDevice({ product: PRODUCT, deviceId: FLEET[0] })
      assert.isTrue(on.development)
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/devices/${FLEET[0]}`)
      assert.deepStrictEqual(request.json, { development: true })
      assert.isTrue((yield* getDevice({ product: PRODUCT, deviceId: FLEET[0] })).development)
      sim.clearRequests()
      assert.isFalse(
        (yield* markAsDevelopmentDevice({ product: PRODUCT, deviceId: FLEET[0], development: false })).development
      )
      assert.deepStrictEqual(only(sim).json, { development: false })
    }))

  it.effect("markAsDevelopmentDevice: errors and bad input", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(yield* Effect.flip(markAsDevelopmentDevice({ product: PRODUCT, deviceId: UNKNOWN })), "NotFound")
      expectTag(
        yield* Effect.flip(asOtherUser(markAsDevelopmentDevice({ product: PRODUCT, deviceId: FLEET[0] }))),
        "Forbidden"
      )
      yield* expectInvalid(markAsDevelopmentDevice({ product: PRODUCT, deviceId: "fleet-1" }), "deviceId")
      yield* expectInvalid(markAsDevelopmentDevice({ product: "", deviceId: FLEET[0] }), "product")
    }))

  // ----------------------------------------------------------------- lock / unlockDeviceProductFirmware
  it.effect("lockDeviceProductFirmware: JSON { desired_firmware_version, flash }; unlock sends an explicit null", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const locked = yield* lockDeviceProductFirmware({
        product: PRODUCT,
        deviceId: FLEET[0],
        desiredFirmwareVersion: 2,
        flash: true
      })
      assert.strictEqual(locked.desired_firmware_version, 2)
      assert.strictEqual(only(sim).method, "PUT")
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/devices/${FLEET[0]}`)
      assert.deepStrictEqual(only(sim).json, { desired_firmware_version: 2, flash: true })
      assert.strictEqual((yield* getDevice({ product: PRODUCT, deviceId: FLEET[0] })).firmware_version, 2)
      sim.clearRequests()
      yield* lockDeviceProductFirmware({ product: PRODUCT, deviceId: FLEET[1], desiredFirmwareVersion: 1 })
      assert.deepStrictEqual(only(sim).json, { desired_firmware_version: 1 })
      sim.clearRequests()
      const unlocked = yield* unlockDeviceProductFirmware({ product: PRODUCT, deviceId: FLEET[0] })
      assert.strictEqual(unlocked.desired_firmware_version, null)
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/devices/${FLEET[0]}`)
      assert.strictEqual(new TextDecoder().decode(request.body), "{\"desired_firmware_version\":null}")
    }))

  it.effect("lockDeviceProductFirmware: unknown version BadRequest, not in product NotFound, bad input", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(
        yield* Effect.flip(
          lockDeviceProductFirmware({ product: PRODUCT, deviceId: FLEET[0], desiredFirmwareVersion: 99 })
        ),
        "BadRequest"
      )
      expectTag(
        yield* Effect.flip(
          lockDeviceProductFirmware({ product: PRODUCT, deviceId: UNKNOWN, desiredFirmwareVersion: 1 })
        ),
        "NotFound"
      )
      yield* expectInvalid(
        lockDeviceProductFirmware({ product: PRODUCT, deviceId: FLEET[0], desiredFirmwareVersion: 0 }),
        "desiredFirmwareVersion"
      )
      yield* expectInvalid(
        lockDeviceProductFirmware({ product: PRODUCT, deviceId: "x", desiredFirmwareVersion: 1 }),
        "deviceId"
      )
    }))

  it.effect("unlockDeviceProductFirmware: errors and bad input", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(yield* Effect.flip(unlockDeviceProductFirmware({ product: PRODUCT, deviceId: UNKNOWN })), "NotFound")
      expectTag(
        yield* Effect.flip(asOtherUser(unlockDeviceProductFirmware({ product: PRODUCT, deviceId: FLEET[0] }))),
        "Forbidden"
      )
      yield* expectInvalid(unlockDeviceProductFirmware({ product: PRODUCT, deviceId: "fleet-1" }), "deviceId")
    }))

  // ---------------------------------------------------------------------------------------- updateDevice
  it.effect("updateDevice: user scope sends only name, signal and notes that are given", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* updateDevice({ deviceId: ONLINE, name: "renamed", signal: false, notes: "n" })
      assert.strictEqual(result.id, ONLINE)
      assert.strictEqual(result.name, "renamed")
      assert.strictEqual(result.notes, "n")
      assert.isFalse(result.signaling)
      assert.strictEqual(only(sim).method, "PUT")
      assert.strictEqual(only(sim).path, `/v1/devices/${ONLINE}`)
      assert.deepStrictEqual(only(sim).json, { name: "renamed", signal: "0", notes: "n" })
      sim.clearRequests()
      yield* updateDevice({ deviceId: "renamed", notes: "only notes" })
      assert.deepStrictEqual(only(sim).json, { notes: "only notes" })
    }))

  it.effect("updateDevice: product scope adds development, desired_firmware_version (null kept) and flash", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* updateDevice({
        product: PRODUCT,
        deviceId: FLEET[2],
        name: "truck-3",
        signal: true,
        development: true,
        desiredFirmwareVersion: null,
        flash: false
      })
      assert.strictEqual(result.name, "truck-3")
      assert.isTrue(result.development)
      assert.strictEqual(result.desired_firmware_version, null)
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/devices/${FLEET[2]}`)
      assert.deepStrictEqual(only(sim).json, {
        name: "truck-3",
        signal: "1",
        development: true,
        desired_firmware_version: null,
        flash: false
      })
    }))

  it.effect("updateDevice: errors, and product-only options without product are InvalidInput", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectTag(yield* Effect.flip(updateDevice({ deviceId: ONLINE, name: "bad name!" })), "BadRequest")
      expectTag(yield* Effect.flip(updateDevice({ deviceId: UNKNOWN, notes: "x" })), "Forbidden")
      expectTag(yield* Effect.flip(updateDevice({ product: PRODUCT, deviceId: UNKNOWN, notes: "x" })), "NotFound")
      faultOnce(
        sim,
        `/v1/devices/${ONLINE}`,
        400,
        { error: "invalid_request", error_description: "Nothing to do?" },
        "PUT"
      )
      const nothing = expectTag(yield* Effect.flip(updateDevice({ deviceId: ONLINE })), "BadRequest")
      assert.include(nothing.message, "Nothing to do?")
      assert.strictEqual(nothing.errorDescription, "Nothing to do?")
      yield* expectInvalid(updateDevice({ deviceId: ONLINE, development: true }), "development")
      yield* expectInvalid(updateDevice({ deviceId: ONLINE, desiredFirmwareVersion: 3 }), "desiredFirmwareVersion")
      yield* expectInvalid(updateDevice({ deviceId: ONLINE, flash: true }), "flash")
      yield* expectInvalid(updateDevice({ deviceId: ONLINE, name: "" }), "name")
      yield* expectInvalid(
        updateDevice({ product: PRODUCT, deviceId: FLEET[0], desiredFirmwareVersion: -1 }),
        "desiredFirmwareVersion"
      )
    }))

  // ------------------------------------------------------------------------------------- unprotectDevice
  it.effect("unprotectDevice: prepare and confirm, nonce fields only when given, user/product/org routes", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const prepared = yield* unprotectDevice({ deviceId: ONLINE, action: "prepare", deviceNonce: "dn" })
      assert.isTrue(prepared.ok)
      assert.isString(prepared.server_nonce)
      assert.strictEqual(only(sim).method, "PUT")
      assert.strictEqual(only(sim).path, `/v1/devices/${ONLINE}/unprotect`)
      assert.deepStrictEqual(only(sim).json, { action: "prepare", device_nonce: "dn" })
      sim.clearRequests()
      const confirmed = yield* unprotectDevice({
        product: PRODUCT,
        deviceId: FLEET[0],
        action: "confirm",
        deviceNonce: "dn",
        serverNonce: "sn",
        deviceSignature: "sig",
        devicePublicKeyFingerprint: "fp"
      })
      assert.isTrue(confirmed.ok)
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/devices/${FLEET[0]}/unprotect`)
      assert.strictEqual(
        new TextDecoder().decode(only(sim).body),
        "{\"action\":\"confirm\",\"device_nonce\":\"dn\",\"server_nonce\":\"sn\",\"device_signature\":\"sig\",\"device_public_key_fingerprint\":\"fp\"}"
      )
      sim.clearRequests()
      yield* unprotectDevice({ org: sim.seed.org.slug, product: PRODUCT, deviceId: FLEET[0], action: "confirm" })
      assert.strictEqual(only(sim).path, `/v1/orgs/${sim.seed.org.slug}/devices/${FLEET[0]}/unprotect`)
      assert.deepStrictEqual(only(sim).json, { action: "confirm" })
    }))

  it.effect("unprotectDevice: errors and bad input", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectTag(yield* Effect.flip(unprotectDevice({ deviceId: UNKNOWN, action: "prepare" })), "Forbidden")
      expectTag(
        yield* Effect.flip(unprotectDevice({ product: PRODUCT, deviceId: UNKNOWN, action: "prepare" })),
        "NotFound"
      )
      faultOnce(sim, `/v1/devices/${ONLINE}/unprotect`, 400, {
        error: "invalid_request",
        error_description: "bad signature"
      })
      expectTag(
        yield* Effect.flip(unprotectDevice({ deviceId: ONLINE, action: "confirm", deviceSignature: "x" })),
        "BadRequest"
      )
      yield* expectInvalid(unprotectDevice({ deviceId: ONLINE, action: "open" as "prepare" }), "action")
      yield* expectInvalid(
        unprotectDevice({ deviceId: "photon-online", org: "sim-org", action: "prepare" }),
        "deviceId"
      )
      yield* expectInvalid(unprotectDevice({ deviceId: ONLINE, org: "bad org", action: "prepare" }), "org")
    }))

  // ----------------------------------------------------------------------------- batchUpdateDeviceGroups
  it.effect("batchUpdateDeviceGroups: PUT /v1/products/:p/devices with action groups", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* batchUpdateDeviceGroups({
        product: PRODUCT,
        deviceIds: [FLEET[0], FLEET[1]],
        add: ["asia", "night-shift"],
        remove: ["europe"]
      })
      assert.isUndefined(result)
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/devices`)
      assert.deepStrictEqual(request.json, {
        action: "groups",
        devices: [FLEET[0], FLEET[1]],
        metadata: { add: ["asia", "night-shift"], remove: ["europe"] }
      })
      assert.deepStrictEqual((yield* getDevice({ product: PRODUCT, deviceId: FLEET[1] })).groups, [
        "beta",
        "asia",
        "night-shift"
      ])
      sim.clearRequests()
      yield* batchUpdateDeviceGroups({ product: SLUG, deviceIds: [FLEET[2]], remove: ["asia"] })
      assert.deepStrictEqual(only(sim).json, {
        action: "groups",
        devices: [FLEET[2]],
        metadata: { add: [], remove: ["asia"] }
      })
    }))

  it.effect("batchUpdateDeviceGroups: errors and bad input", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectTag(
        yield* Effect.flip(batchUpdateDeviceGroups({ product: 999999, deviceIds: [FLEET[0]], add: ["a"] })),
        "NotFound"
      )
      expectTag(
        yield* Effect.flip(
          asOtherUser(batchUpdateDeviceGroups({ product: PRODUCT, deviceIds: [FLEET[0]], add: ["a"] }))
        ),
        "Forbidden"
      )
      faultOnce(sim, `/v1/products/${PRODUCT}/devices`, 400, {
        error: "invalid_request",
        error_description: "invalid group name"
      }, "PUT")
      expectTag(
        yield* Effect.flip(batchUpdateDeviceGroups({ product: PRODUCT, deviceIds: [FLEET[0]], add: ["Bad Name"] })),
        "BadRequest"
      )
      yield* expectInvalid(batchUpdateDeviceGroups({ product: PRODUCT, deviceIds: [], add: ["a"] }), "deviceIds")
      yield* expectInvalid(
        batchUpdateDeviceGroups({ product: PRODUCT, deviceIds: ["fleet-1"], add: ["a"] }),
        "deviceIds.0"
      )
      yield* expectInvalid(batchUpdateDeviceGroups({ product: PRODUCT, deviceIds: [FLEET[0]] }), "add")
      yield* expectInvalid(batchUpdateDeviceGroups({ product: PRODUCT, deviceIds: [FLEET[0]], add: [""] }), "add.0")
    }))
})
