/**
 * Schemas of secrets as Particle answers them: never with their value. Field names stay as Particle sends
 * them; unknown extra fields are tolerated.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Key } from "./internal/scope.js"

/**
 * A secret name as an option: upper-case letters, digits and underscores, not starting with a digit
 * (particle-cli checks the same rule before sending).
 *
 * @example
 * ```ts
 * import { Secret } from "@effect-particle/env"
 * import { Schema } from "effect"
 *
 * Schema.decodeUnknownSync(Secret.SecretName)("WEATHER_API_KEY")
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const SecretName = Key

/**
 * An integration that uses a secret (org integrations carry `org_integration_id`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const SecretUser = /*#__PURE__*/ Schema.Struct({
  name: Schema.optional(Schema.String),
  id: Schema.optional(Schema.String),
  org_integration_id: Schema.optional(Schema.String)
})

/**
 * A secret: its name, when it was created, changed and last read (by a Logic function or an integration),
 * and what uses it. Particle never returns the value; if an answer ever carried one it would decode as
 * `Redacted`, so it cannot reach a log line.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Secret = /*#__PURE__*/ Schema.Struct({
  name: Schema.String,
  created_at: Schema.String,
  updated_at: Schema.String,
  created_by: Schema.optional(Schema.String),
  updated_by: Schema.optional(Schema.String),
  last_accessed_at: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
  integrations: Schema.optionalWith(Schema.Array(SecretUser), { default: () => [] }),
  /** The ids of the Logic functions that declare the secret. */
  logic_functions: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
  value: Schema.optional(Schema.Redacted(Schema.String))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Secret extends Schema.Schema.Type<typeof Secret> {}
