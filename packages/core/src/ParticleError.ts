/**
 * Typed errors of every Particle operation.
 *
 * One tagged class per outcome, so `Effect.catchTag("NotFound", …)` reads like the API's documentation.
 * HTTP errors carry the request (method and URL, never the token) and what Particle said about it. Each
 * class carries its HTTP status as data (`NotFound.status === 404`); the union, the tag set, the status
 * map and `Retry.isRetryable` are all derived from the one array {@link classes}.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import type * as Option from "effect/Option"
import * as Schema from "effect/Schema"

/**
 * Fields shared by every error that comes from an HTTP status.
 *
 * @since 0.1.0
 * @category fields
 */
export const HttpErrorFields = {
  /** The HTTP status code. */
  status: Schema.Number,
  /** The request method. */
  method: Schema.String,
  /** The request URL. Tokens are never part of a URL, so this is safe to log. */
  url: Schema.String,
  /** Particle's `error` field, e.g. `invalid_token` or `Permission Denied`. */
  error: /*#__PURE__*/ Schema.optional(Schema.String),
  /** Particle's `error_description` field. */
  errorDescription: /*#__PURE__*/ Schema.optional(Schema.String),
  /** Particle's `info` field. */
  info: /*#__PURE__*/ Schema.optional(Schema.String),
  /** The messages of Particle's `errors[]` array. */
  errors: /*#__PURE__*/ Schema.optional(/*#__PURE__*/ Schema.Array(Schema.String)),
  /** The response body: parsed JSON, or the raw text when it is not JSON (e.g. an HTML page from a proxy). */
  body: Schema.Unknown,
  /** A readable message: `error_description` → `error` → `errors[]` → `info` → body text. */
  message: Schema.String
}

/**
 * What an HTTP error class answers to: one status, every 5xx (`"5xx"`), or any other non-2xx status that
 * no other class claims (`"other"`).
 *
 * @since 0.1.0
 * @category models
 */
export type StatusMatch = number | "5xx" | "other"

/**
 * What a response carried that some error classes keep beyond the common fields.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResponseDetails {
  /** The parsed JSON body when it is an object. */
  readonly json: Readonly<Record<string, unknown>> | undefined
  /** `Retry-After`, parsed against the current clock. */
  readonly retryAfter: Option.Option<Duration.Duration>
}

const id = (tag: string) => `@effect-particle/core/${tag}`

/**
 * 400: a malformed request, a validation error, or a variable/function the device rejected.
 *
 * @since 0.1.0
 * @category errors
 */
export class BadRequest extends Schema.TaggedError<BadRequest>(id("BadRequest"))("BadRequest", HttpErrorFields) {
  /** @since 0.2.0 */
  static readonly status: StatusMatch = 400
}

/**
 * 401: the access token is invalid or has expired.
 *
 * @since 0.1.0
 * @category errors
 */
export class Unauthorized
  extends Schema.TaggedError<Unauthorized>(id("Unauthorized"))("Unauthorized", HttpErrorFields)
{
  /** @since 0.2.0 */
  static readonly status: StatusMatch = 401
}

/**
 * 403: the token may not touch this resource (for devices: unknown, or owned by someone else), or MFA is
 * required, in which case `mfaToken` holds the token for the second step.
 *
 * @since 0.1.0
 * @category errors
 */
export class Forbidden extends Schema.TaggedError<Forbidden>(id("Forbidden"))("Forbidden", {
  ...HttpErrorFields,
  mfaToken: Schema.optional(Schema.String)
}) {
  /** @since 0.2.0 */
  static readonly status: StatusMatch = 403
  /** @since 0.2.0 */
  static readonly details = (details: ResponseDetails): { readonly mfaToken?: string } => {
    const mfaToken = details.json?.mfa_token
    return typeof mfaToken === "string" && mfaToken.length > 0 ? { mfaToken } : {}
  }
}

/**
 * 404: the resource, variable or function does not exist, or the device is offline.
 *
 * @since 0.1.0
 * @category errors
 */
export class NotFound extends Schema.TaggedError<NotFound>(id("NotFound"))("NotFound", HttpErrorFields) {
  /** @since 0.2.0 */
  static readonly status: StatusMatch = 404
}

/**
 * 408: the Particle Cloud reached the device but it did not answer in time.
 *
 * @since 0.1.0
 * @category errors
 */
export class DeviceTimeout
  extends Schema.TaggedError<DeviceTimeout>(id("DeviceTimeout"))("DeviceTimeout", HttpErrorFields)
{
  /** @since 0.2.0 */
  static readonly status: StatusMatch = 408
}

/**
 * 409: the request conflicts with what exists (a library version or ledger already there, a name taken).
 *
 * @since 0.2.0
 * @category errors
 */
export class Conflict extends Schema.TaggedError<Conflict>(id("Conflict"))("Conflict", HttpErrorFields) {
  /** @since 0.2.0 */
  static readonly status: StatusMatch = 409
}

/**
 * 422: the request is well-formed but Particle cannot process it (e.g. an invalid configuration schema).
 *
 * @since 0.2.0
 * @category errors
 */
export class UnprocessableEntity extends Schema.TaggedError<UnprocessableEntity>(id("UnprocessableEntity"))(
  "UnprocessableEntity",
  HttpErrorFields
) {
  /** @since 0.2.0 */
  static readonly status: StatusMatch = 422
}

/**
 * 429: too many requests. `retryAfter` holds the server's `Retry-After` when it sent one.
 *
 * @since 0.1.0
 * @category errors
 */
export class RateLimited extends Schema.TaggedError<RateLimited>(id("RateLimited"))("RateLimited", {
  ...HttpErrorFields,
  retryAfter: Schema.OptionFromSelf(Schema.DurationFromSelf)
}) {
  /** @since 0.2.0 */
  static readonly status: StatusMatch = 429
  /** @since 0.2.0 */
  static readonly retryable = true
  /** @since 0.2.0 */
  static readonly details = (details: ResponseDetails): { readonly retryAfter: Option.Option<Duration.Duration> } => ({
    retryAfter: details.retryAfter
  })
}

/**
 * 5xx: the Particle Cloud (or a proxy in front of it) failed.
 *
 * @since 0.1.0
 * @category errors
 */
export class ServerError extends Schema.TaggedError<ServerError>(id("ServerError"))("ServerError", HttpErrorFields) {
  /** @since 0.2.0 */
  static readonly status: StatusMatch = "5xx"
  /** @since 0.2.0 */
  static readonly retryable = true
}

/**
 * Any other non-2xx status, including statuses that the operation does not document.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnexpectedStatus extends Schema.TaggedError<UnexpectedStatus>(id("UnexpectedStatus"))(
  "UnexpectedStatus",
  HttpErrorFields
) {
  /** @since 0.2.0 */
  static readonly status: StatusMatch = "other"
}

/**
 * The request never got a complete answer: a network failure (`Network`), the client-side timeout
 * (`Timeout`), a body that broke off (`Body`), or a body larger than the client accepts (`TooLarge`).
 *
 * @since 0.1.0
 * @category errors
 */
export class TransportError extends Schema.TaggedError<TransportError>(id("TransportError"))("TransportError", {
  method: Schema.String,
  url: Schema.String,
  reason: Schema.Literal("Network", "Timeout", "Body", "TooLarge"),
  cause: Schema.optional(Schema.Defect),
  message: Schema.String
}) {
  /** @since 0.2.0 */
  static readonly retryable = true
}

/**
 * A 2xx body that does not match the operation's schema. `path` names the failing field.
 *
 * @since 0.1.0
 * @category errors
 */
export class DecodeError extends Schema.TaggedError<DecodeError>(id("DecodeError"))("DecodeError", {
  status: Schema.Number,
  method: Schema.String,
  url: Schema.String,
  path: Schema.String,
  issue: Schema.String,
  message: Schema.String
}) {}

/**
 * A bad argument, caught before any request was sent. `field` names the option.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidInput extends Schema.TaggedError<InvalidInput>(id("InvalidInput"))("InvalidInput", {
  field: Schema.String,
  reason: Schema.String,
  message: Schema.String
}) {}

/**
 * Builds an {@link InvalidInput} whose message names the field.
 *
 * @since 0.1.0
 * @category constructors
 */
export const invalidInput = (field: string, reason: string): InvalidInput =>
  new InvalidInput({ field, reason, message: `Invalid input: ${field} ${reason}` })

/**
 * Every class an HTTP status maps to, each with its `status` (see {@link StatusMatch}).
 *
 * @since 0.2.0
 * @category classes
 */
export const httpStatusClasses = [
  BadRequest,
  Unauthorized,
  Forbidden,
  NotFound,
  DeviceTimeout,
  Conflict,
  UnprocessableEntity,
  RateLimited,
  ServerError,
  UnexpectedStatus
] as const

/**
 * Every error class, in one array: everything else here is derived from it.
 *
 * @since 0.2.0
 * @category classes
 */
export const classes = [...httpStatusClasses, TransportError, DecodeError, InvalidInput] as const

/**
 * A class of {@link httpStatusClasses}.
 *
 * @since 0.2.0
 * @category models
 */
export type HttpStatusClass = (typeof httpStatusClasses)[number]

/**
 * Every error an HTTP status maps to.
 *
 * @since 0.1.0
 * @category models
 */
export type HttpStatusError = InstanceType<HttpStatusClass>

/**
 * Every error a Particle operation can fail with.
 *
 * @since 0.1.0
 * @category models
 */
export type ParticleError = InstanceType<(typeof classes)[number]>

/**
 * The schema of {@link ParticleError}, e.g. to send errors across a worker boundary.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ParticleError = /*#__PURE__*/ Schema.Union(...classes)

const tags: ReadonlySet<string> = new Set(classes.map((c) => c._tag))

/**
 * The tags of the errors that retrying may fix (a transport failure, a 429, a 5xx).
 *
 * @since 0.2.0
 * @category models
 */
export const retryableTags: ReadonlySet<string> = new Set(
  classes.filter((c) => "retryable" in c && c.retryable).map((c) => c._tag)
)

/**
 * Whether a value is one of the {@link ParticleError} classes.
 *
 * @since 0.1.0
 * @category refinements
 */
export const isParticleError = (u: unknown): u is ParticleError =>
  typeof u === "object" && u !== null && "_tag" in u && tags.has((u as { _tag: string })._tag) &&
  u instanceof Error
