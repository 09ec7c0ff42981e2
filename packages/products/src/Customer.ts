/**
 * Schemas of a product's customers (the end users who own its devices) and of a customer-scoped token.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A customer: `username` is the email (or the unique identifier) it was created with.
 *
 * @example
 * ```ts
 * import { Customer } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Customer.Customer)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Customer = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  username: Schema.String,
  full_name: Schema.optional(Schema.NullOr(Schema.String)),
  /** The ids of the devices the customer owns. */
  devices: Schema.optional(Schema.Array(Schema.String))
})

/**
 * @example
 * ```ts
 * import type { Customer } from "@effect-particle/products"
 *
 * const owned = (customer: Customer.Customer) => (customer.devices ?? []).length
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Customer = typeof Customer.Type

/**
 * A device of a customer, as the customer list shows it.
 *
 * @example
 * ```ts
 * import { Customer } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Customer.CustomerDevice)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const CustomerDevice = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  product_id: Schema.optional(Schema.Number),
  last_ip_address: Schema.optional(Schema.NullOr(Schema.String)),
  firmware_version: Schema.optional(Schema.NullOr(Schema.Number)),
  online: Schema.optional(Schema.Boolean)
})

/**
 * One page of `listCustomers`: `{ customers, devices, meta: { total_pages, … } }`.
 *
 * @example
 * ```ts
 * import { Customer } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Customer.CustomerList)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const CustomerList = /*#__PURE__*/ Schema.Struct({
  customers: Schema.Array(Customer),
  devices: Schema.optional(Schema.Array(CustomerDevice)),
  meta: Schema.Struct({
    total_pages: Schema.Number,
    page: Schema.optional(Schema.Number),
    per_page: Schema.optional(Schema.Number),
    total: Schema.optional(Schema.Number)
  })
})

/**
 * @example
 * ```ts
 * import type { Customer } from "@effect-particle/products"
 *
 * const emails = (page: Customer.CustomerList) => page.customers.map((c) => c.username)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type CustomerList = typeof CustomerList.Type
