import { flashDevice } from "@effect-particle/devices"
import { Simulator } from "@effect-particle/simulator"
import {
  expectInvalid,
  expectTag,
  faultOnce,
  fresh,
  only,
  type Recorded,
  TestLayer,
  utf8
} from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

// the seeded fleet, read from the simulator's seed
const fleet = Simulator.fleet()

const ONLINE = fleet.devices.online.id
const PRODUCT = fleet.product.id
const FLEET = fleet.product.deviceIds[0]!
const UNKNOWN = "0123456789abcdef01234567"

const SOURCE = "void setup() {}\nvoid loop() {}\n"
const HEADER = "#pragma once\nint answer();\n"
const BINARY = new Uint8Array([0x00, 0xff, 0x10, 0x80, 0x7f, 0x00, 0x42])

const parts = (request: Recorded) =>
  (request.multipart ?? []).map((p) => ({
    name: p.name,
    filename: p.filename,
    text: p.filename === undefined ? utf8(p.data) : undefined
  }))

/** A temporary directory for the duration of one test. */
const tempDir = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "effect-particle-flash-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
)

layer(TestLayer)("flashDevice", (it) => {
  it.effect("source files as bytes: parts file, file2 named by key, then latest=true", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* flashDevice({
        deviceId: ONLINE,
        files: { "src/app.ino": new TextEncoder().encode(SOURCE), "src/answer.h": new TextEncoder().encode(HEADER) }
      })
      assert.deepStrictEqual(result, { ok: true, message: "Update started" })
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/v1/devices/${ONLINE}`)
      assert.match(request.contentType ?? "", /^multipart\/form-data; boundary=/)
      assert.deepStrictEqual(parts(request), [
        { name: "file", filename: "src/app.ino", text: undefined },
        { name: "file2", filename: "src/answer.h", text: undefined },
        { name: "latest", filename: undefined, text: "true" }
      ])
      assert.strictEqual(utf8(request.multipart![0]!.data), SOURCE)
      assert.strictEqual(utf8(request.multipart![1]!.data), HEADER)
    }))

  it.effect("a target version is sent as build_target_version instead of latest", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* flashDevice({
        deviceId: "photon-online",
        files: { "app.ino": new TextEncoder().encode(SOURCE) },
        targetVersion: "6.2.1"
      })
      const request = only(sim)
      assert.strictEqual(request.path, "/v1/devices/photon-online")
      assert.deepStrictEqual(parts(request), [
        { name: "file", filename: "app.ino", text: undefined },
        { name: "build_target_version", filename: undefined, text: "6.2.1" }
      ])
    }))

  it.effect("a compiled binary, byte for byte, answers { id, status }", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* flashDevice({ deviceId: ONLINE, files: { "firmware.bin": BINARY } })
      assert.deepStrictEqual(result, { id: ONLINE, status: "Update started" })
      const request = only(sim)
      assert.strictEqual(request.multipart![0]!.name, "file")
      assert.strictEqual(request.multipart![0]!.filename, "firmware.bin")
      assert.deepStrictEqual(Array.from(request.multipart![0]!.data), Array.from(BINARY))
    }))

  it.effect("a file as a Blob", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* flashDevice({
        deviceId: ONLINE,
        files: { "firmware.bin": new Blob([BINARY], { type: "application/octet-stream" }) }
      })
      const part = only(sim).multipart![0]!
      assert.strictEqual(part.filename, "firmware.bin")
      assert.deepStrictEqual(Array.from(part.data), Array.from(BINARY))
    }))

  it.effect("a file as a path on Node (read by the core Node layer)", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* fresh
      const dir = yield* tempDir
      const path = join(dir, "firmware.bin")
      writeFileSync(path, BINARY)
      const sourcePath = join(dir, "app.ino")
      writeFileSync(sourcePath, SOURCE)
      yield* flashDevice({ deviceId: ONLINE, files: { "firmware.bin": path } })
      assert.deepStrictEqual(Array.from(only(sim).multipart![0]!.data), Array.from(BINARY))
      sim.clearRequests()
      yield* flashDevice({ deviceId: ONLINE, files: { "src/app.ino": sourcePath }, targetVersion: "5.8.0" })
      assert.deepStrictEqual(parts(only(sim)), [
        { name: "file", filename: "src/app.ino", text: undefined },
        { name: "build_target_version", filename: undefined, text: "5.8.0" }
      ])
      assert.strictEqual(utf8(only(sim).multipart![0]!.data), SOURCE)
    })))

  it.effect("a path that does not exist is InvalidInput naming the file, before any request", () =>
    Effect.scoped(Effect.gen(function*() {
      const dir = yield* tempDir
      yield* expectInvalid(
        flashDevice({ deviceId: ONLINE, files: { "app.ino": join(dir, "missing.ino") } }),
        "files.app.ino"
      )
    })))

  it.effect("product scope route", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* flashDevice({
        product: PRODUCT,
        deviceId: FLEET,
        files: { "firmware.bin": BINARY },
        targetVersion: "6.2.1"
      })
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/devices/${FLEET}`)
      assert.strictEqual(only(sim).method, "PUT")
    }))

  it.effect("errors: BadRequest (rejected upload), Forbidden (unknown device), NotFound (not in product)", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      faultOnce(sim, `/v1/devices/${ONLINE}`, 400, {
        ok: false,
        error: "Compilation failed",
        errors: ["app.ino:1: error"]
      }, "PUT")
      const bad = expectTag(
        yield* Effect.flip(flashDevice({ deviceId: ONLINE, files: { "app.ino": new TextEncoder().encode("oops") } })),
        "BadRequest"
      )
      assert.strictEqual(bad.error, "Compilation failed")
      assert.deepStrictEqual(bad.errors, ["app.ino:1: error"])
      expectTag(yield* Effect.flip(flashDevice({ deviceId: UNKNOWN, files: { "firmware.bin": BINARY } })), "Forbidden")
      expectTag(
        yield* Effect.flip(flashDevice({ product: PRODUCT, deviceId: UNKNOWN, files: { "firmware.bin": BINARY } })),
        "NotFound"
      )
    }))

  it.effect("bad input: no files, a file of the wrong type, an empty path, a bad device", () =>
    Effect.gen(function*() {
      yield* expectInvalid(flashDevice({ deviceId: ONLINE, files: {} }), "files")
      yield* expectInvalid(
        flashDevice({ deviceId: ONLINE, files: { "a.bin": 42 as unknown as Uint8Array } }),
        "files.a.bin"
      )
      yield* expectInvalid(flashDevice({ deviceId: ONLINE, files: { "a.bin": "" } }), "files.a.bin")
      yield* expectInvalid(flashDevice({ deviceId: "bad id", files: { "a.bin": BINARY } }), "deviceId")
      yield* expectInvalid(
        flashDevice({ deviceId: "photon-online", product: PRODUCT, files: { "a.bin": BINARY } }),
        "deviceId"
      )
      yield* expectInvalid(
        flashDevice({ deviceId: ONLINE, files: { "a.bin": BINARY }, targetVersion: "" }),
        "targetVersion"
      )
    }))
})
