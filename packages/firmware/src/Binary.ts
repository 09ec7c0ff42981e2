/**
 * Schemas of the responses of the compile and binary endpoints.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The answer of `POST /v1/binaries`: where the compiled binary can be downloaded (with
 * `downloadFirmwareBinary`) and until when.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CompileResult = /*#__PURE__*/ Schema.Struct({
  ok: Schema.Boolean,
  /** 24-hex id of the binary, for `downloadFirmwareBinary`. */
  binary_id: Schema.String,
  /** Path of the binary, e.g. `/v1/binaries/5734a5d4a71c2601243809e6`. */
  binary_url: Schema.String,
  /** The Device OS version the code was built against. */
  build_target_version: Schema.optional(Schema.String),
  /** ISO-8601 time after which the binary is deleted. */
  expires_at: Schema.String,
  /** The `arm-none-eabi-size` table of the build. */
  sizeInfo: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface CompileResult extends Schema.Schema.Type<typeof CompileResult> {}
