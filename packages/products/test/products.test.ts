import { getProduct, listProducts } from "@effect-particle/products"
import {
  asOtherUser,
  expectInvalid,
  expectTag,
  faultOnce,
  fresh,
  only,
  TestLayer,
  withBadToken
} from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { PRODUCT, SLUG } from "./support.js"

layer(TestLayer)("products", (it) => {
  it.effect("listProducts: GET /v1/products, no query, no body; the seeded product decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { products } = yield* listProducts()
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/v1/products")
      assert.strictEqual(request.rawQuery, "")
      assert.strictEqual(request.body.length, 0)
      assert.deepStrictEqual(products.map((p) => p.id), [sim.seed.product.id])
      const p = products[0]!
      assert.strictEqual(p.slug, sim.seed.product.slug)
      assert.strictEqual(p.name, sim.seed.product.name)
      assert.strictEqual(p.platform_id, 13)
      assert.deepStrictEqual(p.groups, sim.seed.product.groups)
      assert.strictEqual(p.org, sim.seed.org.slug)
      assert.strictEqual(p.settings?.quarantine, false)
    }))

  it.effect("listProducts: with org, GET /v1/orgs/:org/products; another user sees none of the demo products", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { products } = yield* listProducts({ org: sim.seed.org.slug })
      assert.strictEqual(only(sim).path, `/v1/orgs/${sim.seed.org.slug}/products`)
      assert.deepStrictEqual(products.map((p) => p.slug), [SLUG])
      const theirs = yield* asOtherUser(listProducts())
      assert.deepStrictEqual(theirs.products, [])
    }))

  it.effect("listProducts: unknown org NotFound, bad token Unauthorized, malformed body DecodeError, bad org InvalidInput", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      expectTag(yield* Effect.flip(listProducts({ org: "no-such-org" })), "NotFound")
      expectTag(yield* Effect.flip(withBadToken(listProducts())), "Unauthorized")
      faultOnce(sim, "/v1/products", 403, { error: "Permission Denied" }, "GET")
      expectTag(yield* Effect.flip(listProducts()), "Forbidden")
      faultOnce(sim, "/v1/products", 200, { products: "none" }, "GET")
      expectTag(yield* Effect.flip(listProducts()), "DecodeError")
      yield* expectInvalid(listProducts({ org: "no/slashes" }), "org")
    }))

  it.effect("getProduct: GET /v1/products/:product by id and by slug, decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const byId = yield* getProduct({ product: PRODUCT })
      assert.strictEqual(only(sim).method, "GET")
      assert.strictEqual(only(sim).path, `/v1/products/${PRODUCT}`)
      assert.strictEqual(byId.product.slug, SLUG)
      assert.strictEqual(byId.product.description, "Seeded product of the Particle simulator")
      sim.clearRequests()
      const bySlug = yield* getProduct({ product: SLUG })
      assert.strictEqual(only(sim).path, `/v1/products/${SLUG}`)
      assert.deepStrictEqual(bySlug, byId)
    }))

  it.effect("getProduct: bad product is InvalidInput before any request", () =>
    Effect.gen(function*() {
      yield* expectInvalid(getProduct({ product: 0 }), "product")
      yield* expectInvalid(getProduct({ product: "bad slug" }), "product")
      yield* expectInvalid(getProduct({} as never), "product")
    }))
})
