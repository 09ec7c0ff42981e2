/**
 * The statuses every product operation shares, one test per operation: a bad token is `Unauthorized` (401),
 * a user who is not on the product's team is `Forbidden` (403), an unknown product is `NotFound` (404); each
 * answered by the simulator, each request sent once to the operation's route.
 */
import * as Products from "@effect-particle/products"
import { asOtherUser, expectTag, fresh, only, TestLayer, withBadToken } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { PRODUCT, UNKNOWN_PRODUCT } from "./support.js"

const DEVICE = "e00fce680000000000001000"
const FILE = new Uint8Array([1, 2, 3])

/** Valid options of every product-scoped operation (the product is filled in per case). */
const cases: ReadonlyArray<
  readonly [string, (product: number) => Effect.Effect<unknown, { readonly _tag: string }, any>]
> = [
  ["getProduct", (product) => Products.getProduct({ product })],
  ["listProductFirmware", (product) => Products.listProductFirmware({ product })],
  [
    "uploadProductFirmware",
    (product) => Products.uploadProductFirmware({ product, version: 9, title: "t", file: FILE })
  ],
  ["getProductFirmware", (product) => Products.getProductFirmware({ product, version: 1 })],
  ["updateProductFirmware", (product) => Products.updateProductFirmware({ product, version: 1, title: "t" })],
  ["downloadProductFirmware", (product) => Products.downloadProductFirmware({ product, version: 1 })],
  [
    "releaseProductFirmware",
    (product) => Products.releaseProductFirmware({ product, version: 2, productDefault: true })
  ],
  ["deleteProductFirmware", (product) => Products.deleteProductFirmware({ product, version: 2 })],
  ["getFirmwareReleaseImpact", (product) => Products.getFirmwareReleaseImpact({ product, version: 2 })],
  ["listTeamMembers", (product) => Products.listTeamMembers({ product })],
  ["inviteTeamMember", (product) => Products.inviteTeamMember({ product, username: "new@example.com" })],
  ["removeTeamMember", (product) => Products.removeTeamMember({ product, username: "demo@particle.sim" })],
  ["getProductConfiguration", (product) => Products.getProductConfiguration({ product })],
  ["getProductConfigurationSchema", (product) => Products.getProductConfigurationSchema({ product })],
  ["getProductDeviceConfiguration", (product) => Products.getProductDeviceConfiguration({ product, deviceId: DEVICE })],
  [
    "getProductDeviceConfigurationSchema",
    (product) => Products.getProductDeviceConfigurationSchema({ product, deviceId: DEVICE })
  ],
  ["setProductConfiguration", (product) => Products.setProductConfiguration({ product, config: { rgb: {} } })],
  [
    "setProductDeviceConfiguration",
    (product) => Products.setProductDeviceConfiguration({ product, deviceId: DEVICE, config: { rgb: {} } })
  ],
  ["getProductLocations", (product) => Products.getProductLocations({ product })],
  ["getProductDeviceLocations", (product) => Products.getProductDeviceLocations({ product, deviceId: DEVICE })],
  ["listDeviceGroups", (product) => Products.listDeviceGroups({ product })],
  ["getDeviceGroup", (product) => Products.getDeviceGroup({ product, name: "europe" })],
  ["createDeviceGroup", (product) => Products.createDeviceGroup({ product, name: "west" })],
  ["updateDeviceGroup", (product) => Products.updateDeviceGroup({ product, name: "europe", description: "d" })],
  ["deleteDeviceGroup", (product) => Products.deleteDeviceGroup({ product, name: "europe" })],
  ["assignDeviceGroups", (product) => Products.assignDeviceGroups({ product, deviceId: DEVICE, groups: ["asia"] })],
  ["listCustomers", (product) => Products.listCustomers({ product })],
  [
    "updateCustomerPassword",
    (product) => Products.updateCustomerPassword({ product, email: "customer@particle.sim", password: "pw" })
  ],
  ["deleteCustomer", (product) => Products.deleteCustomer({ product, email: "customer@particle.sim" })],
  ["approveQuarantinedDevice", (product) => Products.approveQuarantinedDevice({ product, deviceId: DEVICE })],
  ["denyQuarantinedDevice", (product) => Products.denyQuarantinedDevice({ product, deviceId: DEVICE })],
  ["getOnlineMetrics", (product) => Products.getOnlineMetrics({ product })],
  ["getEventsMetrics", (product) => Products.getEventsMetrics({ product })],
  ["getIntegrationMetrics", (product) => Products.getIntegrationMetrics({ product })],
  ["getFunctionsMetrics", (product) => Products.getFunctionsMetrics({ product })],
  ["getVariablesMetrics", (product) => Products.getVariablesMetrics({ product })]
]

layer(TestLayer)("statuses every product operation documents", (it) => {
  it.effect("the table covers every exported product-scoped operation", () =>
    Effect.sync(() => {
      const exported = Object.entries(Products).filter(([, v]) => typeof v === "function" && "definition" in v)
        .map(([name]) => name)
      // not product-scoped: the user's / an org's product list, and the OAuth token endpoint
      const others = ["listProducts"]
      assert.deepStrictEqual([...cases.map(([name]) => name), ...others].sort(), exported.sort())
    }))

  for (const [name, call] of cases) {
    it.effect(`${name}: 401 Unauthorized, 403 Forbidden (not on the team), 404 NotFound (unknown product)`, () =>
      Effect.gen(function*() {
        const sim = yield* fresh
        const unauthorized = expectTag(yield* Effect.flip(withBadToken(call(PRODUCT))), "Unauthorized")
        assert.strictEqual((unauthorized as unknown as { status: number }).status, 401)
        const request = only(sim)
        assert.isTrue(request.path.startsWith(`/v1/products/${PRODUCT}`), request.path)
        assert.strictEqual(request.headers["authorization"], "Bearer 0000000000000000000000000000000000000000")
        const forbidden = expectTag(yield* Effect.flip(asOtherUser(call(PRODUCT))), "Forbidden")
        assert.strictEqual((forbidden as unknown as { status: number; error: string }).error, "Permission Denied")
        const missing = expectTag(yield* Effect.flip(call(UNKNOWN_PRODUCT)), "NotFound")
        assert.strictEqual((missing as unknown as { status: number }).status, 404)
        assert.strictEqual(sim.requests().length, 3)
      }))
  }
})
