import {
  contributeLibrary,
  deleteLibrary,
  getLibrary,
  getLibraryVersions,
  listLibraries,
  publishLibrary,
  streamLibraries
} from "@effect-particle/libraries"
import {
  asOtherUser,
  expectInvalid,
  expectTag,
  faultOnce,
  fresh,
  only,
  type Recorded,
  TestLayer,
  utf8,
  withBadToken
} from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { libraryArchive } from "./support/archive.js"

const json = (r: Recorded) => JSON.parse(utf8(r.body))
const jsonApiError = (message: string) => ({ errors: [{ message }] })

layer(TestLayer)("libraries", (it) => {
  // ------------------------------------------------------------------------------------- listLibraries
  it.effect("listLibraries: GET /v1/libraries; JSON:API documents decoded into plain records", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const libs = yield* listLibraries()
      assert.strictEqual(only(sim).method, "GET")
      assert.strictEqual(only(sim).path, "/v1/libraries")
      assert.strictEqual(only(sim).rawQuery, "")
      assert.deepStrictEqual(libs.map((l) => l.id), sim.seed.libraries.slice().sort())
      const neopixel = libs.find((l) => l.id === "neopixel")!
      assert.deepStrictEqual(
        [
          neopixel.name,
          neopixel.version,
          neopixel.official,
          neopixel.verified,
          neopixel.visibility,
          neopixel.mine,
          neopixel.license
        ],
        ["neopixel", "0.0.10", true, true, "public", false, "MIT"]
      )
      assert.strictEqual(neopixel.download, `${sim.url}/__sim/library-archives/neopixel/0.0.10.tar.gz`)
      assert.isUndefined((neopixel as Record<string, unknown>)["attributes"])
      assert.isTrue(libs.find((l) => l.id === "sim-sensors")!.mine)
    }))

  it.effect("listLibraries: every filter, in particle-api-js's order, arrays comma-joined", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const libs = yield* listLibraries({
        page: 1,
        filter: "neo",
        limit: 5,
        sort: "-installs",
        architectures: ["argon", "boron"],
        category: "Other",
        scope: "public",
        excludeScopes: ["private", "mine"]
      })
      assert.strictEqual(
        only(sim).rawQuery,
        "page=1&filter=neo&limit=5&sort=-installs&architectures=argon%2Cboron&category=Other&scope=public&excludeScopes=private%2Cmine"
      )
      assert.deepStrictEqual(libs.map((l) => l.id), ["neopixel"])
      sim.clearRequests()
      assert.deepStrictEqual((yield* listLibraries({ scope: "mine", architectures: "boron" })).map((l) => l.id), [
        "sim-sensors"
      ])
      assert.strictEqual(only(sim).rawQuery, "architectures=boron&scope=mine")
    }))

  it.effect("listLibraries: the cloud's JSON:API error is a typed error with its message; bad options InvalidInput", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      faultOnce(sim, "/v1/libraries", 400, jsonApiError("Invalid sort field"), "GET")
      const error = expectTag(yield* Effect.flip(listLibraries()), "BadRequest")
      assert.deepStrictEqual(error.errors, ["Invalid sort field"])
      assert.include(error.message, "Invalid sort field")
      expectTag(yield* Effect.flip(withBadToken(listLibraries())), "Unauthorized")
      faultOnce(sim, "/v1/libraries", 200, { data: [{ id: "x", attributes: {} }] }, "GET")
      expectTag(yield* Effect.flip(listLibraries()), "DecodeError")
      yield* expectInvalid(listLibraries({ scope: "everything" as "all" }), "scope")
      yield* expectInvalid(listLibraries({ sort: "size" }), "sort")
      yield* expectInvalid(listLibraries({ limit: 101 }), "limit")
      yield* expectInvalid(listLibraries({ limit: 0 }), "limit")
      yield* expectInvalid(listLibraries({ page: 0 }), "page")
      yield* expectInvalid(listLibraries({ excludeScopes: ["nope" as "all"] }), "excludeScopes")
    }))

  // ----------------------------------------------------------------------------------- streamLibraries
  it.effect("streamLibraries: every page; a short page is the last (no extra request)", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const all = yield* Stream.runCollect(streamLibraries({ limit: 2 }))
      assert.deepStrictEqual(Chunk.toReadonlyArray(all).map((l) => l.id), ["neopixel", "onewire", "sim-sensors"])
      assert.deepStrictEqual(sim.requests().map((r) => r.rawQuery), ["page=1&limit=2", "page=2&limit=2"])
      sim.clearRequests()
      const official = yield* Stream.runCollect(streamLibraries({ scope: "official" }))
      assert.strictEqual(Chunk.size(official), 1)
      assert.strictEqual(only(sim).rawQuery, "page=1&limit=100&scope=official")
      sim.clearRequests()
      assert.strictEqual(Chunk.size(yield* Stream.runCollect(Stream.take(streamLibraries({ limit: 1 }), 2))), 2)
      assert.strictEqual(sim.requests().length, 2)
      yield* expectInvalid(Stream.runDrain(streamLibraries({ limit: 500 })), "limit")
    }))

  // ----------------------------------------------------------------------------- getLibrary / versions
  it.effect("getLibrary: case-insensitive name, a version, latest; unknown is NotFound with the JSON:API message", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const latest = yield* getLibrary({ name: "NeoPixel" })
      assert.strictEqual(only(sim).path, "/v1/libraries/NeoPixel")
      assert.strictEqual(only(sim).rawQuery, "")
      assert.deepStrictEqual([latest.id, latest.version], ["neopixel", "0.0.10"])
      sim.clearRequests()
      const older = yield* getLibrary({ name: "neopixel", version: "0.0.9" })
      assert.strictEqual(only(sim).rawQuery, "version=0.0.9")
      assert.strictEqual(older.version, "0.0.9")
      assert.strictEqual(older.download, `${sim.url}/__sim/library-archives/neopixel/0.0.9.tar.gz`)
      assert.strictEqual(
        (yield* getLibrary({ name: "neopixel", version: "latest", scope: "official" })).version,
        "0.0.10"
      )
      const missing = expectTag(yield* Effect.flip(getLibrary({ name: "no-such-lib" })), "NotFound")
      assert.deepStrictEqual(missing.errors, ["Library no-such-lib not found"])
      assert.include(missing.message, "Library no-such-lib not found")
      expectTag(yield* Effect.flip(getLibrary({ name: "neopixel", version: "9.9.9" })), "NotFound")
      // a private library of someone else is not found
      expectTag(yield* Effect.flip(asOtherUser(getLibrary({ name: "sim-sensors" }))), "NotFound")
      yield* expectInvalid(getLibrary({ name: "no/slash" }), "name")
      yield* expectInvalid(getLibrary({ name: "neopixel", version: "newest" }), "version")
    }))

  it.effect("getLibraryVersions: newest first, page and limit sent", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const versions = yield* getLibraryVersions({ name: "neopixel", page: 1, limit: 10 })
      assert.strictEqual(only(sim).path, "/v1/libraries/neopixel/versions")
      assert.strictEqual(only(sim).rawQuery, "page=1&limit=10")
      assert.deepStrictEqual(versions.map((v) => v.version), ["0.0.10", "0.0.9"])
      expectTag(yield* Effect.flip(getLibraryVersions({ name: "nope" })), "NotFound")
      yield* expectInvalid(getLibraryVersions({ name: "neopixel", limit: 1000 }), "limit")
    }))

  // -------------------------------------------------------------------------------- contributeLibrary
  it.effect("contributeLibrary: one multipart part `file` named archive.tar.gz; the simulator reads library.properties", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const archive = libraryArchive("weather", "1.0.0", "license=BSD\n")
      const lib = yield* contributeLibrary({ archive })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/v1/libraries")
      assert.match(request.contentType ?? "", /^multipart\/form-data; boundary=/)
      assert.deepStrictEqual(request.multipart!.map((p) => [p.name, p.filename]), [["file", "archive.tar.gz"]])
      assert.deepStrictEqual([...request.multipart![0]!.data], [...archive])
      assert.deepStrictEqual(
        [lib.id, lib.name, lib.version, lib.author, lib.license, lib.visibility, lib.mine],
        ["weather", "weather", "1.0.0", "Test Author", "BSD", "private", true]
      )
      // a Blob works too
      const v2 = yield* contributeLibrary({ archive: new Blob([libraryArchive("weather", "1.1.0") as BlobPart]) })
      assert.strictEqual(v2.version, "1.1.0")
    }))

  it.effect("contributeLibrary: what the cloud refuses is BadRequest / Forbidden / Conflict with the JSON:API message", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* contributeLibrary({ archive: libraryArchive("weather", "1.0.0") })
      const again = expectTag(
        yield* Effect.flip(contributeLibrary({ archive: libraryArchive("weather", "1.0.0") })),
        "BadRequest"
      )
      assert.deepStrictEqual(again.errors, [
        "This version is not valid. Version must be greater than or equal to 1.0.1"
      ])
      const foreign = expectTag(
        yield* Effect.flip(contributeLibrary({ archive: libraryArchive("neopixel", "5.0.0") })),
        "Forbidden"
      )
      assert.include(foreign.message, "owned by someone else")
      // a Blob is not checked before sending: the cloud's error tells
      const corrupt = expectTag(
        yield* Effect.flip(contributeLibrary({ archive: new Blob(["not gzip"]) })),
        "BadRequest"
      )
      assert.include(corrupt.message, "not gzip-compressed")
      faultOnce(sim, "/v1/libraries", 409, jsonApiError("Version 1.0.0 already exists"), "POST")
      const conflict = expectTag(
        yield* Effect.flip(contributeLibrary({ archive: libraryArchive("weather", "2.0.0") })),
        "Conflict"
      )
      assert.include(conflict.message, "already exists")
    }))

  it.effect("contributeLibrary: bytes that are not gzip, and no archive, are InvalidInput before any request", () =>
    Effect.gen(function*() {
      yield* expectInvalid(
        contributeLibrary({ archive: new TextEncoder().encode("name=x\nversion=1.0.0\n") }),
        "archive"
      )
      yield* expectInvalid(contributeLibrary({ archive: new Uint8Array(0) }), "archive")
      yield* expectInvalid(contributeLibrary({} as never), "archive")
      yield* expectInvalid(contributeLibrary({ archive: "" }), "archive")
    }))

  // --------------------------------------------------------------------------- publish / delete
  it.effect("publishLibrary: PATCH {visibility: public}; not yours is Forbidden, unknown NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const lib = yield* publishLibrary({ name: "sim-sensors" })
      assert.strictEqual(only(sim).method, "PATCH")
      assert.strictEqual(only(sim).path, "/v1/libraries/sim-sensors")
      assert.deepStrictEqual(json(only(sim)), { visibility: "public" })
      assert.strictEqual(lib.visibility, "public")
      const notMine = expectTag(yield* Effect.flip(publishLibrary({ name: "neopixel" })), "Forbidden")
      assert.include(notMine.message, "You do not own the library neopixel")
      expectTag(yield* Effect.flip(publishLibrary({ name: "nope" })), "NotFound")
      faultOnce(sim, "/v1/libraries/sim-sensors", 400, jsonApiError("visibility must be public"), "PATCH")
      expectTag(yield* Effect.flip(publishLibrary({ name: "sim-sensors" })), "BadRequest")
      yield* expectInvalid(publishLibrary({ name: "" }), "name")
    }))

  it.effect("deleteLibrary: DELETE with the JSON body {force}; a public library needs force", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* contributeLibrary({ archive: libraryArchive("gone", "0.1.0") })
      yield* publishLibrary({ name: "gone" })
      sim.clearRequests()
      const noForce = expectTag(yield* Effect.flip(deleteLibrary({ name: "gone" })), "BadRequest")
      assert.strictEqual(only(sim).method, "DELETE")
      assert.deepStrictEqual(json(only(sim)), {})
      assert.include(noForce.message, "needs force")
      sim.clearRequests()
      const result = yield* deleteLibrary({ name: "gone", force: "yes" })
      assert.strictEqual(result, undefined)
      assert.deepStrictEqual(json(only(sim)), { force: "yes" })
      expectTag(yield* Effect.flip(deleteLibrary({ name: "gone" })), "NotFound")
      expectTag(yield* Effect.flip(deleteLibrary({ name: "neopixel", force: true })), "Forbidden")
      yield* deleteLibrary({ name: "sim-sensors" }) // private: no force needed
      yield* expectInvalid(deleteLibrary({ name: ".hidden" }), "name")
    }))
})
