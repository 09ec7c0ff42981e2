import { Input, Operation } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/** `/v1/clients…` or its product twin. */
export const clientRoutes = (suffix: string) => Operation.scoped(`/clients${suffix}`, "user", "product")

/** An OAuth client ID in a path: a slug as the cloud makes them. */
export const ClientIdInPath = /*#__PURE__*/ Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_-]{1,100}$/, { message: () => "must be an OAuth client ID (letters, digits, - and _)" })
)

/** A space-separated scope list such as `customers:create` or `*:*`. */
export const Scope = /*#__PURE__*/ Schema.String.pipe(
  Schema.filter((s) => s.trim().length > 0 || "must not be empty (omit it for no scope)")
)

export const productOption = { product: /*#__PURE__*/ Schema.optional(Input.Product) }
