import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Input from "../Input.js"
import type { Middleware, Options } from "../ParticleClient.js"
import * as E from "../ParticleError.js"
import type { Backend as RateLimitBackend } from "../RateLimit.js"
import { backend as inProcess } from "./limiter.js"
import { version } from "./version.js"

/**
 * The client options, validated once when the layer is built: a bad value fails the layer with an
 * `InvalidInput` naming the option (never a defect, never a silent fallback such as `timeout: -1`
 * timing out every call or `rateLimit: { limit: NaN }` turning the limiter off).
 */

export const DEFAULT_BASE_URL = "https://api.particle.io"

/** The options with every default filled in. */
export interface Resolved {
  readonly baseUrl: string
  readonly accessToken: Option.Option<Redacted.Redacted<string>>
  /** `undefined`: send no `User-Agent` */
  readonly userAgent: string | undefined
  readonly timeout: Duration.Duration
  readonly rateLimit: false | { readonly limit: number; readonly interval: Duration.Duration }
  readonly streamRateLimit: false | { readonly limit: number; readonly interval: Duration.Duration }
  readonly retry: false | {
    readonly times?: number | undefined
    readonly base?: Duration.Duration | undefined
    readonly maxDelay?: Duration.Duration | undefined
    readonly maxRetryAfter?: Duration.Duration | undefined
  }
  readonly tracePropagation: boolean
  readonly middleware: ReadonlyArray<Middleware>
  readonly rateLimiter: RateLimitBackend
  readonly maxSockets: number
  readonly maxResponseBytes: number
  readonly maxDownloadBytes: number
}

const MAX_DURATION = Duration.days(1)

const duration = (what: string) =>
  Input.Duration.pipe(
    Schema.filter((d) =>
      Duration.isFinite(d) && Duration.greaterThan(d, Duration.zero) && Duration.lessThanOrEqualTo(d, MAX_DURATION) ||
      `must be ${what}: more than 0 and at most 1 day`
    )
  )

const integer = (min: number, max: number) =>
  Schema.Number.pipe(
    Schema.filter((n) => Number.isInteger(n) && n >= min && n <= max || `must be an integer from ${min} to ${max}`)
  )

/** No control characters: they would break the header (or smuggle another one in). */
const headerSafe = (s: string) => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20 || c === 0x7f) return false
  }
  return true
}

/** A token read from a file often ends in a newline: surrounding whitespace is trimmed, as `fetch` does. */
export const validateToken = (
  token: Redacted.Redacted<string>
): Either.Either<Redacted.Redacted<string>, E.InvalidInput> => {
  const value = Redacted.value(token)
  const trimmed = value.trim()
  if (trimmed === "") return Either.left(E.invalidInput("accessToken", "must not be empty"))
  // the message never quotes the token
  if (!headerSafe(trimmed)) return Either.left(E.invalidInput("accessToken", "must not contain control characters"))
  return Either.right(trimmed === value ? token : Redacted.make(trimmed))
}

const AccessToken = Schema.declare(
  (u): u is Redacted.Redacted<string> => Redacted.isRedacted(u) && typeof Redacted.value(u) === "string",
  { message: () => "must be a Redacted<string> (Redacted.make(token)), so that it never shows in logs" }
)

const Limit = Schema.Struct({ limit: integer(1, 1_000_000_000), interval: duration("an interval") })

const RetryOptions = Schema.Struct({
  times: Schema.optional(integer(0, 100)),
  base: Schema.optional(duration("a delay")),
  maxDelay: Schema.optional(duration("a delay")),
  maxRetryAfter: Schema.optional(duration("a delay"))
})

/** `false`, or options: decoded apart, so that a bad field is named (a union would only name the option). */
const OffOr = Schema.Union(Schema.Literal(false), Schema.Object)

const OptionsSchema = Schema.Struct({
  baseUrl: Schema.optional(Schema.String),
  accessToken: Schema.optional(AccessToken),
  userAgent: Schema.optional(Schema.Union(
    Schema.Literal(false),
    Schema.String.pipe(Schema.filter((s) => headerSafe(s) || "must not contain control characters"))
  )),
  timeout: Schema.optional(duration("a timeout")),
  rateLimit: Schema.optional(OffOr),
  streamRateLimit: Schema.optional(OffOr),
  retry: Schema.optional(OffOr),
  tracePropagation: Schema.optional(Schema.Boolean),
  middleware: Schema.optional(Schema.Unknown),
  rateLimiter: Schema.optional(Schema.declare((u): u is RateLimitBackend => typeof u === "function", {
    message: () => "must be a RateLimit.Backend (e.g. RateLimit.inProcess)"
  })),
  maxSockets: Schema.optional(integer(1, 10_000)),
  maxResponseBytes: Schema.optional(integer(1, 2 ** 31)),
  maxDownloadBytes: Schema.optional(integer(1, 2 ** 32))
})

const decode = Schema.decodeUnknownEither(OptionsSchema, { errors: "first", onExcessProperty: "ignore" })
const decodeNested = <A, I>(key: string, schema: Schema.Schema<A, I>) => {
  const wrapped = Schema.decodeUnknownEither(Schema.Struct({ [key]: schema }), { errors: "first" })
  return (value: unknown): Either.Either<A, ParseResult.ParseError> =>
    Either.map(wrapped({ [key]: value }), (o) => (o as Record<string, A>)[key]!)
}
const decodeRateLimit = decodeNested("rateLimit", Limit)
const decodeStreamRateLimit = decodeNested("streamRateLimit", Limit)
const decodeRetry = decodeNested("retry", RetryOptions)

const inputError = (error: ParseResult.ParseError): E.InvalidInput => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join(".") : "options"
  return E.invalidInput(field, issue ? issue.message : "is invalid")
}

const validateBaseUrl = (baseUrl: string): Either.Either<string, E.InvalidInput> => {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    return Either.left(E.invalidInput("baseUrl", "must be an absolute http(s) URL"))
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return Either.left(E.invalidInput("baseUrl", "must use http or https"))
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    return Either.left(E.invalidInput("baseUrl", "must not contain credentials, a query or a fragment"))
  }
  return Either.right(url.origin + url.pathname.replace(/\/+$/, ""))
}

const middlewares = (u: unknown): Either.Either<ReadonlyArray<Middleware>, E.InvalidInput> => {
  const list = u === undefined ? [] : Array.isArray(u) ? u : [u]
  return list.every((m) => typeof m === "function")
    ? Either.right(list as ReadonlyArray<Middleware>)
    : Either.left(E.invalidInput("middleware", "must be a function or an array of functions"))
}

/**
 * Validates the options and fills in the defaults. `userAgentByDefault: false` (the fetch layer in a
 * browser) sends no `User-Agent` unless one is given: browsers own that header, and Firefox lists it in the
 * preflight, which a server that does not allow it then refuses.
 */
export const resolve = (
  options: Options | undefined,
  userAgentByDefault = true
): Either.Either<Resolved, E.InvalidInput> => {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    return Either.left(E.invalidInput("options", "must be an object"))
  }
  return Either.gen(function*() {
    const o = yield* Either.mapLeft(decode(options ?? {}), inputError)
    const nested = <A>(value: unknown, decodeValue: (u: unknown) => Either.Either<A, ParseResult.ParseError>) =>
      value === undefined || value === false
        ? Either.right(value as false | undefined)
        : Either.mapLeft(decodeValue(value), inputError)
    const rateLimit = yield* nested(o.rateLimit, decodeRateLimit)
    const streamRateLimit = yield* nested(o.streamRateLimit, decodeStreamRateLimit)
    const retry = yield* nested(o.retry, decodeRetry)
    const baseUrl = yield* validateBaseUrl(o.baseUrl ?? DEFAULT_BASE_URL)
    const accessToken = o.accessToken === undefined ? Option.none() : Option.some(yield* validateToken(o.accessToken))
    return {
      baseUrl,
      accessToken,
      userAgent: o.userAgent === false
        ? undefined
        : o.userAgent ?? (userAgentByDefault ? `effect-particle/${version}` : undefined),
      timeout: o.timeout ?? Duration.seconds(30),
      rateLimit: rateLimit ?? { limit: 10_000, interval: Duration.minutes(5) },
      streamRateLimit: streamRateLimit ?? { limit: 100, interval: Duration.minutes(5) },
      retry: retry ?? {},
      tracePropagation: o.tracePropagation ?? false,
      middleware: yield* middlewares(o.middleware),
      rateLimiter: o.rateLimiter ?? inProcess,
      maxSockets: o.maxSockets ?? 50,
      maxResponseBytes: o.maxResponseBytes ?? 16 * 1024 * 1024,
      maxDownloadBytes: o.maxDownloadBytes ?? 512 * 1024 * 1024
    }
  })
}
