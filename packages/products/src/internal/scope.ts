import { Input } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/** `product` or `org`, exactly one (team routes exist for both). */
export const productOrOrg = <Fields extends Schema.Struct.Fields>(fields: Fields) =>
  Schema.Struct({
    product: Schema.optional(Input.Product),
    org: Schema.optional(Input.Org),
    ...fields
  }).pipe(
    Schema.filter((o) => {
      const { org, product } = o as { readonly product?: unknown; readonly org?: unknown }
      if (product !== undefined && org !== undefined) return { path: ["org"], message: "give product or org, not both" }
      if (product === undefined && org === undefined) return { path: ["product"], message: "is required (or org)" }
      return undefined
    })
  )
