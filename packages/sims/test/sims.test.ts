import {
  activateSIM,
  checkSIM,
  deactivateSIM,
  getFleetDataUsage,
  getSIM,
  getSIMDataUsage,
  getSIMStatus,
  importSIMs,
  listSIMs,
  reactivateSIM,
  removeSIM,
  streamSIMs,
  updateSIM
} from "@effect-particle/sims"
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

const PRODUCT = 4242
const UNKNOWN = "89000000000000000000"
const json = (r: Recorded) => JSON.parse(utf8(r.body))

layer(TestLayer)("SIM cards", (it) => {
  // ------------------------------------------------------------------------------------------- listSIMs
  it.effect("listSIMs: GET /v1/sims, no query; every SIM decoded with its iccid", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { meta, sims } = yield* listSIMs()
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/v1/sims")
      assert.strictEqual(request.rawQuery, "")
      assert.deepStrictEqual(sims.map((s) => s.iccid), sim.seed.sims.user)
      assert.strictEqual(meta, undefined)
      const first = sims[0]!
      assert.strictEqual(first.status, "active")
      assert.strictEqual(first.device_id, sim.seed.devices.cellular.id)
      assert.strictEqual(first.mb_limit, null)
      assert.strictEqual(first.carrier, "telefonica")
    }))

  it.effect("listSIMs: a product page with every filter, sent as particle-api-js sends it", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const page = yield* listSIMs({
        product: PRODUCT,
        iccid: "8931",
        deviceId: "e00f",
        deviceName: "fleet",
        page: 1,
        perPage: 5
      })
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/sims`)
      assert.strictEqual(only(sim).rawQuery, "iccid=8931&deviceId=e00f&deviceName=fleet&page=1&per_page=5")
      assert.deepStrictEqual(page.sims.map((s) => s.iccid), [sim.seed.sims.product[0]])
      assert.strictEqual(page.meta?.total, 1)
      sim.clearRequests()
      const all = yield* listSIMs({ product: "sim-fleet" })
      assert.strictEqual(only(sim).rawQuery, "")
      assert.deepStrictEqual(all.sims.map((s) => s.iccid), sim.seed.sims.product)
      assert.strictEqual(all.sims[0]!.product_id, PRODUCT)
    }))

  it.effect("listSIMs: unknown product NotFound, not on the team Forbidden, bad token Unauthorized", () =>
    Effect.gen(function*() {
      yield* fresh
      expectTag(yield* Effect.flip(listSIMs({ product: 999999 })), "NotFound")
      expectTag(yield* Effect.flip(asOtherUser(listSIMs({ product: PRODUCT }))), "Forbidden")
      expectTag(yield* Effect.flip(withBadToken(listSIMs())), "Unauthorized")
    }))

  it.effect("listSIMs: decodes particle-api-js's bare array and `_id`-only SIMs; a SIM without either id is a DecodeError", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      faultOnce(sim, "/v1/sims", 200, [{ _id: "8934076500002589174", status: "inactive" }], "GET")
      const bare = yield* listSIMs()
      assert.deepStrictEqual(bare.sims.map((s) => [s.iccid, s.status]), [["8934076500002589174", "inactive"]])
      faultOnce(sim, "/v1/sims", 200, { sims: [{ status: "active" }] }, "GET")
      const error = expectTag(yield* Effect.flip(listSIMs()), "DecodeError")
      assert.include(error.message, "iccid")
    }))

  it.effect("listSIMs: bad options are InvalidInput before any request", () =>
    Effect.gen(function*() {
      yield* expectInvalid(listSIMs({ iccid: "8931" }), "iccid")
      yield* expectInvalid(listSIMs({ deviceName: "x" }), "deviceName")
      yield* expectInvalid(listSIMs({ product: "no/slug" }), "product")
      yield* expectInvalid(listSIMs({ product: PRODUCT, perPage: 0 }), "perPage")
    }))

  // ------------------------------------------------------------------------------------------ streamSIMs
  it.effect("streamSIMs: every page of a product, one request per page; the user's list in one request", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* importSIMs({
        product: PRODUCT,
        iccids: ["89314404000111111199", "89314404000111111198", "89314404000111111197"]
      })
      sim.clearRequests()
      const all = yield* Stream.runCollect(streamSIMs({ product: PRODUCT, perPage: 2 }))
      assert.strictEqual(Chunk.size(all), 5)
      assert.deepStrictEqual(sim.requests().map((r) => r.rawQuery), [
        "page=1&per_page=2",
        "page=2&per_page=2",
        "page=3&per_page=2"
      ])
      sim.clearRequests()
      const mine = yield* Stream.runCollect(streamSIMs({}))
      assert.deepStrictEqual(Chunk.toReadonlyArray(mine).map((s) => s.iccid), sim.seed.sims.user)
      assert.strictEqual(only(sim).rawQuery, "")
      yield* expectInvalid(Stream.runDrain(streamSIMs({ deviceId: "e00f" })), "deviceId")
    }))

  // ---------------------------------------------------------------------------------------------- getSIM
  it.effect("getSIM: GET /v1/sims/:iccid (and the product route), the {sim} envelope unwrapped", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const one = yield* getSIM({ iccid: sim.seed.sims.user[0]! })
      assert.strictEqual(only(sim).path, `/v1/sims/${sim.seed.sims.user[0]}`)
      assert.strictEqual(one.iccid, sim.seed.sims.user[0])
      assert.strictEqual(one.activations_count, 1)
      sim.clearRequests()
      const product = yield* getSIM({ iccid: sim.seed.sims.product[1]!, product: "sim-fleet" })
      assert.strictEqual(only(sim).path, `/v1/products/sim-fleet/sims/${sim.seed.sims.product[1]}`)
      assert.strictEqual(product.product_id, PRODUCT)
      faultOnce(
        sim,
        `/v1/sims/${sim.seed.sims.user[0]}`,
        200,
        { iccid: sim.seed.sims.user[0], status: "active" },
        "GET"
      )
      assert.strictEqual((yield* getSIM({ iccid: sim.seed.sims.user[0]! })).status, "active")
    }))

  it.effect("getSIM: unknown ICCID NotFound, someone else's Forbidden, a malformed one InvalidInput", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const missing = expectTag(yield* Effect.flip(getSIM({ iccid: UNKNOWN })), "NotFound")
      assert.strictEqual(missing.error, "SIM card not found")
      expectTag(yield* Effect.flip(asOtherUser(getSIM({ iccid: sim.seed.sims.user[0]! }))), "Forbidden")
      yield* expectInvalid(getSIM({ iccid: "1234" }), "iccid")
      yield* expectInvalid(getSIM({ iccid: "8934076500002589174x" }), "iccid")
      yield* expectInvalid(getSIM({ iccid: "893407650000258917412" }), "iccid")
    }))

  // ------------------------------------------------------------------------------------------ data usage
  it.effect("getSIMDataUsage: usage_by_day in MB, growing with the device's events", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const iccid = sim.seed.sims.user[0]!
      const before = yield* getSIMDataUsage({ iccid })
      assert.strictEqual(only(sim).path, `/v1/sims/${iccid}/data_usage`)
      assert.strictEqual(before.iccid, iccid)
      assert.deepStrictEqual(before.usage_by_day.map((d) => d.mbs_used), [0.98, 0.98, 0.98])
      sim.publish({ deviceId: sim.seed.devices.cellular.id, name: "reading", data: "1" })
      const after = yield* getSIMDataUsage({ iccid })
      assert.strictEqual(after.usage_by_day.at(-1)!.mbs_used_cumulative, 3.04)
      sim.clearRequests()
      yield* getSIMDataUsage({ iccid: sim.seed.sims.product[0]!, product: PRODUCT })
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/sims/${sim.seed.sims.product[0]}/data_usage`)
      expectTag(yield* Effect.flip(getSIMDataUsage({ iccid: UNKNOWN })), "NotFound")
      expectTag(yield* Effect.flip(asOtherUser(getSIMDataUsage({ iccid }))), "Forbidden")
      yield* expectInvalid(getSIMDataUsage({ iccid: "" }), "iccid")
    }))

  it.effect("getFleetDataUsage: GET /v1/products/:product/sims/data_usage", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const fleet = yield* getFleetDataUsage({ product: PRODUCT })
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/sims/data_usage`)
      assert.strictEqual(fleet.total_active_sim_cards, 2)
      assert.strictEqual(fleet.total_mbs_used, 5.88)
      assert.strictEqual(fleet.usage_by_day.length, 3)
      expectTag(yield* Effect.flip(getFleetDataUsage({ product: 999999 })), "NotFound")
      expectTag(yield* Effect.flip(asOtherUser(getFleetDataUsage({ product: PRODUCT }))), "Forbidden")
      yield* expectInvalid(getFleetDataUsage({} as never), "product")
    }))

  // -------------------------------------------------------------------------------------------- checkSIM
  it.effect("checkSIM: HEAD /v1/sims/:iccid; 204 and a 2xx with a body are success", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const iccid = sim.seed.sims.user[0]!
      const result = yield* checkSIM({ iccid })
      assert.strictEqual(result, undefined)
      assert.strictEqual(only(sim).method, "HEAD")
      assert.strictEqual(only(sim).path, `/v1/sims/${iccid}`)
      faultOnce(sim, `/v1/sims/${iccid}`, 200, { sim: { iccid } }, "HEAD")
      yield* checkSIM({ iccid })
      const missing = expectTag(yield* Effect.flip(checkSIM({ iccid: UNKNOWN })), "NotFound")
      assert.strictEqual(missing.status, 404)
      expectTag(yield* Effect.flip(asOtherUser(checkSIM({ iccid }))), "Forbidden")
      yield* expectInvalid(checkSIM({ iccid: "123" }), "iccid")
    }))

  // ------------------------------------------------------------------------------------------- removeSIM
  it.effect("removeSIM: DELETE (user and product); a second release is NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* removeSIM({ iccid: sim.seed.sims.user[1]! })
      assert.strictEqual(only(sim).method, "DELETE")
      assert.strictEqual(only(sim).path, `/v1/sims/${sim.seed.sims.user[1]}`)
      expectTag(yield* Effect.flip(removeSIM({ iccid: sim.seed.sims.user[1]! })), "NotFound")
      sim.clearRequests()
      yield* removeSIM({ iccid: sim.seed.sims.product[1]!, product: PRODUCT })
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/sims/${sim.seed.sims.product[1]}`)
      expectTag(yield* Effect.flip(asOtherUser(removeSIM({ iccid: sim.seed.sims.user[0]! }))), "Forbidden")
      faultOnce(sim, `/v1/sims/${sim.seed.sims.user[0]}`, 202, { ok: true }, "DELETE")
      yield* removeSIM({ iccid: sim.seed.sims.user[0]! })
      yield* expectInvalid(removeSIM({ iccid: "abc" }), "iccid")
    }))

  // ----------------------------------------------------------------------------------------- SIM actions
  it.effect("deactivateSIM / reactivateSIM / updateSIM / activateSIM: the PUT bodies of particle-api-js 12.0.0 and the state machine", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const iccid = sim.seed.sims.user[0]!
      const off = yield* deactivateSIM({ iccid })
      assert.strictEqual(only(sim).method, "PUT")
      assert.strictEqual(only(sim).path, `/v1/sims/${iccid}`)
      assert.deepStrictEqual(json(only(sim)), { action: "deactivate" })
      assert.strictEqual(off.sim?.status, "inactive")
      sim.clearRequests()
      const on = yield* reactivateSIM({ iccid, mbLimit: 50 })
      assert.deepStrictEqual(json(only(sim)), { mb_limit: 50, action: "reactivate" })
      assert.deepStrictEqual([on.sim?.status, on.sim?.mb_limit], ["active", 50])
      sim.clearRequests()
      // a limit below the usage pauses the SIM
      const limited = yield* updateSIM({ iccid, mbLimit: 1 })
      assert.deepStrictEqual(json(only(sim)), { mb_limit: 1 })
      assert.strictEqual(limited.sim?.status, "inactive_data_limit_reached")
      // unpausing needs a limit above the usage
      const refused = expectTag(yield* Effect.flip(reactivateSIM({ iccid })), "BadRequest")
      assert.include(refused.message, "over its data limit")
      const paused = expectTag(yield* Effect.flip(activateSIM({ iccid })), "BadRequest")
      assert.include(paused.message, "paused at its data limit")
      assert.strictEqual((yield* reactivateSIM({ iccid, mbLimit: 100 })).sim?.status, "active")
      yield* deactivateSIM({ iccid })
      sim.clearRequests()
      const active = yield* activateSIM({ iccid, country: "US" })
      assert.deepStrictEqual(json(only(sim)), { country: "US", action: "activate" })
      assert.strictEqual(active.sim?.status, "active")
    }))

  it.effect("SIM actions: the product route, and the errors of each", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const productSim = sim.seed.sims.product[0]!
      yield* deactivateSIM({ iccid: productSim, product: PRODUCT })
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/sims/${productSim}`)
      sim.clearRequests()
      yield* reactivateSIM({ iccid: productSim, product: "sim-fleet" })
      assert.deepStrictEqual(json(only(sim)), { action: "reactivate" })
      yield* updateSIM({ iccid: productSim, product: PRODUCT, mbLimit: 500 })
      // a product SIM is not activated through the user route
      expectTag(yield* Effect.flip(activateSIM({ iccid: productSim })), "BadRequest")
      for (
        const op of [
          deactivateSIM({ iccid: UNKNOWN }),
          reactivateSIM({ iccid: UNKNOWN }),
          updateSIM({ iccid: UNKNOWN, mbLimit: 5 }),
          activateSIM({ iccid: UNKNOWN })
        ]
      ) {
        expectTag(yield* Effect.flip(op), "NotFound")
      }
      expectTag(yield* Effect.flip(asOtherUser(deactivateSIM({ iccid: sim.seed.sims.user[0]! }))), "Forbidden")
      expectTag(yield* Effect.flip(deactivateSIM({ iccid: productSim, product: 999999 })), "NotFound")
      yield* expectInvalid(updateSIM({ iccid: productSim, mbLimit: 0 }), "mbLimit")
      yield* expectInvalid(updateSIM({ iccid: productSim, mbLimit: 2.5 }), "mbLimit")
      yield* expectInvalid(updateSIM({ iccid: productSim } as never), "mbLimit")
      yield* expectInvalid(reactivateSIM({ iccid: productSim, mbLimit: -1 }), "mbLimit")
      yield* expectInvalid(activateSIM({ iccid: "1", country: "US" }), "iccid")
      yield* expectInvalid(activateSIM({ iccid: productSim, country: "USA" }), "country")
      yield* expectInvalid(deactivateSIM({ iccid: "8931440400011111111a" }), "iccid")
    }))

  // ------------------------------------------------------------------------------------------ importSIMs
  it.effect("importSIMs: POST /v1/products/:product/sims {sims, country}; refused ICCIDs are BadRequest", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const result = yield* importSIMs({ product: PRODUCT, iccids: ["89314404000111111199"], country: "US" })
      assert.strictEqual(only(sim).method, "POST")
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}/sims`)
      assert.deepStrictEqual(json(only(sim)), { sims: ["89314404000111111199"], country: "US" })
      assert.deepStrictEqual(result, { ok: true })
      assert.strictEqual((yield* getSIM({ iccid: "89314404000111111199", product: PRODUCT })).status, "active")
      faultOnce(sim, `/v1/products/${PRODUCT}/sims`, 400, {
        ok: false,
        error: "SIM card 89314404000111111198 belongs to another account or product"
      }, "POST")
      const refused = expectTag(
        yield* Effect.flip(importSIMs({ product: PRODUCT, iccids: ["89314404000111111198"] })),
        "BadRequest"
      )
      assert.include(refused.message, "belongs to another account")
      expectTag(yield* Effect.flip(importSIMs({ product: 999999, iccids: ["89314404000111111198"] })), "NotFound")
      expectTag(
        yield* Effect.flip(asOtherUser(importSIMs({ product: PRODUCT, iccids: ["89314404000111111198"] }))),
        "Forbidden"
      )
      yield* expectInvalid(importSIMs({ product: PRODUCT, iccids: [] }), "iccids")
      yield* expectInvalid(importSIMs({ product: PRODUCT, iccids: ["89314404000111111198", "12"] }), "iccids.1")
      yield* expectInvalid(
        importSIMs({ product: PRODUCT, iccids: Array.from({ length: 1001 }, () => "89314404000111111198") }),
        "iccids"
      )
    }))

  // ---------------------------------------------------------------------------------------- getSIMStatus
  it.effect("getSIMStatus: the 202 answer decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const status = yield* getSIMStatus({ iccid: sim.seed.sims.user[0]! })
      assert.strictEqual(only(sim).path, `/v1/sims/${sim.seed.sims.user[0]}/status`)
      assert.strictEqual(status.meta.state, "complete")
      assert.deepStrictEqual(status.sim_status, { connected: true, gsm_connection: true, data_connection: true })
      expectTag(yield* Effect.flip(getSIMStatus({ iccid: UNKNOWN })), "NotFound")
      expectTag(yield* Effect.flip(asOtherUser(getSIMStatus({ iccid: sim.seed.sims.user[0]! }))), "Forbidden")
      yield* expectInvalid(getSIMStatus({ iccid: "x" }), "iccid")
    }))
})
