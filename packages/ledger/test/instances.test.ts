import {
  createLedger,
  deleteLedgerInstance,
  getLedgerInstance,
  getLedgerInstanceVersion,
  listLedgerInstances,
  listLedgerInstanceVersions,
  setLedgerInstance,
  streamLedgerInstances
} from "@effect-particle/ledger"
import {
  asOtherUser,
  expectGet,
  expectInvalid,
  expectTag,
  faultOnce,
  fresh,
  only,
  TestLayer
} from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

const Config = Schema.Struct({ interval: Schema.Number, mode: Schema.Literal("eco", "full") })
/** A schema whose encoded form differs from its type: a Date travels as an ISO string. */
const Stamped = Schema.Struct({ since: Schema.Date, count: Schema.Number })

const setup = Effect.gen(function*() {
  const sim = yield* fresh
  yield* createLedger({ ledger: { name: "device-config", scope: "Device" } })
  yield* createLedger({ ledger: { name: "fleet", scope: "Product" } })
  yield* createLedger({ ledger: { name: "account", scope: "Owner" } })
  sim.clearRequests()
  return sim
})

layer(TestLayer)("ledger instances", (it) => {
  // ------------------------------------------------------------------------------------ setLedgerInstance
  it.effect("setLedgerInstance: PUT …/instances/:scopeValue with { instance } and no set_mode; 201 decoded", () =>
    Effect.gen(function*() {
      const sim = yield* setup
      const device = sim.seed.devices.online.id
      const instance = yield* setLedgerInstance({
        ledgerName: "device-config",
        scopeValue: device,
        instance: { data: { interval: 60, mode: "eco" } }
      })
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/v1/ledgers/device-config/instances/${device}`)
      assert.strictEqual(request.rawQuery, "")
      assert.deepStrictEqual(request.json, { instance: { data: { interval: 60, mode: "eco" } } })
      assert.deepStrictEqual(instance.data, { interval: 60, mode: "eco" })
      assert.deepStrictEqual(instance.scope, { type: "Device", value: device, name: sim.seed.devices.online.name })
      assert.strictEqual(instance.name, "device-config")
      assert.strictEqual(instance.size_bytes, JSON.stringify({ interval: 60, mode: "eco" }).length)
    }))

  it.effect("setLedgerInstance: Merge keeps other keys (set_mode=Merge in the query); Replace replaces", () =>
    Effect.gen(function*() {
      const sim = yield* setup
      const product = String(sim.seed.product.id)
      yield* setLedgerInstance({ ledgerName: "fleet", scopeValue: product, instance: { data: { a: 1, b: 2 } } })
      sim.clearRequests()
      const merged = yield* setLedgerInstance({
        ledgerName: "fleet",
        scopeValue: product,
        instance: { data: { b: 3, c: 4 } },
        setMode: "Merge"
      })
      assert.strictEqual(only(sim).rawQuery, "set_mode=Merge")
      assert.deepStrictEqual(merged.data, { a: 1, b: 3, c: 4 })
      assert.strictEqual(merged.scope.name, sim.seed.product.name)
      sim.clearRequests()
      const replaced = yield* setLedgerInstance({
        ledgerName: "fleet",
        scopeValue: product,
        instance: { data: { z: true } },
        setMode: "Replace"
      })
      assert.strictEqual(only(sim).rawQuery, "set_mode=Replace")
      assert.deepStrictEqual(replaced.data, { z: true })
    }))

  it.effect("setLedgerInstance: Merge into a missing instance is NotFound; too much data is BadRequest; unknown scope values NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* setup
      const device = sim.seed.devices.online.id
      const missing = expectTag(
        yield* Effect.flip(
          setLedgerInstance({
            ledgerName: "device-config",
            scopeValue: device,
            instance: { data: { a: 1 } },
            setMode: "Merge"
          })
        ),
        "NotFound"
      )
      assert.match(missing.message, /instance not found/i)
      const big = expectTag(
        yield* Effect.flip(
          setLedgerInstance({
            ledgerName: "device-config",
            scopeValue: device,
            instance: { data: { blob: "x".repeat(17_000) } }
          })
        ),
        "BadRequest"
      )
      assert.match(big.errorDescription ?? "", /16384 bytes/)
      // another user's device, and a device that does not exist
      for (const value of [sim.seed.otherUser.deviceId, "0123456789abcdef01234567"]) {
        expectTag(
          yield* Effect.flip(
            setLedgerInstance({ ledgerName: "device-config", scopeValue: value, instance: { data: {} } })
          ),
          "NotFound"
        )
      }
      expectTag(
        yield* Effect.flip(setLedgerInstance({ ledgerName: "nope", scopeValue: device, instance: { data: {} } })),
        "NotFound"
      )
      expectTag(
        yield* Effect.flip(
          asOtherUser(setLedgerInstance({ ledgerName: "device-config", scopeValue: device, instance: { data: {} } }))
        ),
        "NotFound"
      )
    }))

  it.effect("setLedgerInstance: with a schema the data is encoded before sending and the answer decoded", () =>
    Effect.gen(function*() {
      const sim = yield* setup
      const since = new Date("2024-05-01T12:00:00.000Z")
      const instance = yield* setLedgerInstance({
        ledgerName: "account",
        scopeValue: sim.seed.user.id,
        instance: { data: { since, count: 3 } },
        schema: Stamped
      })
      assert.deepStrictEqual(only(sim).json, { instance: { data: { since: "2024-05-01T12:00:00.000Z", count: 3 } } })
      assert.instanceOf(instance.data.since, Date)
      assert.strictEqual(instance.data.since.getTime(), since.getTime())
      assert.strictEqual(instance.scope.type, "Owner")
    }))

  it.effect("setLedgerInstance: bad options are InvalidInput with no request (also data the schema cannot encode)", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const device = sim.seed.devices.online.id
      yield* expectInvalid(
        setLedgerInstance({ ledgerName: "Bad", scopeValue: device, instance: { data: {} } }),
        "ledgerName"
      )
      yield* expectInvalid(
        setLedgerInstance({ ledgerName: "ok", scopeValue: "", instance: { data: {} } }),
        "scopeValue"
      )
      yield* expectInvalid(
        setLedgerInstance({ ledgerName: "ok", scopeValue: device, instance: { data: [1] as unknown as {} } }),
        "instance.data"
      )
      yield* expectInvalid(
        setLedgerInstance({
          ledgerName: "ok",
          scopeValue: device,
          instance: { data: {} },
          setMode: "Append" as "Merge"
        }),
        "setMode"
      )
      yield* expectInvalid(
        setLedgerInstance({
          ledgerName: "ok",
          scopeValue: device,
          instance: { data: { interval: 1, mode: "turbo" as "eco" } },
          schema: Config
        }),
        "instance.data.mode"
      )
      yield* expectInvalid(
        getLedgerInstance({ ledgerName: "ok", scopeValue: device, schema: "not a schema" as unknown as typeof Config }),
        "schema"
      )
    }))

  // ------------------------------------------------------------------------------------ getLedgerInstance
  it.effect("getLedgerInstance: GET …/instances/:scopeValue, unwrapped; with a schema the data is typed", () =>
    Effect.gen(function*() {
      const sim = yield* setup
      const device = sim.seed.devices.cellular.id
      yield* setLedgerInstance({
        ledgerName: "device-config",
        scopeValue: device,
        instance: { data: { interval: 5, mode: "full" } }
      })
      sim.clearRequests()
      const raw = yield* getLedgerInstance({ ledgerName: "device-config", scopeValue: device })
      assert.strictEqual(only(sim).method, "GET")
      expectGet(sim, `/v1/ledgers/device-config/instances/${device}`)
      assert.deepStrictEqual(raw.data, { interval: 5, mode: "full" })
      const typed = yield* getLedgerInstance({ ledgerName: "device-config", scopeValue: device, schema: Config })
      const mode: "eco" | "full" = typed.data.mode
      assert.strictEqual(mode, "full")
      assert.strictEqual(typed.data.interval, 5)
    }))

  it.effect("getLedgerInstance: data that does not match the schema is a DecodeError naming the field", () =>
    Effect.gen(function*() {
      const sim = yield* setup
      const device = sim.seed.devices.cellular.id
      yield* setLedgerInstance({
        ledgerName: "device-config",
        scopeValue: device,
        instance: { data: { interval: "soon", mode: "eco" } }
      })
      const error = expectTag(
        yield* Effect.flip(getLedgerInstance({ ledgerName: "device-config", scopeValue: device, schema: Config })),
        "DecodeError"
      )
      assert.strictEqual(error.path, "instance.data.interval")
      assert.strictEqual(error.status, 200)
      assert.strictEqual(error.method, "GET")
      assert.strictEqual(error.url, `${sim.url}/v1/ledgers/device-config/instances/${device}`)
      assert.match(error.message, /instance\.data\.interval/)
      const missing = expectTag(
        yield* Effect.flip(getLedgerInstance({ ledgerName: "device-config", scopeValue: sim.seed.devices.offline.id })),
        "NotFound"
      )
      assert.strictEqual(missing.status, 404)
      sim.clearRequests()
      yield* Effect.flip(getLedgerInstance({ org: sim.seed.org.slug, ledgerName: "device-config", scopeValue: device }))
      expectGet(sim, `/v1/orgs/${sim.seed.org.slug}/ledgers/device-config/instances/${device}`)
      faultOnce(sim, `/v1/ledgers/device-config/instances/${device}`, 200, { instance: { name: "x" } })
      expectTag(
        yield* Effect.flip(getLedgerInstance({ ledgerName: "device-config", scopeValue: device })),
        "DecodeError"
      )
    }))

  // --------------------------------------------------------------------------------- deleteLedgerInstance
  it.effect("deleteLedgerInstance: DELETE answers 204 (void); then the instance is NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* setup
      yield* setLedgerInstance({ ledgerName: "account", scopeValue: sim.seed.user.id, instance: { data: { a: 1 } } })
      sim.clearRequests()
      assert.isUndefined(yield* deleteLedgerInstance({ ledgerName: "account", scopeValue: sim.seed.user.id }))
      assert.strictEqual(only(sim).method, "DELETE")
      assert.strictEqual(only(sim).path, `/v1/ledgers/account/instances/${sim.seed.user.id}`)
      expectTag(
        yield* Effect.flip(getLedgerInstance({ ledgerName: "account", scopeValue: sim.seed.user.id })),
        "NotFound"
      )
      expectTag(
        yield* Effect.flip(deleteLedgerInstance({ ledgerName: "account", scopeValue: sim.seed.user.id })),
        "NotFound"
      )
      yield* expectInvalid(deleteLedgerInstance({ ledgerName: "account", scopeValue: "" }), "scopeValue")
    }))

  // ---------------------------------------------------------------------------------- listLedgerInstances
  it.effect("listLedgerInstances: GET …/instances with page and per_page; typed list; a mismatch names its index", () =>
    Effect.gen(function*() {
      const sim = yield* setup
      const ids = sim.seed.product.deviceIds.slice(0, 3)
      for (const [n, id] of ids.entries()) {
        yield* setLedgerInstance({
          ledgerName: "device-config",
          scopeValue: id,
          instance: { data: { interval: n, mode: "eco" } }
        })
      }
      sim.clearRequests()
      const page = yield* listLedgerInstances({ ledgerName: "device-config", page: 2, perPage: 2 })
      assert.strictEqual(only(sim).method, "GET")
      assert.strictEqual(only(sim).path, "/v1/ledgers/device-config/instances")
      assert.strictEqual(only(sim).rawQuery, "page=2&per_page=2")
      assert.deepStrictEqual(page.instances.map((i) => i.scope.value), [ids[2]])
      assert.deepStrictEqual(page.meta, { page: 2, per_page: 2, total_pages: 2, total: 3 })
      const typed = yield* listLedgerInstances({ ledgerName: "device-config", schema: Config })
      assert.deepStrictEqual(typed.instances.map((i) => i.data.interval), [0, 1, 2])
      yield* setLedgerInstance({
        ledgerName: "device-config",
        scopeValue: ids[1]!,
        instance: { data: { interval: 1 } }
      })
      const error = expectTag(
        yield* Effect.flip(listLedgerInstances({ ledgerName: "device-config", schema: Config })),
        "DecodeError"
      )
      assert.strictEqual(error.path, "instances.1.data.mode")
      expectTag(yield* Effect.flip(listLedgerInstances({ ledgerName: "nope" })), "NotFound")
      yield* expectInvalid(listLedgerInstances({ ledgerName: "device-config", perPage: 0 }), "perPage")
    }))

  // -------------------------------------------------------------------------------- streamLedgerInstances
  it.effect("streamLedgerInstances: every page lazily, typed with a schema", () =>
    Effect.gen(function*() {
      const sim = yield* setup
      const ids = sim.seed.product.deviceIds.slice(0, 3)
      for (const [n, id] of ids.entries()) {
        yield* setLedgerInstance({
          ledgerName: "device-config",
          scopeValue: id,
          instance: { data: { interval: n * 10, mode: "eco" } }
        })
      }
      sim.clearRequests()
      const all = yield* Stream.runCollect(
        streamLedgerInstances({ ledgerName: "device-config", perPage: 2, schema: Config })
      )
      assert.deepStrictEqual(Chunk.toReadonlyArray(all).map((i) => i.data.interval), [0, 10, 20])
      assert.deepStrictEqual(sim.requests().map((r) => r.rawQuery), ["page=1&per_page=2", "page=2&per_page=2"])
      sim.clearRequests()
      const first = yield* Stream.runCollect(
        Stream.take(streamLedgerInstances({ ledgerName: "device-config", perPage: 1 }), 1)
      )
      assert.strictEqual(first.length, 1)
      assert.strictEqual(only(sim).rawQuery, "page=1&per_page=1")
      expectTag(yield* Effect.flip(Stream.runDrain(streamLedgerInstances({ ledgerName: "nope" }))), "NotFound")
    }))

  // ------------------------------------------------------------------------- listLedgerInstanceVersions
  it.effect("listLedgerInstanceVersions: newest first with replaced_at; replaced_before / replaced_after in the query", () =>
    Effect.gen(function*() {
      const sim = yield* setup
      const owner = sim.seed.user.id
      for (const count of [1, 2, 3]) {
        yield* setLedgerInstance({
          ledgerName: "account",
          scopeValue: owner,
          instance: { data: { since: "2024-01-01T00:00:00.000Z", count } }
        })
      }
      sim.clearRequests()
      const { meta, versions } = yield* listLedgerInstanceVersions({ ledgerName: "account", scopeValue: owner })
      expectGet(sim, `/v1/ledgers/account/instances/${owner}/versions`)
      assert.strictEqual(only(sim).rawQuery, "")
      assert.deepStrictEqual(versions.map((v) => v.data["count"]), [2, 1])
      assert.isFalse(meta.has_more)
      for (const v of versions) assert.isString(v.replaced_at)
      sim.clearRequests()
      const before = new Date("2030-01-01T00:00:00.000Z")
      const after = "2020-01-01T00:00:00.000Z"
      const typed = yield* listLedgerInstanceVersions({
        ledgerName: "account",
        scopeValue: owner,
        replacedBefore: before,
        replacedAfter: after,
        schema: Stamped
      })
      assert.strictEqual(
        only(sim).rawQuery,
        "replaced_before=2030-01-01T00%3A00%3A00.000Z&replaced_after=2020-01-01T00%3A00%3A00.000Z"
      )
      assert.instanceOf(typed.versions[0]!.data.since, Date)
      const none = yield* listLedgerInstanceVersions({
        ledgerName: "account",
        scopeValue: owner,
        replacedBefore: after
      })
      assert.deepStrictEqual(none.versions, [])
      expectTag(
        yield* Effect.flip(
          listLedgerInstanceVersions({ ledgerName: "account", scopeValue: sim.seed.devices.online.id })
        ),
        "NotFound"
      )
      faultOnce(sim, `/v1/ledgers/account/instances/${owner}/versions`, 400, {
        error: "invalid_request",
        error_description: "bad date"
      })
      expectTag(
        yield* Effect.flip(listLedgerInstanceVersions({ ledgerName: "account", scopeValue: owner })),
        "BadRequest"
      )
      yield* expectInvalid(
        listLedgerInstanceVersions({ ledgerName: "account", scopeValue: owner, replacedAfter: "yesterday" }),
        "replacedAfter"
      )
    }))

  // --------------------------------------------------------------------------- getLedgerInstanceVersion
  it.effect("getLedgerInstanceVersion: GET …/versions/:version answers that version's data, typed with a schema", () =>
    Effect.gen(function*() {
      const sim = yield* setup
      const owner = sim.seed.user.id
      for (const count of [1, 2]) {
        yield* setLedgerInstance({
          ledgerName: "account",
          scopeValue: owner,
          instance: { data: { since: "2024-01-01T00:00:00Z", count } }
        })
      }
      sim.clearRequests()
      const first = yield* getLedgerInstanceVersion({ ledgerName: "account", scopeValue: owner, version: 1 })
      expectGet(sim, `/v1/ledgers/account/instances/${owner}/versions/1`)
      assert.deepStrictEqual(first.data, { since: "2024-01-01T00:00:00Z", count: 1 })
      assert.isString(first.replaced_at)
      const current = yield* getLedgerInstanceVersion({
        ledgerName: "account",
        scopeValue: owner,
        version: "2",
        schema: Stamped
      })
      assert.strictEqual(current.data.count, 2)
      assert.instanceOf(current.data.since, Date)
      expectTag(
        yield* Effect.flip(getLedgerInstanceVersion({ ledgerName: "account", scopeValue: owner, version: 9 })),
        "NotFound"
      )
      yield* expectInvalid(
        getLedgerInstanceVersion({ ledgerName: "account", scopeValue: owner, version: 0 }),
        "version"
      )
    }))
})
