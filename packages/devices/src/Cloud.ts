/**
 * Schemas of the answers of variable reads and function calls.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * What the cloud knows of the device that answered a variable read.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CoreInfo = /*#__PURE__*/ Schema.Struct({
  deviceID: Schema.String,
  name: Schema.optional(Schema.String),
  connected: Schema.optional(Schema.Boolean),
  last_app: Schema.optional(Schema.String),
  last_heard: Schema.optional(Schema.String),
  last_handshake_at: Schema.optional(Schema.String),
  product_id: Schema.optional(Schema.Number)
})

/**
 * A variable's value: a number for `int32`/`double`, a string for `string`, a boolean for `bool`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const VariableValue = /*#__PURE__*/ Schema.Union(Schema.Number, Schema.String, Schema.Boolean)

/**
 * The answer of `getVariable`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const VariableResult = /*#__PURE__*/ Schema.Struct({
  name: Schema.String,
  result: VariableValue,
  /** `VarReturn` on today's cloud. */
  cmd: Schema.optional(Schema.String),
  coreInfo: Schema.optional(CoreInfo)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface VariableResult extends Schema.Schema.Type<typeof VariableResult> {}

/**
 * The answer of `callFunction`: `return_value` is the integer the firmware function returned.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FunctionResult = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  name: Schema.optional(Schema.NullOr(Schema.String)),
  last_app: Schema.optional(Schema.String),
  connected: Schema.Boolean,
  return_value: Schema.Number
})

/**
 * @since 0.1.0
 * @category models
 */
export interface FunctionResult extends Schema.Schema.Type<typeof FunctionResult> {}
