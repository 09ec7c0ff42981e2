import { Input, type Operation } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/** The four scopes of environment variables; exactly one is given. */
export const scopeFields = {
  product: /*#__PURE__*/ Schema.optional(Input.Product),
  org: /*#__PURE__*/ Schema.optional(Input.Org),
  deviceId: /*#__PURE__*/ Schema.optional(Input.DeviceId),
  sandbox: /*#__PURE__*/ Schema.optional(Schema.Boolean)
}

const NAMES = ["product", "org", "deviceId", "sandbox"] as const

interface ScopeOptions {
  readonly product?: number | string | undefined
  readonly org?: string | undefined
  readonly deviceId?: string | undefined
  readonly sandbox?: boolean | undefined
}

/**
 * The options of an env operation: the scope fields plus `fields`, with exactly one scope. Zero or several are
 * `InvalidInput` naming the fields (particle-api-js throws "Specify one of: product, org, deviceId, or
 * sandbox" / "Specify only one of: …" synchronously here).
 */
export const envOptions = <Fields extends Schema.Struct.Fields>(fields: Fields) =>
  Schema.Struct({ ...scopeFields, ...fields }).pipe(
    Schema.filter((options) => {
      const o = options as unknown as ScopeOptions
      const given = NAMES.filter((n) => n === "sandbox" ? o.sandbox === true : o[n] !== undefined)
      if (given.length === 1) return undefined
      return given.length === 0
        ? {
          path: ["product | org | deviceId | sandbox"],
          message: "is required: specify one of product, org, deviceId, or sandbox: true"
        }
        : {
          path: [given.join(", ")],
          message: "are several scopes: specify only one of product, org, deviceId, or sandbox"
        }
    })
  )

/** The routes of an env endpoint in every scope; `suffix` follows `…/env`. */
export const envRoutes = (suffix: string): ReadonlyArray<Operation.Route<ScopeOptions>> => [
  { path: `/v1/products/{product}/env${suffix}` },
  { path: `/v1/orgs/{org}/env${suffix}` },
  { path: `/v1/env/{deviceId}${suffix}` },
  { path: `/v1/env${suffix}`, when: (i) => i.sandbox === true }
]

/** Upper-case letters, digits and underscores, not starting with a digit: Particle's rule for keys. */
export const Key = /*#__PURE__*/ Schema.String.pipe(
  Schema.pattern(/^[A-Z_][A-Z0-9_]*$/, {
    message: () =>
      "must only contain uppercase letters, digits and underscores, and must not start with a digit (Particle's rule)"
  })
)

/** `org` (id or slug): an organization's secrets; without it, your sandbox's. */
export const org = /*#__PURE__*/ Schema.optional(Input.Org)
