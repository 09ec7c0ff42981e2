import {
  getDeviceOsVersion,
  listBuildTargets,
  listDeviceOsVersions,
  streamDeviceOsVersions
} from "@effect-particle/firmware"
import { expectInvalid, expectTag, fresh, only, TestLayer, withBadToken } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

layer(TestLayer)("build targets and Device OS versions", (it) => {
  it.effect("listBuildTargets: GET /v1/build_targets, decoded; featured=true only when asked", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const all = yield* listBuildTargets()
      assert.strictEqual(only(sim).method, "GET")
      assert.strictEqual(only(sim).path, "/v1/build_targets")
      assert.strictEqual(only(sim).rawQuery, "")
      assert.isAbove(all.targets.length, 3)
      assert.strictEqual(all.targets[0]!.firmware_vendor, "Particle")
      assert.include(all.targets[0]!.platforms, 13)
      assert.strictEqual(all.platforms?.Boron, 13)
      assert.isString(all.default_versions?.["13"])
      sim.clearRequests()
      const featured = yield* listBuildTargets({ onlyFeatured: true })
      assert.strictEqual(only(sim).rawQuery, "featured=true")
      assert.isBelow(featured.targets.length, all.targets.length)
      sim.clearRequests()
      yield* listBuildTargets({ onlyFeatured: false })
      assert.strictEqual(only(sim).rawQuery, "")
    }))

  it.effect("listBuildTargets: a malformed body is DecodeError; bad input", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      sim.setFault({
        kind: "status",
        route: "/v1/build_targets",
        status: 200,
        body: { targets: [{ version: 1 }] },
        times: 1
      })
      const error = expectTag(yield* Effect.flip(listBuildTargets()), "DecodeError")
      assert.strictEqual(error.path, "targets.0.version")
      yield* expectInvalid(listBuildTargets({ onlyFeatured: "yes" as unknown as boolean }), "onlyFeatured")
    }))

  it.effect("listDeviceOsVersions: platform_id, internal_version, page, per_page, decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { meta, versions } = yield* listDeviceOsVersions({ platformId: 32, page: 1, perPage: 2 })
      assert.strictEqual(only(sim).method, "GET")
      assert.strictEqual(only(sim).path, "/v1/device-os/versions")
      assert.strictEqual(only(sim).rawQuery, "platform_id=32&page=1&per_page=2")
      assert.strictEqual(versions.length, 2)
      assert.isTrue(versions.every((v) => v.supported_platforms?.includes(32)))
      assert.isString(versions[0]!.version)
      assert.strictEqual(meta.page, 1)
      assert.isAbove(meta.total ?? 0, 2)
      sim.clearRequests()
      const one = (yield* listDeviceOsVersions({ internalVersion: 6201 })).versions
      assert.strictEqual(only(sim).rawQuery, "internal_version=6201")
      assert.deepStrictEqual(one.map((v) => [v.version, v.internal_version]), [["6.2.1", 6201]])
      sim.clearRequests()
      yield* listDeviceOsVersions()
      assert.strictEqual(only(sim).rawQuery, "")
    }))

  it.effect("streamDeviceOsVersions: every page, in order, as one stream", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const all = (yield* listDeviceOsVersions({ perPage: 100 })).versions.map((v) => v.version)
      sim.clearRequests()
      const streamed = Chunk.toArray(yield* Stream.runCollect(streamDeviceOsVersions({ perPage: 2 }))).map((v) =>
        v.version
      )
      assert.deepStrictEqual(streamed, all)
      assert.strictEqual(sim.requests().length, Math.ceil(all.length / 2))
      assert.isTrue(sim.requests().every((r, i) => r.rawQuery === `page=${i + 1}&per_page=2`))
    }))

  it.effect("listDeviceOsVersions: bad token Unauthorized; bad input", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(yield* Effect.flip(withBadToken(listDeviceOsVersions())), "Unauthorized")
      yield* expectInvalid(listDeviceOsVersions({ platformId: -6 }), "platformId")
      yield* expectInvalid(listDeviceOsVersions({ page: 0 }), "page")
      yield* expectInvalid(listDeviceOsVersions({ perPage: 0.5 }), "perPage")
      yield* expectInvalid(listDeviceOsVersions({ internalVersion: 1.5 }), "internalVersion")
    }))

  it.effect("getDeviceOsVersion: GET /v1/device-os/versions/:version?platform_id=", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const version = yield* getDeviceOsVersion({ version: "6.2.1", platformId: 13 })
      assert.strictEqual(version.version, "6.2.1")
      assert.strictEqual(version.platform_id, 13)
      assert.strictEqual(only(sim).method, "GET")
      assert.strictEqual(only(sim).path, "/v1/device-os/versions/6.2.1")
      assert.strictEqual(only(sim).rawQuery, "platform_id=13")
      sim.clearRequests()
      yield* getDeviceOsVersion({ version: "5.8.0" })
      assert.strictEqual(only(sim).rawQuery, "")
    }))

  it.effect("getDeviceOsVersion: unknown version is NotFound; bad input", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(yield* Effect.flip(getDeviceOsVersion({ version: "9.9.9" })), "NotFound")
      expectTag(yield* Effect.flip(getDeviceOsVersion({ version: "2.3.1", platformId: 32 })), "NotFound")
      yield* expectInvalid(getDeviceOsVersion({ version: "" }), "version")
      yield* expectInvalid(getDeviceOsVersion({ version: "six" }), "version")
      yield* expectInvalid(getDeviceOsVersion({ version: "6.2.1", platformId: -1 }), "platformId")
    }))
})
