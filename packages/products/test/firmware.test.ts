import { listProductDevices } from "@effect-particle/devices"
import {
  deleteProductFirmware,
  downloadProductFirmware,
  getDeviceGroup,
  getFirmwareReleaseImpact,
  getProductFirmware,
  listProductFirmware,
  ProductFirmware,
  releaseProductFirmware,
  updateProductFirmware,
  uploadProductFirmware
} from "@effect-particle/products"
import { expectInvalid, expectTag, faultOnce, fresh, only, TestLayer, utf8 } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { expectStatus, parts, PRODUCT, reportedVersion, SLUG, watchFleet } from "./support.js"

const BINARY = new Uint8Array([0x00, 0xff, 0x10, 0x80, 0x7f, 0x00, 0x42, 0x0d, 0x0a])

const tempDir = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "effect-particle-products-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
)

/** The firmware version each product device runs, by device name. */
const runningVersions = Effect.map(
  listProductDevices({ product: PRODUCT }),
  ({ devices }) => Object.fromEntries(devices.map((d) => [d.name, d.firmware_version]))
)

layer(TestLayer)("product firmware", (it) => {
  // --------------------------------------------------------------------------------- listProductFirmware
  it.effect("listProductFirmware: GET /v1/products/:product/firmware, both spellings of the default decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const versions = yield* listProductFirmware({ product: SLUG })
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/products/${SLUG}/firmware`)
      assert.strictEqual(request.rawQuery, "")
      assert.deepStrictEqual(versions.map((f) => f.version), sim.seed.product.firmwareVersions)
      const [v1, v2] = versions
      assert.strictEqual(v1!.title, "Firmware v1")
      assert.isTrue(v1!.product_default)
      assert.isTrue(v1!.current)
      assert.isFalse(v2!.product_default)
      assert.strictEqual(v1!.name, "firmware.bin")
      assert.strictEqual(v1!.size, "SIM-PRODUCT-FIRMWARE-v1".length)
      assert.strictEqual(v1!.device_count, 5)
      assert.strictEqual(v1!.uploaded_by?.username, sim.seed.user.username)
      assert.strictEqual(v1!.uploaded_at, v1!.uploaded_on)
    }))

  it.effect("listProductFirmware: a body that is not an array is a DecodeError; bad product InvalidInput", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      faultOnce(sim, `/v1/products/${PRODUCT}/firmware`, 200, { firmware: [] }, "GET")
      expectTag(yield* Effect.flip(listProductFirmware({ product: PRODUCT })), "DecodeError")
      yield* expectInvalid(listProductFirmware({ product: -1 }), "product")
    }))

  // ------------------------------------------------------------------------------- uploadProductFirmware
  it.effect("uploadProductFirmware: bytes as multipart file(firmware.bin), version, title, description; 201 decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const uploaded = yield* uploadProductFirmware({
        product: PRODUCT,
        file: BINARY,
        version: 3,
        title: "v3",
        description: "faster loop"
      })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/firmware`)
      assert.match(request.contentType ?? "", /^multipart\/form-data; boundary=/)
      assert.deepStrictEqual(parts(request), [
        { name: "file", filename: "firmware.bin", text: undefined },
        { name: "version", filename: undefined, text: "3" },
        { name: "title", filename: undefined, text: "v3" },
        { name: "description", filename: undefined, text: "faster loop" }
      ])
      assert.deepStrictEqual(Array.from(request.multipart![0]!.data), Array.from(BINARY))
      assert.strictEqual(uploaded.version, 3)
      assert.strictEqual(uploaded.size, BINARY.length)
      assert.strictEqual(uploaded.title, "v3")
      assert.strictEqual(uploaded.description, "faster loop")
      assert.isFalse(uploaded.product_default)
      assert.deepStrictEqual(uploaded.groups, [])
      assert.strictEqual(uploaded.device_count, 0)
      // uploading releases nothing
      const listed = yield* listProductFirmware({ product: PRODUCT })
      assert.deepStrictEqual(listed.map((f) => [f.version, f.product_default]), [[1, true], [2, false], [3, false]])
    }))

  it.effect("uploadProductFirmware: a Blob keeps its type (a bundle .zip), mandatory is sent when given", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const bundle = new Blob([BINARY], { type: "application/zip" })
      yield* uploadProductFirmware({ product: PRODUCT, file: bundle, version: 4, title: "bundle", mandatory: true })
      const request = only(sim)
      assert.deepStrictEqual(parts(request), [
        { name: "file", filename: "firmware.bin", text: undefined },
        { name: "version", filename: undefined, text: "4" },
        { name: "title", filename: undefined, text: "bundle" },
        { name: "mandatory", filename: undefined, text: "true" }
      ])
      assert.strictEqual(request.multipart![0]!.contentType, "application/zip")
      assert.isTrue((yield* getProductFirmware({ product: PRODUCT, version: 4 })).mandatory)
    }))

  it.effect("uploadProductFirmware: a path on Node is read by the core Node layer; a missing path is InvalidInput", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* fresh
      const dir = yield* tempDir
      const path = join(dir, "app.bin")
      writeFileSync(path, BINARY)
      yield* uploadProductFirmware({ product: PRODUCT, file: path, version: 5, title: "from disk" })
      const part = only(sim).multipart![0]!
      assert.strictEqual(part.filename, "firmware.bin")
      assert.deepStrictEqual(Array.from(part.data), Array.from(BINARY))
      const bytes = yield* downloadProductFirmware({ product: PRODUCT, version: 5 })
      assert.deepStrictEqual(Array.from(bytes), Array.from(BINARY))
      yield* expectInvalid(
        uploadProductFirmware({ product: PRODUCT, file: join(dir, "missing.bin"), version: 6, title: "x" }),
        "files.firmware.bin"
      )
    })))

  it.effect("uploadProductFirmware: a duplicate version is Particle's 400 BadRequest", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const error = yield* Effect.flip(
        uploadProductFirmware({ product: PRODUCT, file: BINARY, version: 2, title: "again" })
      )
      const bad = expectStatus(error, "BadRequest", 400, "Version already exists")
      assert.strictEqual((bad as unknown as { error: string }).error, "Version already exists")
      assert.strictEqual(only(sim).method, "POST")
      // nothing changed
      const v2 = yield* getProductFirmware({ product: PRODUCT, version: 2 })
      assert.strictEqual(v2.title, "Firmware v2")
    }))

  it.effect("uploadProductFirmware: over 4 MiB (bytes or Blob), a version that is not a positive integer, an empty title: InvalidInput, nothing sent", () =>
    Effect.gen(function*() {
      const tooBig = new Uint8Array(ProductFirmware.MAX_UPLOAD_BYTES + 1)
      yield* expectInvalid(
        uploadProductFirmware({ product: PRODUCT, file: tooBig, version: 7, title: "big" }),
        "files.firmware.bin"
      )
      yield* expectInvalid(
        uploadProductFirmware({ product: PRODUCT, file: new Blob([tooBig]), version: 7, title: "big" }),
        "files.firmware.bin"
      )
      for (const version of [0, -3, 1.5, Number.NaN]) {
        yield* expectInvalid(uploadProductFirmware({ product: PRODUCT, file: BINARY, version, title: "v" }), "version")
      }
      yield* expectInvalid(
        uploadProductFirmware({ product: PRODUCT, file: BINARY, version: "7" as unknown as number, title: "v" }),
        "version"
      )
      yield* expectInvalid(uploadProductFirmware({ product: PRODUCT, file: BINARY, version: 7, title: "" }), "title")
      yield* expectInvalid(
        uploadProductFirmware({ product: PRODUCT, version: 7, title: "v" } as never),
        "file"
      )
    }))

  it.effect("uploadProductFirmware: exactly 4 MiB is sent", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const limit = new Uint8Array(ProductFirmware.MAX_UPLOAD_BYTES)
      const uploaded = yield* uploadProductFirmware({ product: PRODUCT, file: limit, version: 8, title: "limit" })
      assert.strictEqual(uploaded.size, ProductFirmware.MAX_UPLOAD_BYTES)
      assert.strictEqual(only(sim).method, "POST")
    }))

  // ---------------------------------------------------------------------------------- getProductFirmware
  it.effect("getProductFirmware: GET /v1/products/:product/firmware/:version; unknown version NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const v2 = yield* getProductFirmware({ product: PRODUCT, version: 2 })
      assert.strictEqual(only(sim).method, "GET")
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/firmware/2`)
      assert.strictEqual(v2.version, 2)
      assert.strictEqual(v2.description, "Seeded firmware 2")
      assert.strictEqual(v2.device_count, 0)
      const missing = yield* Effect.flip(getProductFirmware({ product: PRODUCT, version: 99 }))
      expectStatus(missing, "NotFound", 404, "Firmware version not found")
      yield* expectInvalid(getProductFirmware({ product: PRODUCT, version: 0 }), "version")
    }))

  // ------------------------------------------------------------------------------- updateProductFirmware
  it.effect("updateProductFirmware: PUT JSON { title, description } as particle-api-js; the update is kept", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const updated = yield* updateProductFirmware({
        product: PRODUCT,
        version: 2,
        title: "v2 (beta)",
        description: ""
      })
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/firmware/2`)
      assert.strictEqual(request.contentType, "application/json")
      assert.deepStrictEqual(request.json, { title: "v2 (beta)", description: "" })
      assert.strictEqual(updated.title, "v2 (beta)")
      assert.strictEqual(updated.description, "")
      sim.clearRequests()
      yield* updateProductFirmware({ product: PRODUCT, version: 2, mandatory: true })
      assert.deepStrictEqual(only(sim).json, { mandatory: true })
      assert.strictEqual((yield* getProductFirmware({ product: PRODUCT, version: 2 })).title, "v2 (beta)")
    }))

  it.effect("updateProductFirmware: unknown version NotFound; nothing to change or an empty title InvalidInput", () =>
    Effect.gen(function*() {
      yield* fresh
      expectStatus(
        yield* Effect.flip(updateProductFirmware({ product: PRODUCT, version: 42, title: "x" })),
        "NotFound",
        404
      )
      yield* expectInvalid(updateProductFirmware({ product: PRODUCT, version: 2 }), "title")
      yield* expectInvalid(updateProductFirmware({ product: PRODUCT, version: 2, title: "" }), "title")
      yield* expectInvalid(updateProductFirmware({ product: PRODUCT, version: 2.5, title: "x" }), "version")
    }))

  // ----------------------------------------------------------------------------- downloadProductFirmware
  it.effect("downloadProductFirmware: GET …/firmware/:version/binary, the bytes as uploaded; unknown NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const bytes = yield* downloadProductFirmware({ product: SLUG, version: 1 })
      assert.strictEqual(only(sim).method, "GET")
      assert.strictEqual(only(sim).path, `/v1/products/${SLUG}/firmware/1/binary`)
      assert.instanceOf(bytes, Uint8Array)
      assert.strictEqual(utf8(bytes), "SIM-PRODUCT-FIRMWARE-v1")
      expectStatus(yield* Effect.flip(downloadProductFirmware({ product: PRODUCT, version: 7 })), "NotFound", 404)
      yield* expectInvalid(downloadProductFirmware({ product: PRODUCT, version: -1 }), "version")
    }))

  // ------------------------------------------------------------------------------ releaseProductFirmware
  it.effect("releaseProductFirmware: product default — JSON { version, product_default }; the fleet's online devices report the new version on the event stream and in their records", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const online = sim.seed.product.deviceIds.filter((_, i) => i % 2 === 0).sort()
      const watch = yield* watchFleet(PRODUCT, (events) => reportedVersion(events, 2).length === online.length)
      sim.clearRequests()
      const released = yield* releaseProductFirmware({ product: PRODUCT, version: 2, productDefault: true })
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/firmware/release`)
      assert.deepStrictEqual(request.json, { version: 2, product_default: true })
      assert.strictEqual(released.version, 2)
      assert.isTrue(released.product_default)
      assert.isFalse(released.intelligent)
      assert.isString(released.updated_at)

      const events = yield* Fiber.join(watch)
      assert.deepStrictEqual(reportedVersion(events, 2), online)
      const flash = events.filter((e) => e.name === "spark/flash/status").map((e) => `${e.coreid} ${e.data}`)
      for (const id of online) {
        assert.include(flash, `${id} started `)
        assert.include(flash, `${id} success `)
      }
      // the records: online devices run 2, offline ones still 1 (they update when they connect)
      assert.deepStrictEqual(yield* runningVersions, {
        "fleet-1": 2,
        "fleet-2": 1,
        "fleet-3": 2,
        "fleet-4": 1,
        "fleet-5": 2
      })
      const versions = yield* listProductFirmware({ product: PRODUCT })
      assert.deepStrictEqual(versions.map((f) => [f.version, f.product_default, f.device_count]), [[1, false, 2], [
        2,
        true,
        3
      ]])
    }))

  it.effect("releaseProductFirmware: to groups — the group's target (absolute set), only its online devices update", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const fleet3 = sim.seed.product.deviceIds[2]!
      const watch = yield* watchFleet(PRODUCT, (events) => reportedVersion(events, 2).length === 1)
      sim.clearRequests()
      const released = yield* releaseProductFirmware({
        product: PRODUCT,
        version: 2,
        groups: ["asia"],
        intelligent: true
      })
      assert.deepStrictEqual(only(sim).json, { version: 2, groups: ["asia"], intelligent: true })
      assert.deepStrictEqual(released.groups, ["asia"])
      assert.isTrue(released.intelligent)
      assert.isFalse(released.product_default)
      assert.deepStrictEqual(reportedVersion(yield* Fiber.join(watch), 2), [fleet3])
      assert.strictEqual((yield* getDeviceGroup({ product: PRODUCT, name: "asia" })).group.fw_version, 2)
      assert.deepStrictEqual(yield* runningVersions, {
        "fleet-1": 1,
        "fleet-2": 1,
        "fleet-3": 2,
        "fleet-4": 1,
        "fleet-5": 1
      })
      // absolute: releasing to beta only takes asia's release away; [] takes it from every group
      yield* releaseProductFirmware({ product: PRODUCT, version: 2, groups: ["beta"] })
      assert.strictEqual((yield* getDeviceGroup({ product: PRODUCT, name: "asia" })).group.fw_version ?? null, null)
      assert.strictEqual((yield* getDeviceGroup({ product: PRODUCT, name: "beta" })).group.fw_version, 2)
      assert.deepStrictEqual((yield* getProductFirmware({ product: PRODUCT, version: 2 })).groups, ["beta"])
      yield* releaseProductFirmware({ product: PRODUCT, version: 2, groups: [] })
      assert.deepStrictEqual((yield* getProductFirmware({ product: PRODUCT, version: 2 })).groups, [])
    }))

  it.effect("releaseProductFirmware: unknown group or version NotFound; Particle's refusal BadRequest", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const group = yield* Effect.flip(
        releaseProductFirmware({ product: PRODUCT, version: 2, groups: ["asia", "mars"] })
      )
      expectStatus(group, "NotFound", 404, "Group not found: mars")
      assert.deepStrictEqual((yield* getProductFirmware({ product: PRODUCT, version: 2 })).groups, [])
      expectStatus(
        yield* Effect.flip(releaseProductFirmware({ product: PRODUCT, version: 9, productDefault: true })),
        "NotFound",
        404,
        "Firmware version not found"
      )
      faultOnce(sim, `/v1/products/${PRODUCT}/firmware/release`, 400, {
        error: "invalid_request",
        error_description: "Cannot release firmware that has not been seen running on a device"
      })
      const refused = yield* Effect.flip(releaseProductFirmware({ product: PRODUCT, version: 2, productDefault: true }))
      expectStatus(refused, "BadRequest", 400, "Cannot release firmware that has not been seen running")
    }))

  it.effect("releaseProductFirmware: neither productDefault nor groups, a bad group name, a bad version: InvalidInput", () =>
    Effect.gen(function*() {
      yield* expectInvalid(releaseProductFirmware({ product: PRODUCT, version: 2 }), "productDefault")
      yield* expectInvalid(releaseProductFirmware({ product: PRODUCT, version: 2, groups: ["Bad Name"] }), "groups.0")
      yield* expectInvalid(releaseProductFirmware({ product: PRODUCT, version: 0, productDefault: true }), "version")
      yield* expectInvalid(
        releaseProductFirmware({ product: PRODUCT, version: 2, productDefault: "yes" as unknown as boolean }),
        "productDefault"
      )
    }))

  // ------------------------------------------------------------------------------- deleteProductFirmware
  it.effect("deleteProductFirmware: DELETE 204 for a version never released; released BadRequest; unknown NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* deleteProductFirmware({ product: PRODUCT, version: 2 })
      assert.isUndefined(result)
      const request = only(sim)
      assert.strictEqual(request.method, "DELETE")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/firmware/2`)
      assert.strictEqual(request.body.length, 0)
      assert.deepStrictEqual((yield* listProductFirmware({ product: PRODUCT })).map((f) => f.version), [1])
      expectStatus(
        yield* Effect.flip(deleteProductFirmware({ product: PRODUCT, version: 1 })),
        "BadRequest",
        400,
        "Released"
      )
      expectStatus(yield* Effect.flip(deleteProductFirmware({ product: PRODUCT, version: 2 })), "NotFound", 404)
      yield* expectInvalid(deleteProductFirmware({ product: PRODUCT, version: 1.1 }), "version")
    }))

  // ---------------------------------------------------------------------------- getFirmwareReleaseImpact
  it.effect("getFirmwareReleaseImpact: GET /impact with action, firmware_version, comma-joined groups, product_default", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const impact = yield* getFirmwareReleaseImpact({
        product: PRODUCT,
        version: 2,
        groups: ["asia", "beta"],
        productDefault: false
      })
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/impact`)
      assert.strictEqual(
        request.rawQuery,
        "action=edit_groups_for_firmware&firmware_version=2&groups=asia%2Cbeta&product_default=false"
      )
      // fleet-2 (beta), fleet-3 (asia), fleet-4 (asia, beta), all on version 1
      assert.deepStrictEqual(impact, {
        devices: { firmware_update: { total: 3, by_version: [{ version: 1, total: 3 }] } }
      })
      const everyone = yield* getFirmwareReleaseImpact({ product: PRODUCT, version: 2, productDefault: true })
      assert.strictEqual(everyone.devices.firmware_update.total, 5)
      // nothing was released by asking
      assert.deepStrictEqual((yield* getProductFirmware({ product: PRODUCT, version: 2 })).groups, [])
    }))

  it.effect("getFirmwareReleaseImpact: unknown group NotFound, Particle's refusal BadRequest, bad input InvalidInput", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectStatus(
        yield* Effect.flip(getFirmwareReleaseImpact({ product: PRODUCT, version: 2, groups: ["mars"] })),
        "NotFound",
        404
      )
      faultOnce(sim, `/v1/products/${PRODUCT}/impact`, 400, { error: "bad_request", description: "unsupported action" })
      expectStatus(yield* Effect.flip(getFirmwareReleaseImpact({ product: PRODUCT, version: 2 })), "BadRequest", 400)
      yield* expectInvalid(getFirmwareReleaseImpact({ product: PRODUCT, version: 0 }), "version")
      yield* expectInvalid(getFirmwareReleaseImpact({ product: PRODUCT, version: 2, groups: [""] }), "groups.0")
    }))
})
