import { createCustomerToken } from "@effect-particle/auth"
import { ParticleClient } from "@effect-particle/core"
import { getDevice, listProductDevices } from "@effect-particle/devices"
import { deleteCustomer, listCustomers, streamCustomers, updateCustomerPassword } from "@effect-particle/products"
import { expectInvalid, expectTag, faultOnce, fresh, only, TestLayer } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { expectStatus, PRODUCT } from "./support.js"

/** Creates a customer with the simulator's customer route (a bearer-token create, as the Console does). */
const addCustomer = (url: string, token: string, email: string) =>
  Effect.promise(() =>
    fetch(`${url}/v1/products/${PRODUCT}/customers`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ email, password: "pw" })
    }).then((r) => r.status)
  )

layer(TestLayer)("customers", (it) => {
  it.effect("listCustomers: GET …/customers, customers with their devices and meta", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const answer = yield* listCustomers({ product: PRODUCT })
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/customers`)
      assert.strictEqual(request.rawQuery, "")
      assert.deepStrictEqual(answer.customers.map((c) => c.username), [sim.seed.customer.email])
      assert.deepStrictEqual(answer.customers[0]!.devices, [])
      assert.deepStrictEqual(answer.devices, [])
      assert.strictEqual(answer.meta.total_pages, 1)
      sim.clearRequests()
      yield* listCustomers({ product: PRODUCT, page: 2, perPage: 10 })
      assert.strictEqual(only(sim).rawQuery, "page=2&per_page=10")
    }))

  it.effect("listCustomers: a body without meta is a DecodeError; bad paging InvalidInput", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      faultOnce(sim, `/v1/products/${PRODUCT}/customers`, 200, { customers: [] }, "GET")
      expectTag(yield* Effect.flip(listCustomers({ product: PRODUCT })), "DecodeError")
      yield* expectInvalid(listCustomers({ product: PRODUCT, page: 0 }), "page")
      yield* expectInvalid(listCustomers({ product: PRODUCT, perPage: 0.5 }), "perPage")
    }))

  it.effect("streamCustomers: every page of listCustomers, one request per page", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      for (const email of ["a@c.io", "b@c.io"]) {
        assert.strictEqual(yield* addCustomer(sim.url, sim.accessToken, email), 201)
      }
      sim.clearRequests()
      const all = yield* Stream.runCollect(streamCustomers({ product: PRODUCT, perPage: 2 }))
      assert.deepStrictEqual(
        Chunk.toReadonlyArray(all).map((c) => c.username),
        [sim.seed.customer.email, "a@c.io", "b@c.io"]
      )
      assert.deepStrictEqual(
        sim.requests().map((r) => r.rawQuery),
        ["page=1&per_page=2", "page=2&per_page=2"]
      )
      yield* expectInvalid(Stream.runDrain(streamCustomers({ product: "a b" })), "product")
    }))

  it.effect("updateCustomerPassword: PUT JSON { password } (the secret only on the wire); the new password logs in", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const email = "jane@c.io"
      assert.strictEqual(yield* addCustomer(sim.url, sim.accessToken, email), 201)
      sim.clearRequests()
      const result = yield* updateCustomerPassword({ product: PRODUCT, email, password: Redacted.make("n3w-pass") })
      assert.isUndefined(result)
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/customers/jane%40c.io`)
      assert.deepStrictEqual(request.json, { password: "n3w-pass" })
      const login = (password: string) =>
        Effect.promise(() =>
          fetch(`${sim.url}/oauth/token`, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({
              grant_type: "password",
              username: email,
              password,
              client_id: "particle",
              client_secret: "particle"
            })
          }).then((r) => r.status)
        )
      assert.strictEqual(yield* login("n3w-pass"), 200)
      assert.strictEqual(yield* login("pw"), 400)
    }))

  it.effect("updateCustomerPassword: unknown customer NotFound, 400 BadRequest, empty password InvalidInput (never shown)", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectStatus(
        yield* Effect.flip(updateCustomerPassword({ product: PRODUCT, email: "nobody@c.io", password: "x" })),
        "NotFound",
        404,
        "Customer not found"
      )
      faultOnce(sim, `/v1/products/${PRODUCT}/customers/`, 400, { ok: false, error: "password is too weak" }, "PUT")
      expectStatus(
        yield* Effect.flip(updateCustomerPassword({ product: PRODUCT, email: sim.seed.customer.email, password: "1" })),
        "BadRequest",
        400,
        "too weak"
      )
      yield* expectInvalid(
        updateCustomerPassword({ product: PRODUCT, email: sim.seed.customer.email, password: " " }),
        "password"
      )
      yield* expectInvalid(updateCustomerPassword({ product: PRODUCT, email: "", password: "x" }), "email")
    }))

  it.effect("deleteCustomer: DELETE …/customers/:email; its devices become unclaimed, it is gone; again NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      assert.strictEqual(yield* addCustomer(sim.url, sim.accessToken, "owner@c.io"), 201)
      const customerToken = (yield* createCustomerToken({
        clientId: sim.seed.oauthClient.id,
        clientSecret: sim.seed.oauthClient.secret,
        customer: "owner@c.io"
      })).access_token
      const device = sim.createDevice({ name: "customer-device", owner: "owner@c.io", productId: PRODUCT })
      assert.deepStrictEqual((yield* listCustomers({ product: PRODUCT })).customers[1]!.devices, [device.id])
      sim.clearRequests()
      assert.isUndefined(yield* deleteCustomer({ product: PRODUCT, email: "owner@c.io" }))
      const request = only(sim)
      assert.strictEqual(request.method, "DELETE")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/customers/owner%40c.io`)
      assert.deepStrictEqual((yield* listCustomers({ product: PRODUCT })).customers.map((c) => c.username), [
        sim.seed.customer.email
      ])
      const { devices } = yield* listProductDevices({ product: PRODUCT, deviceName: "customer-device" })
      assert.isUndefined(devices[0]!.owner)
      // the customer's token died with it
      expectTag(
        yield* Effect.flip(ParticleClient.withAccessToken(customerToken)(getDevice({ deviceId: device.id }))),
        "Unauthorized"
      )
      expectStatus(yield* Effect.flip(deleteCustomer({ product: PRODUCT, email: "owner@c.io" })), "NotFound", 404)
      yield* expectInvalid(deleteCustomer({ product: PRODUCT, email: "" }), "email")
    }))
})
