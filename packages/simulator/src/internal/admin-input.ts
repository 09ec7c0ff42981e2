/**
 * The schemas of every admin input (`/__sim/…` bodies and `setFault`), with their bounds. A failed decode
 * names the first offending field.
 */
import { Either, ParseResult, Schema } from "effect"
import type { Fault } from "./faults.js"
import * as L from "./limits.js"

const int = (min: number, max: number) => Schema.Number.pipe(Schema.int(), Schema.between(min, max))
const num = (min: number, max: number) => Schema.Number.pipe(Schema.finite(), Schema.between(min, max))
const text = (max: number) => Schema.String.pipe(Schema.maxLength(max))
const nonEmpty = (max: number) => Schema.String.pipe(Schema.minLength(1), Schema.maxLength(max))
const fewKeys = <S extends Schema.Schema.Any>(s: S, max: number, what: string) =>
  s.pipe(
    Schema.filter((o) => Object.keys(o as object).length <= max, {
      message: () => `${what} must hold at most ${max} entries`
    })
  )

// ---- faults
const Route = Schema.String.pipe(Schema.startsWith("/"), Schema.maxLength(2048))
/** An HTTP token (method, header name). */
const Token = Schema.String.pipe(
  Schema.pattern(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/, { message: () => "must be an HTTP token" })
)
/** A header value Node can write: no CR, LF or other control characters. */
const HeaderValue = Schema.String.pipe(
  Schema.maxLength(8192),
  Schema.pattern(/^[\t\x20-\x7e\x80-\xff]*$/, { message: () => "must not contain control characters" })
)
/** Anything JSON can write (no BigInt, no cycles), within the request-body size. */
const JsonValue = Schema.Unknown.pipe(Schema.filter((v) => {
  try {
    const s = JSON.stringify(v)
    return s === undefined || s.length <= L.MAX_FAULT_BODY
  } catch {
    return false
  }
}, { message: () => `must be JSON-serialisable, at most ${L.MAX_FAULT_BODY} characters` }))
const Times = int(0, L.MAX_FAULT_TIMES)

export const FaultSchema = Schema.Union(
  Schema.Struct({
    kind: Schema.Literal("latency"),
    ms: num(0, L.MAX_LATENCY_MS),
    route: Schema.optional(Route),
    method: Schema.optional(Token)
  }),
  Schema.Struct({
    kind: Schema.Literal("status"),
    route: Route,
    method: Schema.optional(Token),
    status: int(100, 599),
    body: Schema.optional(JsonValue),
    rawBody: Schema.optional(text(L.MAX_FAULT_BODY)),
    contentType: Schema.optional(HeaderValue),
    probability: Schema.optional(num(0, 1)),
    times: Schema.optional(Times),
    headers: Schema.optional(fewKeys(Schema.Record({ key: Token, value: HeaderValue }), L.MAX_FAULT_HEADERS, "headers"))
  }),
  Schema.Struct({
    kind: Schema.Literal("rateLimit"),
    route: Schema.optional(Route),
    method: Schema.optional(Token),
    times: Times,
    retryAfterSeconds: Schema.optional(int(0, L.MAX_RETRY_AFTER_S))
  }),
  Schema.Struct({
    kind: Schema.Literal("malformedJson"),
    route: Route,
    method: Schema.optional(Token),
    times: Schema.optional(Times)
  }),
  Schema.Struct({
    kind: Schema.Literal("sseDrop"),
    afterEvents: Times,
    connections: Schema.optional(int(1, L.MAX_FAULT_TIMES))
  }),
  Schema.Struct({ kind: Schema.Literal("sseSilent") }),
  Schema.Struct({
    kind: Schema.Literal("ssePreload"),
    events: Schema.Array(Schema.Struct({ name: nonEmpty(L.MAX_NAME), data: text(L.MAX_EVENT_DATA) })).pipe(
      Schema.maxItems(L.MAX_PRELOAD_EVENTS)
    )
  })
)

// ---- users, tokens, devices
export const UserInput = Schema.Struct({
  username: nonEmpty(L.MAX_CREDENTIAL),
  password: nonEmpty(L.MAX_CREDENTIAL),
  mfa: Schema.optional(Schema.Union(Schema.Boolean, Schema.Literal("true", "false")))
})

export const TokenInput = Schema.Struct({
  username: nonEmpty(L.MAX_CREDENTIAL),
  expiresInSeconds: Schema.optional(num(-L.MAX_TOKEN_LIFETIME_S, L.MAX_TOKEN_LIFETIME_S)),
  scopes: Schema.optional(Schema.Array(text(L.MAX_NAME)).pipe(Schema.maxItems(L.MAX_SCOPES)))
})

const Scalar = Schema.Union(text(L.MAX_VALUE), Schema.Number.pipe(Schema.finite()), Schema.Boolean)
const Key = nonEmpty(L.MAX_KEY)
const ReturnValue = num(-(2 ** 31), 2 ** 31 - 1)

export const DeviceInput = Schema.Struct({
  name: nonEmpty(L.MAX_NAME),
  owner: Schema.optional(nonEmpty(L.MAX_CREDENTIAL)),
  id: Schema.optional(
    Schema.String.pipe(Schema.pattern(/^[0-9a-f]{24}$/i, { message: () => "must be 24 hex characters" }))
  ),
  platformId: Schema.optional(int(0, 1_000_000)),
  online: Schema.optional(Schema.Boolean),
  productId: Schema.optional(int(0, 2 ** 31 - 1)),
  groups: Schema.optional(Schema.Array(nonEmpty(L.MAX_KEY)).pipe(Schema.maxItems(L.MAX_GROUPS))),
  unresponsive: Schema.optional(Schema.Boolean),
  variables: Schema.optional(fewKeys(Schema.Record({ key: Key, value: Scalar }), L.MAX_VARIABLES, "variables")),
  functions: Schema.optional(fewKeys(Schema.Record({ key: Key, value: ReturnValue }), L.MAX_FUNCTIONS, "functions"))
})

export const VariableInput = Schema.Struct({ value: Scalar })
export const FunctionInput = Schema.Struct({
  returnValue: Schema.optional(ReturnValue),
  result: Schema.optional(ReturnValue),
  return_value: Schema.optional(ReturnValue)
}).pipe(
  Schema.filter((b) =>
    b.returnValue !== undefined || b.result !== undefined || b.return_value !== undefined ||
    { path: ["returnValue"], message: "is missing" }
  )
)
export const OnlineInput = Schema.Struct({ online: Schema.Boolean })
export const UnresponsiveInput = Schema.Struct({ unresponsive: Schema.Boolean })

export const EventInput = Schema.Struct({
  name: nonEmpty(L.MAX_EVENT_NAME),
  data: Schema.optional(Schema.NullOr(text(L.MAX_EVENT_DATA))),
  ttl: Schema.optional(int(0, L.MAX_TTL)),
  count: Schema.optional(int(1, L.MAX_BULK_EVENTS)),
  productId: Schema.optional(int(0, 2 ** 31 - 1))
})

// ---- decoding
export interface InputError {
  readonly field: string
  readonly message: string
}

const first = (e: ParseResult.ParseError): InputError => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(e)[0]
  const field = issue && issue.path.length > 0 ? issue.path.join(".") : "body"
  const message = issue === undefined
    ? "is invalid"
    : issue.path.length === 0 && issue._tag === "Type"
    ? "must be a JSON object"
    : issue.message
  return { field, message: `${field}: ${message}` }
}

/** Decodes an admin input; unknown fields are errors (a typo must not silently mean "default"). */
export const decode = <A, I>(schema: Schema.Schema<A, I>, input: unknown): Either.Either<A, InputError> =>
  Schema.decodeUnknownEither(schema, { errors: "first", onExcessProperty: "error" })(input).pipe(Either.mapLeft(first))

/** A fault, or an Error saying which field is wrong (what `setFault` throws). */
export const decodeFault = (input: unknown): Fault => {
  const d = decode(FaultSchema, input)
  if (Either.isLeft(d)) throw new Error(`Invalid fault: ${d.left.message}`)
  return d.right as Fault
}
