/**
 * Typed errors of every Particle operation.
 *
 * One tagged class per outcome, so `Effect.catchTag("NotFound", …)` reads like the API's documentation.
 * HTTP errors carry the request (method and URL, never the token) and what Particle said about it.
 *
 * @since 0.1.0
 */
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
  error: Schema.optional(Schema.String),
  /** Particle's `error_description` field. */
  errorDescription: Schema.optional(Schema.String),
  /** Particle's `info` field. */
  info: Schema.optional(Schema.String),
  /** The messages of Particle's `errors[]` array. */
  errors: Schema.optional(Schema.Array(Schema.String)),
  /** The response body: parsed JSON, or the raw text when it is not JSON (e.g. an HTML page from a proxy). */
  body: Schema.Unknown,
  /** A readable message: `error_description` → `error` → `errors[]` → `info` → body text. */
  message: Schema.String
}

/**
 * 400: a malformed request, a validation error, or a variable/function the device rejected.
 *
 * @since 0.1.0
 * @category errors
 */
export class BadRequest extends Schema.TaggedError<BadRequest>("@effect-particle/core/BadRequest")(
  "BadRequest",
  HttpErrorFields
) {}

/**
 * 401: the access token is invalid or has expired.
 *
 * @since 0.1.0
 * @category errors
 */
export class Unauthorized extends Schema.TaggedError<Unauthorized>("@effect-particle/core/Unauthorized")(
  "Unauthorized",
  HttpErrorFields
) {}

/**
 * 403: the token may not touch this resource (for devices: unknown, or owned by someone else), or MFA is
 * required, in which case `mfaToken` holds the token for the second step.
 *
 * @since 0.1.0
 * @category errors
 */
export class Forbidden extends Schema.TaggedError<Forbidden>("@effect-particle/core/Forbidden")("Forbidden", {
  ...HttpErrorFields,
  mfaToken: Schema.optional(Schema.String)
}) {}

/**
 * 404: the resource, variable or function does not exist, or the device is offline.
 *
 * @since 0.1.0
 * @category errors
 */
export class NotFound extends Schema.TaggedError<NotFound>("@effect-particle/core/NotFound")(
  "NotFound",
  HttpErrorFields
) {}

/**
 * 408: the Particle Cloud reached the device but it did not answer in time.
 *
 * @since 0.1.0
 * @category errors
 */
export class DeviceTimeout extends Schema.TaggedError<DeviceTimeout>("@effect-particle/core/DeviceTimeout")(
  "DeviceTimeout",
  HttpErrorFields
) {}

/**
 * 429: too many requests. `retryAfter` holds the server's `Retry-After` when it sent one.
 *
 * @since 0.1.0
 * @category errors
 */
export class RateLimited extends Schema.TaggedError<RateLimited>("@effect-particle/core/RateLimited")(
  "RateLimited",
  {
    ...HttpErrorFields,
    retryAfter: Schema.OptionFromSelf(Schema.DurationFromSelf)
  }
) {}

/**
 * 5xx: the Particle Cloud (or a proxy in front of it) failed.
 *
 * @since 0.1.0
 * @category errors
 */
export class ServerError extends Schema.TaggedError<ServerError>("@effect-particle/core/ServerError")(
  "ServerError",
  HttpErrorFields
) {}

/**
 * Any other non-2xx status, including statuses that the operation does not document.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnexpectedStatus extends Schema.TaggedError<UnexpectedStatus>("@effect-particle/core/UnexpectedStatus")(
  "UnexpectedStatus",
  HttpErrorFields
) {}

/**
 * The request never got a complete answer: a network failure, the client-side timeout, or a body that
 * broke off.
 *
 * @since 0.1.0
 * @category errors
 */
export class TransportError extends Schema.TaggedError<TransportError>("@effect-particle/core/TransportError")(
  "TransportError",
  {
    method: Schema.String,
    url: Schema.String,
    reason: Schema.Literal("Network", "Timeout", "Body"),
    cause: Schema.optional(Schema.Defect),
    message: Schema.String
  }
) {}

/**
 * A 2xx body that does not match the operation's schema. `path` names the failing field.
 *
 * @since 0.1.0
 * @category errors
 */
export class DecodeError extends Schema.TaggedError<DecodeError>("@effect-particle/core/DecodeError")(
  "DecodeError",
  {
    status: Schema.Number,
    method: Schema.String,
    url: Schema.String,
    path: Schema.String,
    issue: Schema.String,
    message: Schema.String
  }
) {}

/**
 * A bad argument, caught before any request was sent. `field` names the option.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidInput extends Schema.TaggedError<InvalidInput>("@effect-particle/core/InvalidInput")(
  "InvalidInput",
  {
    field: Schema.String,
    reason: Schema.String,
    message: Schema.String
  }
) {}

/**
 * Builds an {@link InvalidInput} whose message names the field.
 *
 * @since 0.1.0
 * @category constructors
 */
export const invalidInput = (field: string, reason: string): InvalidInput =>
  new InvalidInput({ field, reason, message: `Invalid input: ${field} ${reason}` })

/**
 * Every error an HTTP status maps to.
 *
 * @since 0.1.0
 * @category models
 */
export type HttpStatusError =
  | BadRequest
  | Unauthorized
  | Forbidden
  | NotFound
  | DeviceTimeout
  | RateLimited
  | ServerError
  | UnexpectedStatus

/**
 * Every error a Particle operation can fail with.
 *
 * @since 0.1.0
 * @category models
 */
export type ParticleError = HttpStatusError | TransportError | DecodeError | InvalidInput

/**
 * The schema of {@link ParticleError}, e.g. to send errors across a worker boundary.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ParticleError = Schema.Union(
  BadRequest,
  Unauthorized,
  Forbidden,
  NotFound,
  DeviceTimeout,
  RateLimited,
  ServerError,
  UnexpectedStatus,
  TransportError,
  DecodeError,
  InvalidInput
)

const tags: ReadonlySet<string> = new Set([
  "BadRequest",
  "Unauthorized",
  "Forbidden",
  "NotFound",
  "DeviceTimeout",
  "RateLimited",
  "ServerError",
  "UnexpectedStatus",
  "TransportError",
  "DecodeError",
  "InvalidInput"
])

/**
 * Whether a value is one of the {@link ParticleError} classes.
 *
 * @since 0.1.0
 * @category refinements
 */
export const isParticleError = (u: unknown): u is ParticleError =>
  typeof u === "object" && u !== null && "_tag" in u && tags.has((u as { _tag: string })._tag) &&
  u instanceof Error
