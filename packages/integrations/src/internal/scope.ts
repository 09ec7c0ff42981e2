import { Input } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { oneScope } from "./input.js"

/** `{ product?, org? }`, not both. */
export const Scope = /*#__PURE__*/ Schema.Struct({
  product: Schema.optional(Input.Product),
  org: Schema.optional(Input.Org)
}).pipe(Schema.filter(oneScope))

/** `{ integrationId, product?, org? }`, not both. */
export const OneIntegration = /*#__PURE__*/ Schema.Struct({
  integrationId: Input.NonEmpty,
  product: Schema.optional(Input.Product),
  org: Schema.optional(Input.Org)
}).pipe(Schema.filter(oneScope))
