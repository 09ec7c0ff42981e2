import {
  addDeviceToProduct,
  claimDevice,
  getClaimCode,
  getDevice,
  listDevices,
  lookupSerialNumber,
  provisionDevice,
  sendPublicKey
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
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

// the seeded fleet, read from the simulator's seed
const fleet = Simulator.fleet()
const SLUG = fleet.product.slug

const ONLINE = fleet.devices.online.id
const CELLULAR = fleet.devices.cellular.id
const PRODUCT = fleet.product.id
const NEW_ID = "0a0b0c0d0e0f101112131415"
const PEM = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n"

const tempDir = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "effect-particle-import-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
)

layer(TestLayer)("claiming and provisioning", (it) => {
  // ---------------------------------------------------------------------------------------- claimDevice
  it.effect("claimDevice: POST /v1/devices JSON { id, request_transfer: false }, decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const unclaimed = sim.createDevice({ name: "unclaimed", productId: PRODUCT })
      const result = yield* claimDevice({ deviceId: unclaimed.id })
      assert.isTrue(result.ok)
      assert.strictEqual(result.id, unclaimed.id)
      assert.strictEqual(result.user_id, sim.seed.user.id)
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/v1/devices")
      assert.deepStrictEqual(request.json, { id: unclaimed.id, request_transfer: false })
      assert.include((yield* listDevices()).map((d) => d.id), unclaimed.id)
    }))

  it.effect("claimDevice: someone else's device is Forbidden, or a transfer request with requestTransfer", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const denied = expectTag(yield* Effect.flip(claimDevice({ deviceId: sim.seed.otherUser.deviceId })), "Forbidden")
      assert.include(denied.message, "belongs to someone else")
      sim.clearRequests()
      const transfer = yield* claimDevice({ deviceId: sim.seed.otherUser.deviceId, requestTransfer: true })
      assert.isTrue(transfer.ok)
      assert.isString(transfer.transfer_id)
      assert.deepStrictEqual(only(sim).json, { id: sim.seed.otherUser.deviceId, request_transfer: true })
    }))

  it.effect("claimDevice: unknown device NotFound, rejected BadRequest, bad input", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectTag(yield* Effect.flip(claimDevice({ deviceId: NEW_ID })), "NotFound")
      faultOnce(sim, "/v1/devices", 400, { ok: false, error: "device is not claimable" }, "POST")
      expectTag(yield* Effect.flip(claimDevice({ deviceId: ONLINE })), "BadRequest")
      expectTag(yield* Effect.flip(withBadToken(claimDevice({ deviceId: ONLINE }))), "Unauthorized")
      yield* expectInvalid(claimDevice({ deviceId: "photon-online" }), "deviceId")
      yield* expectInvalid(claimDevice({ deviceId: ONLINE + "0" }), "deviceId")
    }))

  // --------------------------------------------------------------------------------- addDeviceToProduct
  it.effect("addDeviceToProduct: one id as JSON { id }", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* addDeviceToProduct({ product: PRODUCT, deviceId: ONLINE })
      assert.deepStrictEqual(result, { updated: 1, nonmemberDeviceIds: [], invalidDeviceIds: [] })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/devices`)
      assert.deepStrictEqual(request.json, { id: ONLINE })
      assert.strictEqual((yield* getDevice({ product: PRODUCT, deviceId: ONLINE })).firmware_product_id, PRODUCT)
    }))

  const list = `${ONLINE}\n${NEW_ID}\nnot-an-id\n`
  const checkImport = (
    result: { updated: number; nonmemberDeviceIds: ReadonlyArray<string>; invalidDeviceIds: ReadonlyArray<string> }
  ) => {
    assert.strictEqual(result.updated, 2)
    assert.deepStrictEqual(result.nonmemberDeviceIds, [NEW_ID])
    assert.deepStrictEqual(result.invalidDeviceIds, ["not-an-id"])
  }

  it.effect("addDeviceToProduct: a file as bytes is the multipart part `file` (and wins over deviceId)", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      checkImport(
        yield* addDeviceToProduct({ product: SLUG, deviceId: CELLULAR, file: new TextEncoder().encode(list) })
      )
      const request = only(sim)
      assert.strictEqual(request.path, `/v1/products/${SLUG}/devices`)
      assert.match(request.contentType ?? "", /^multipart\/form-data/)
      assert.strictEqual(request.multipart!.length, 1)
      assert.strictEqual(request.multipart![0]!.name, "file")
      assert.strictEqual(request.multipart![0]!.filename, "file")
      assert.strictEqual(utf8(request.multipart![0]!.data), list)
    }))

  it.effect("addDeviceToProduct: a file as a Blob, and as a path on Node", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* fresh
      checkImport(yield* addDeviceToProduct({ product: PRODUCT, file: new Blob([list], { type: "text/plain" }) }))
      assert.strictEqual(utf8(only(sim).multipart![0]!.data), list)
      yield* fresh
      const dir = yield* tempDir
      const path = join(dir, "devices.txt")
      writeFileSync(path, list)
      checkImport(yield* addDeviceToProduct({ product: PRODUCT, file: path }))
      assert.strictEqual(utf8(only(sim).multipart![0]!.data), list)
      yield* expectInvalid(addDeviceToProduct({ product: PRODUCT, file: join(dir, "missing.txt") }), "files.file")
    })))

  it.effect("addDeviceToProduct: errors and bad input", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectTag(yield* Effect.flip(addDeviceToProduct({ product: 999999, deviceId: ONLINE })), "NotFound")
      expectTag(
        yield* Effect.flip(asOtherUser(addDeviceToProduct({ product: PRODUCT, deviceId: ONLINE }))),
        "Forbidden"
      )
      faultOnce(
        sim,
        `/v1/products/${PRODUCT}/devices`,
        400,
        { ok: false, error: "You must provide an id or a file" },
        "POST"
      )
      expectTag(yield* Effect.flip(addDeviceToProduct({ product: PRODUCT, deviceId: ONLINE })), "BadRequest")
      yield* expectInvalid(addDeviceToProduct({ product: PRODUCT }), "deviceId")
      yield* expectInvalid(addDeviceToProduct({ product: PRODUCT, deviceId: "photon-online" }), "deviceId")
      yield* expectInvalid(addDeviceToProduct({ product: "a b", deviceId: ONLINE }), "product")
    }))

  // ------------------------------------------------------------------------------------ provisionDevice
  it.effect("provisionDevice: POST /v1/devices JSON { product_id }, answers the new device", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const device = yield* provisionDevice({ productId: PRODUCT })
      assert.match(device.id, /^[0-9a-f]{24}$/)
      assert.strictEqual(device.product_id, PRODUCT)
      assert.strictEqual(device.platform_id, 13)
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/v1/devices")
      assert.deepStrictEqual(request.json, { product_id: PRODUCT })
    }))

  it.effect("provisionDevice: unknown product NotFound, rejected BadRequest, bad input", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectTag(yield* Effect.flip(provisionDevice({ productId: 999999 })), "NotFound")
      faultOnce(
        sim,
        "/v1/devices",
        400,
        { error: "invalid_request", error_description: "self-provisioning is off" },
        "POST"
      )
      expectTag(yield* Effect.flip(provisionDevice({ productId: PRODUCT })), "BadRequest")
      yield* expectInvalid(provisionDevice({ productId: 0 }), "productId")
      yield* expectInvalid(provisionDevice({ productId: SLUG as unknown as number }), "productId")
    }))

  // --------------------------------------------------------------------------------------- getClaimCode
  it.effect("getClaimCode: user and product routes, JSON { iccid }", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const code = yield* getClaimCode()
      assert.isString(code.claim_code)
      assert.isAtMost(code.claim_code.length, 63)
      assert.include(code.device_ids ?? [], ONLINE)
      assert.strictEqual(only(sim).method, "POST")
      assert.strictEqual(only(sim).path, "/v1/device_claims")
      assert.deepStrictEqual(only(sim).json, {})
      sim.clearRequests()
      yield* getClaimCode({ product: PRODUCT, iccid: "89314404000111111111" })
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/device_claims`)
      assert.deepStrictEqual(only(sim).json, { iccid: "89314404000111111111" })
    }))

  it.effect("getClaimCode: unknown product NotFound, rejected iccid BadRequest, bad input", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectTag(yield* Effect.flip(getClaimCode({ product: "no-such-product" })), "NotFound")
      faultOnce(sim, "/v1/device_claims", 400, { error: "invalid_request", error_description: "unknown ICCID" })
      expectTag(yield* Effect.flip(getClaimCode({ iccid: "123" })), "BadRequest")
      yield* expectInvalid(getClaimCode({ iccid: "" }), "iccid")
      yield* expectInvalid(getClaimCode({ product: 1.5 }), "product")
    }))

  // --------------------------------------------------------------------------------- lookupSerialNumber
  it.effect("lookupSerialNumber: GET /v1/serial_numbers/:sn", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const found = yield* lookupSerialNumber({ serialNumber: sim.seed.serialNumber })
      assert.strictEqual(found.deviceID ?? found.device_id, ONLINE)
      assert.isTrue(found.ok)
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/serial_numbers/${sim.seed.serialNumber}`)
    }))

  it.effect("lookupSerialNumber: unknown serial NotFound; the path is URL-encoded; bad input", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectTag(yield* Effect.flip(lookupSerialNumber({ serialNumber: "NOPE 1/2" })), "NotFound")
      assert.strictEqual(only(sim).path, "/v1/serial_numbers/NOPE%201%2F2")
      yield* expectInvalid(lookupSerialNumber({ serialNumber: "" }), "serialNumber")
    }))

  // -------------------------------------------------------------------------------------- sendPublicKey
  it.effect("sendPublicKey: JSON { deviceID, publicKey, filename, order, algorithm } as particle-api-js", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* sendPublicKey({ deviceId: NEW_ID, key: PEM })
      assert.isTrue(result.ok)
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, `/v1/provisioning/${NEW_ID}`)
      const body = request.json as Record<string, unknown>
      assert.deepStrictEqual(Object.keys(body), ["deviceID", "publicKey", "filename", "order", "algorithm"])
      assert.strictEqual(body.deviceID, NEW_ID)
      assert.strictEqual(body.publicKey, PEM)
      assert.strictEqual(body.filename, "particle-api")
      assert.match(String(body.order), /^manual_\d+$/)
      assert.strictEqual(body.algorithm, "rsa")
      sim.clearRequests()
      yield* sendPublicKey({ deviceId: NEW_ID, key: new TextEncoder().encode(PEM), algorithm: "ecc" })
      assert.strictEqual((only(sim).json as Record<string, unknown>).publicKey, PEM)
      assert.strictEqual((only(sim).json as Record<string, unknown>).algorithm, "ecc")
    }))

  it.effect("sendPublicKey: someone else's device Forbidden, rejected key BadRequest, bad input", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectTag(yield* Effect.flip(sendPublicKey({ deviceId: sim.seed.otherUser.deviceId, key: PEM })), "Forbidden")
      faultOnce(sim, `/v1/provisioning/${NEW_ID}`, 400, { ok: false, error: "No key provided" })
      expectTag(yield* Effect.flip(sendPublicKey({ deviceId: NEW_ID, key: "garbage" })), "BadRequest")
      yield* expectInvalid(sendPublicKey({ deviceId: NEW_ID, key: "" }), "key")
      yield* expectInvalid(sendPublicKey({ deviceId: "photon-online", key: PEM }), "deviceId")
      yield* expectInvalid(sendPublicKey({ deviceId: NEW_ID, key: PEM, algorithm: "dsa" as "rsa" }), "algorithm")
    }))
})
