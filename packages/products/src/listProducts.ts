/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { ProductList } from "./Product.js"

/**
 * Lists the products the token's user is on the team of (`GET /v1/products`, as particle-api-js asks), or
 * with `org` the products of an organization (`GET /v1/orgs/:org/products`), as `{ products: [...] }`.
 *
 * Errors:
 * - `NotFound`: `org` scope — no such organization, or the user is not a member of it.
 * - `InvalidInput`: a malformed `org`.
 *
 * @example
 * ```ts
 * import { listProducts } from "@effect-particle/products"
 * import { Effect } from "effect"
 *
 * const slugs = listProducts().pipe(Effect.map(({ products }) => products.map((p) => p.slug)))
 * const ofOrg = listProducts({ org: "my-org" })
 * ```
 *
 * @since 0.1.0
 * @category products
 */
export const listProducts = /*#__PURE__*/ Operation.make({
  name: "listProducts",
  summary: "List the products you have access to (or an organization's)",
  method: "GET",
  routes: [{ path: "/v1/orgs/{org}/products" }, { path: "/v1/products" }],
  input: Schema.Struct({ org: Schema.optional(Input.Org) }),
  response: Operation.json(ProductList),
  errors: [ParticleError.NotFound]
})
