/**
 * Schemas that validate operation options before any request is sent. A failure becomes an
 * `InvalidInput` naming the option.
 *
 * @since 0.1.0
 */
import * as EffectDuration from "effect/Duration"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

/**
 * A device ID: 24 hexadecimal characters.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceId = /*#__PURE__*/ Schema.String.pipe(
  /*#__PURE__*/ Schema.pattern(/^[0-9a-fA-F]{24}$/, {
    message: () => "must be a device ID (24 hexadecimal characters)"
  })
)

/**
 * A device ID or a device name (letters, digits, `_` and `-`, at most 63 characters). User-scope device
 * routes accept either; product-scope routes need the ID.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceIdOrName = /*#__PURE__*/ Schema.String.pipe(
  /*#__PURE__*/ Schema.pattern(/^[A-Za-z0-9_-]{1,63}$/, {
    message: () => "must be a device ID (24 hexadecimal characters) or a device name (letters, digits, _ and -)"
  })
)

/**
 * A product: its numeric ID or its slug.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Product = /*#__PURE__*/ Schema.Union(
  /*#__PURE__*/ Schema.Number.pipe(/*#__PURE__*/ Schema.int(), /*#__PURE__*/ Schema.positive()),
  /*#__PURE__*/ Schema.String.pipe(/*#__PURE__*/ Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9_-]*$/))
).annotations({ message: () => "must be a product ID (a positive integer) or a product slug" })

/**
 * An organization: its ID or its slug.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Org = /*#__PURE__*/ Schema.String.pipe(
  /*#__PURE__*/ Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { message: () => "must be an organization ID or slug" })
)

/**
 * A non-empty string.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NonEmpty = /*#__PURE__*/ Schema.String.pipe(
  /*#__PURE__*/ Schema.minLength(1, { message: () => "must not be empty" })
)

/**
 * A page number: an integer ≥ 1.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Page = /*#__PURE__*/ Schema.Number.pipe(
  /*#__PURE__*/ Schema.int({ message: () => "must be an integer ≥ 1" }),
  /*#__PURE__*/ Schema.greaterThanOrEqualTo(1, { message: () => "must be an integer ≥ 1" })
)

/**
 * A page size: an integer ≥ 1.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PerPage = Page

/**
 * File content for uploads: bytes, a `Blob`/`File`, or (on Node, with the `@effect-particle/core/node`
 * layer) a file path.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FileInput = /*#__PURE__*/ Schema.Union(
  Schema.Uint8ArrayFromSelf,
  /*#__PURE__*/ Schema.declare((u): u is Blob => typeof Blob !== "undefined" && u instanceof Blob, {
    identifier: "Blob"
  }),
  /*#__PURE__*/ Schema.String.pipe(
    /*#__PURE__*/ Schema.minLength(1, { message: () => "must be bytes, a Blob or a non-empty file path" })
  )
).annotations({ message: () => "must be bytes (Uint8Array), a Blob or a file path" })

/**
 * @since 0.1.0
 * @category models
 */
export type FileInput = typeof FileInput.Type

/**
 * Files keyed by the filename they get in the multipart body.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Files = /*#__PURE__*/ Schema.Record({ key: Schema.String, value: FileInput }).pipe(
  /*#__PURE__*/ Schema.filter((files) => Object.keys(files).length > 0 || "must hold at least one file")
)

const DEVICE_ID = /^[0-9a-fA-F]{24}$/

/**
 * A struct of options addressing one device. In the user scope `deviceId` may be a name; with `product` or
 * `org` set it must be the 24-hex ID (product and org routes do not resolve names), else `InvalidInput` on
 * `deviceId`.
 *
 * @example
 * ```ts
 * import { Input } from "@effect-particle/core"
 * import { Schema } from "effect"
 *
 * const GetDeviceOptions = Input.deviceOptions({
 *   deviceId: Input.DeviceIdOrName,
 *   product: Schema.optional(Input.Product)
 * })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const deviceOptions = <Fields extends Schema.Struct.Fields & { readonly deviceId: typeof DeviceIdOrName }>(
  fields: Fields
) =>
  Schema.Struct(fields).pipe(
    Schema.filter((options) => {
      const o = options as unknown as { readonly deviceId: string; readonly product?: unknown; readonly org?: unknown }
      if ((o.product === undefined && o.org === undefined) || DEVICE_ID.test(o.deviceId)) return undefined
      return {
        path: ["deviceId"],
        message:
          "must be a device ID (24 hexadecimal characters) when product or org is set (names only work in the user scope)"
      }
    })
  )

/**
 * A secret option (a password, a client secret, an OTP, a token): a `Redacted<string>`, or a plain string,
 * which is wrapped at once. Either way it is non-empty after trimming, and decodes to `Redacted<string>`,
 * so it never appears in an error, a log line, a span or `JSON.stringify` of the options. Unwrap it with
 * `Redacted.value` only where it goes on the wire.
 *
 * @example
 * ```ts
 * import { Input } from "@effect-particle/core"
 * import { Schema } from "effect"
 *
 * const Login = Schema.Struct({ username: Input.NonEmpty, password: Input.Secret })
 * ```
 *
 * @since 0.2.0
 * @category schemas
 */
export const Secret: Schema.Schema<Redacted.Redacted<string>, Redacted.Redacted<string> | string> = /*#__PURE__*/ Schema
  .Union(
    /*#__PURE__*/ Schema.RedactedFromSelf(Schema.String),
    Schema.String
  ).pipe(
    /*#__PURE__*/ Schema.transform(/*#__PURE__*/ Schema.RedactedFromSelf(Schema.String), {
      strict: true,
      decode: (value) => (Redacted.isRedacted(value) ? value : Redacted.make(value)),
      encode: (value) => value
    }),
    /*#__PURE__*/ Schema.filter((secret) => Redacted.value(secret).trim().length > 0 || "must not be empty")
  ).annotations({ message: () => "must be a non-empty string or Redacted<string>" })

/**
 * A duration option: anything `Duration.decode` takes (`"30 seconds"`, milliseconds as a number, a
 * `Duration`), decoded to a `Duration`. NaN, negative numbers and garbage are refused (`Duration.decode`
 * would turn NaN and negative numbers into zero, a silent fallback).
 *
 * @example
 * ```ts
 * import { Input } from "@effect-particle/core"
 * import { Schema } from "effect"
 *
 * const Options = Schema.Struct({ timeout: Schema.optional(Input.Duration) })
 * ```
 *
 * @since 0.2.0
 * @category schemas
 */
export const Duration: Schema.Schema<EffectDuration.Duration, EffectDuration.DurationInput> = /*#__PURE__*/ Schema
  .declare(
    (u): u is EffectDuration.DurationInput => {
      if (typeof u === "number" && !(u >= 0)) return false
      const d = EffectDuration.decodeUnknown(u)
      return Option.isSome(d) && !Number.isNaN(EffectDuration.toMillis(d.value))
    },
    { message: () => "must be a duration (e.g. \"30 seconds\", or milliseconds as a number)" }
  ).pipe(
    /*#__PURE__*/ Schema.transform(Schema.DurationFromSelf, {
      strict: true,
      decode: (input) => EffectDuration.decode(input),
      encode: (d) => d
    })
  )

/**
 * A date option: a valid `Date` or a string `Date.parse` reads (ISO-8601), decoded to the ISO-8601 string
 * Particle's query parameters take. An invalid `Date` and unparseable strings are refused.
 *
 * @example
 * ```ts
 * import { Input } from "@effect-particle/core"
 * import { Schema } from "effect"
 *
 * const Range = Schema.Struct({ startDate: Schema.optional(Input.DateTime) })
 * const iso = Schema.decodeSync(Range)({ startDate: new Date(0) }).startDate // "1970-01-01T00:00:00.000Z"
 * ```
 *
 * @since 0.2.0
 * @category schemas
 */
export const DateTime: Schema.Schema<string, Date | string> = /*#__PURE__*/ Schema.Union(
  /*#__PURE__*/ Schema.DateFromSelf.pipe(
    /*#__PURE__*/ Schema.filter((d) => !Number.isNaN(d.getTime()) || "must be a valid date")
  ),
  /*#__PURE__*/ Schema.String.pipe(
    /*#__PURE__*/ Schema.filter((s) => !Number.isNaN(Date.parse(s)) || "must be an ISO-8601 date")
  )
).pipe(
  /*#__PURE__*/ Schema.transform(Schema.String, {
    strict: true,
    decode: (d) => (typeof d === "string" ? d : d.toISOString()),
    encode: (s) => s
  })
).annotations({ message: () => "must be a Date or an ISO-8601 date string" })
