import { listProductDevices } from "@effect-particle/devices"
import {
  assignDeviceGroups,
  createDeviceGroup,
  deleteDeviceGroup,
  getDeviceGroup,
  getProductFirmware,
  listDeviceGroups,
  releaseProductFirmware,
  updateDeviceGroup
} from "@effect-particle/products"
import { expectInvalid, faultOnce, fresh, only, TestLayer } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { expectStatus, PRODUCT, SLUG, UNKNOWN_DEVICE } from "./support.js"

/** Device names of the product, in a group. */
const membersOf = (group: string) =>
  Effect.map(listProductDevices({ product: PRODUCT, groups: [group] }), ({ devices }) => devices.map((d) => d.name))

layer(TestLayer)("device groups", (it) => {
  it.effect("listDeviceGroups: GET …/groups (name as a partial filter), decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { groups } = yield* listDeviceGroups({ product: PRODUCT })
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/groups`)
      assert.strictEqual(request.rawQuery, "")
      assert.deepStrictEqual(groups.map((g) => g.name), sim.seed.product.groups)
      assert.deepStrictEqual(groups[0], { name: "europe", description: "", color: "#34495e", fw_version: null })
      sim.clearRequests()
      const filtered = yield* listDeviceGroups({ product: PRODUCT, name: "as" })
      assert.strictEqual(only(sim).rawQuery, "name=as")
      assert.deepStrictEqual(filtered.groups.map((g) => g.name), ["asia"])
      yield* expectInvalid(listDeviceGroups({ product: PRODUCT, name: "" }), "name")
    }))

  it.effect("getDeviceGroup: GET …/groups/:name with its device count; unknown group NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { group } = yield* getDeviceGroup({ product: SLUG, name: "beta" })
      assert.strictEqual(only(sim).method, "GET")
      assert.strictEqual(only(sim).path, `/v1/products/${SLUG}/groups/beta`)
      assert.strictEqual(group.name, "beta")
      assert.strictEqual(group.device_count, 2)
      expectStatus(
        yield* Effect.flip(getDeviceGroup({ product: PRODUCT, name: "mars" })),
        "NotFound",
        404,
        "Group not found"
      )
      yield* expectInvalid(getDeviceGroup({ product: PRODUCT, name: "Has Spaces" }), "name")
    }))

  it.effect("createDeviceGroup: POST JSON { name, color, description }, 201 { group }; a taken name is BadRequest", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { group } = yield* createDeviceGroup({
        product: PRODUCT,
        name: "west",
        color: "#e74c3c",
        description: "West coast"
      })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/groups`)
      assert.deepStrictEqual(request.json, { name: "west", color: "#e74c3c", description: "West coast" })
      assert.deepStrictEqual(group, {
        name: "west",
        color: "#e74c3c",
        description: "West coast",
        fw_version: null,
        device_count: 0
      })
      sim.clearRequests()
      yield* createDeviceGroup({ product: PRODUCT, name: "east" })
      assert.deepStrictEqual(only(sim).json, { name: "east" })
      expectStatus(
        yield* Effect.flip(createDeviceGroup({ product: PRODUCT, name: "west" })),
        "BadRequest",
        400,
        "already exists"
      )
      assert.deepStrictEqual((yield* listDeviceGroups({ product: PRODUCT })).groups.map((g) => g.name), [
        "europe",
        "asia",
        "beta",
        "west",
        "east"
      ])
    }))

  it.effect("createDeviceGroup: a bad name or color is InvalidInput before any request", () =>
    Effect.gen(function*() {
      yield* expectInvalid(createDeviceGroup({ product: PRODUCT, name: "West" }), "name")
      yield* expectInvalid(createDeviceGroup({ product: PRODUCT, name: "a/b" }), "name")
      yield* expectInvalid(createDeviceGroup({ product: PRODUCT, name: "" }), "name")
      yield* expectInvalid(createDeviceGroup({ product: PRODUCT, name: "ok", color: "red" }), "color")
    }))

  it.effect("updateDeviceGroup: PUT JSON { name, color, description }; members and releases follow a rename", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* releaseProductFirmware({ product: PRODUCT, version: 2, groups: ["beta"] })
      sim.clearRequests()
      const { group } = yield* updateDeviceGroup({
        product: PRODUCT,
        name: "beta",
        newName: "field-test",
        color: "#abc"
      })
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/groups/beta`)
      assert.deepStrictEqual(request.json, { name: "field-test", color: "#abc" })
      assert.strictEqual(group.name, "field-test")
      assert.strictEqual(group.color, "#abc")
      assert.strictEqual(group.fw_version, 2)
      assert.strictEqual(group.device_count, 2)
      assert.deepStrictEqual(yield* membersOf("field-test"), ["fleet-2", "fleet-4"])
      assert.deepStrictEqual((yield* getProductFirmware({ product: PRODUCT, version: 2 })).groups, ["field-test"])
      expectStatus(yield* Effect.flip(getDeviceGroup({ product: PRODUCT, name: "beta" })), "NotFound", 404)
    }))

  it.effect("updateDeviceGroup: unknown NotFound, taken name BadRequest, nothing to change InvalidInput", () =>
    Effect.gen(function*() {
      yield* fresh
      expectStatus(
        yield* Effect.flip(updateDeviceGroup({ product: PRODUCT, name: "mars", description: "x" })),
        "NotFound",
        404
      )
      expectStatus(
        yield* Effect.flip(updateDeviceGroup({ product: PRODUCT, name: "beta", newName: "asia" })),
        "BadRequest",
        400
      )
      yield* expectInvalid(updateDeviceGroup({ product: PRODUCT, name: "beta" }), "newName")
      yield* expectInvalid(updateDeviceGroup({ product: PRODUCT, name: "beta", newName: "Beta" }), "newName")
      yield* expectInvalid(updateDeviceGroup({ product: PRODUCT, name: "beta", color: "#12" }), "color")
    }))

  it.effect("deleteDeviceGroup: DELETE 204; its devices leave it and a release to it is withdrawn; unknown NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* releaseProductFirmware({ product: PRODUCT, version: 2, groups: ["beta", "asia"] })
      sim.clearRequests()
      assert.isUndefined(yield* deleteDeviceGroup({ product: PRODUCT, name: "beta" }))
      const request = only(sim)
      assert.strictEqual(request.method, "DELETE")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/groups/beta`)
      const { devices } = yield* listProductDevices({ product: PRODUCT })
      assert.isTrue(devices.every((d) => !(d.groups ?? []).includes("beta")))
      assert.deepStrictEqual((yield* getProductFirmware({ product: PRODUCT, version: 2 })).groups, ["asia"])
      expectStatus(yield* Effect.flip(deleteDeviceGroup({ product: PRODUCT, name: "beta" })), "NotFound", 404)
      yield* expectInvalid(deleteDeviceGroup({ product: PRODUCT, name: "BETA" }), "name")
    }))

  it.effect("assignDeviceGroups: PUT …/devices/:deviceId JSON { groups } (absolute); groups show in and filter listProductDevices", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const fleet5 = sim.seed.product.deviceIds[4]!
      const answer = yield* assignDeviceGroups({ product: PRODUCT, deviceId: fleet5, groups: ["beta", "night-shift"] })
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/devices/${fleet5}`)
      assert.deepStrictEqual(request.json, { groups: ["beta", "night-shift"] })
      assert.strictEqual(answer.id, fleet5)
      assert.deepStrictEqual(answer.groups, ["beta", "night-shift"])
      // the unknown group was created; the device shows it and the filter finds it
      assert.strictEqual((yield* getDeviceGroup({ product: PRODUCT, name: "night-shift" })).group.device_count, 1)
      assert.deepStrictEqual(yield* membersOf("beta"), ["fleet-2", "fleet-4", "fleet-5"])
      assert.deepStrictEqual(yield* membersOf("night-shift"), ["fleet-5"])
      const { devices } = yield* listProductDevices({ product: PRODUCT, deviceName: "fleet-5" })
      assert.deepStrictEqual(devices[0]!.groups, ["beta", "night-shift"])
      // absolute: [] takes the device out of every group
      yield* assignDeviceGroups({ product: PRODUCT, deviceId: fleet5, groups: [] })
      assert.deepStrictEqual(yield* membersOf("night-shift"), [])
    }))

  it.effect("assignDeviceGroups: not in product NotFound, Particle's 400 BadRequest, bad input InvalidInput", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectStatus(
        yield* Effect.flip(assignDeviceGroups({ product: PRODUCT, deviceId: UNKNOWN_DEVICE, groups: ["beta"] })),
        "NotFound",
        404
      )
      const fleet1 = sim.seed.product.deviceIds[0]!
      faultOnce(sim, `/v1/products/${PRODUCT}/devices/${fleet1}`, 400, { ok: false, error: "Invalid group" }, "PUT")
      expectStatus(
        yield* Effect.flip(assignDeviceGroups({ product: PRODUCT, deviceId: fleet1, groups: ["beta"] })),
        "BadRequest",
        400,
        "Invalid group"
      )
      yield* expectInvalid(assignDeviceGroups({ product: PRODUCT, deviceId: "fleet-1", groups: [] }), "deviceId")
      yield* expectInvalid(assignDeviceGroups({ product: PRODUCT, deviceId: fleet1, groups: ["No"] }), "groups.0")
      yield* expectInvalid(assignDeviceGroups({ product: PRODUCT, deviceId: fleet1 } as never), "groups")
    }))
})
