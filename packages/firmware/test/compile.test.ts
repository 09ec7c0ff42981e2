import { compileCode, downloadFirmwareBinary } from "@effect-particle/firmware"
import {
  expectInvalid,
  expectTag,
  fresh,
  only,
  type Recorded,
  TestLayer,
  utf8,
  withBadToken
} from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const SOURCE = "void setup() {}\nvoid loop() {}\n"
const HEADER = "#pragma once\n"
const bytes = (s: string) => new TextEncoder().encode(s)

const parts = (request: Recorded) =>
  (request.multipart ?? []).map((p) =>
    p.filename !== undefined ? `${p.name}(${p.filename})` : `${p.name}=${utf8(p.data)}`
  )

const tempDir = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "effect-particle-compile-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
)

layer(TestLayer)("compile and binaries", (it) => {
  it.effect("compileCode: source files as bytes, platform_id, latest=true; decoded; the binary downloads", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* compileCode({
        files: { "src/app.ino": bytes(SOURCE), "src/app.h": bytes(HEADER) },
        platformId: 13
      })
      assert.isTrue(result.ok)
      assert.match(result.binary_id, /^[0-9a-f]{24}$/)
      assert.strictEqual(result.binary_url, `/v1/binaries/${result.binary_id}`)
      assert.isString(result.expires_at)
      assert.isString(result.sizeInfo)
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/v1/binaries")
      assert.match(request.contentType ?? "", /^multipart\/form-data; boundary=/)
      assert.deepStrictEqual(parts(request), ["file(src/app.ino)", "file2(src/app.h)", "platform_id=13", "latest=true"])
      assert.strictEqual(utf8(request.multipart![0]!.data), SOURCE)
      sim.clearRequests()
      const binary = yield* downloadFirmwareBinary({ binaryId: result.binary_id })
      assert.instanceOf(binary, Uint8Array)
      assert.include(utf8(binary), "platform=13")
      assert.include(utf8(binary), SOURCE)
      assert.strictEqual(only(sim).method, "GET")
      assert.strictEqual(only(sim).path, `/v1/binaries/${result.binary_id}`)
    }))

  it.effect("compileCode: a target version is build_target_version (not latest); no platform sends none", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* compileCode({ files: { "app.ino": bytes(SOURCE) }, targetVersion: "5.8.0" })
      assert.strictEqual(result.build_target_version, "5.8.0")
      assert.deepStrictEqual(parts(only(sim)), ["file(app.ino)", "build_target_version=5.8.0"])
    }))

  it.effect("compileCode: a file as a Blob, and as a path on Node", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* fresh
      yield* compileCode({ files: { "app.ino": new Blob([SOURCE]) }, platformId: 6 })
      assert.strictEqual(utf8(only(sim).multipart![0]!.data), SOURCE)
      yield* fresh
      const dir = yield* tempDir
      const path = join(dir, "app.ino")
      writeFileSync(path, SOURCE)
      yield* compileCode({ files: { "src/app.ino": path }, platformId: 32, targetVersion: "6.2.1" })
      assert.deepStrictEqual(parts(only(sim)), ["file(src/app.ino)", "platform_id=32", "build_target_version=6.2.1"])
      assert.strictEqual(utf8(only(sim).multipart![0]!.data), SOURCE)
      yield* expectInvalid(compileCode({ files: { "app.ino": join(dir, "missing.ino") } }), "files.app.ino")
    })))

  it.effect("compileCode: code that does not compile is BadRequest with the compiler's errors", () =>
    Effect.gen(function*() {
      yield* fresh
      const error = expectTag(
        yield* Effect.flip(compileCode({ files: { "app.ino": bytes("#error broken on purpose\n") }, platformId: 13 })),
        "BadRequest"
      )
      assert.strictEqual(error.status, 400)
      assert.isTrue((error.errors ?? []).some((e) => e.includes("broken on purpose")))
      expectTag(yield* Effect.flip(withBadToken(compileCode({ files: { "app.ino": bytes(SOURCE) } }))), "Unauthorized")
    }))

  it.effect("compileCode: bad input is InvalidInput naming the field", () =>
    Effect.gen(function*() {
      yield* expectInvalid(compileCode({ files: {} }), "files")
      yield* expectInvalid(compileCode({ files: { "a.ino": 7 as unknown as Uint8Array } }), "files.a.ino")
      yield* expectInvalid(compileCode({ files: { "a.ino": bytes(SOURCE) }, platformId: -1 }), "platformId")
      yield* expectInvalid(compileCode({ files: { "a.ino": bytes(SOURCE) }, platformId: 1.5 }), "platformId")
      yield* expectInvalid(compileCode({ files: { "a.ino": bytes(SOURCE) }, targetVersion: "latest" }), "targetVersion")
    }))

  it.effect("downloadFirmwareBinary: unknown binary is NotFound; bad input", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const error = expectTag(
        yield* Effect.flip(downloadFirmwareBinary({ binaryId: "5734a5d4a71c2601243809e6" })),
        "NotFound"
      )
      assert.strictEqual(error.status, 404)
      sim.clearRequests()
      expectTag(yield* Effect.flip(downloadFirmwareBinary({ binaryId: "a/b" })), "NotFound")
      assert.strictEqual(only(sim).path, "/v1/binaries/a%2Fb")
      yield* expectInvalid(downloadFirmwareBinary({ binaryId: "" }), "binaryId")
    }))
})
