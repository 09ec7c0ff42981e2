import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { Definition, Response } from "../Operation.js"
import * as E from "../ParticleError.js"
import * as route from "./route.js"

/** Everything about an operation that does not depend on the call, computed on its first call. */
export interface Prepared {
  readonly definition: Definition
  readonly decodeInput: (u: unknown) => Either.Either<any, ParseResult.ParseError>
  readonly decodeJson: ((u: unknown) => Either.Either<any, ParseResult.ParseError>) | undefined
  readonly routes: ReadonlyArray<route.CompiledRoute>
  readonly allowed: ReadonlySet<string>
  readonly response: Response
  readonly auth: boolean
  readonly idempotent: boolean
  readonly timeout: Duration.Duration | undefined
  readonly spanName: string
}

export const baseTags: ReadonlySet<string> = new Set([
  "TransportError",
  "DecodeError",
  "InvalidInput",
  "RateLimited",
  "ServerError",
  "UnexpectedStatus"
])

export const allowedTags = (definition: Definition): ReadonlyArray<string> => {
  const auth = definition.auth ?? true
  const tags = [...baseTags, ...(auth ? ["Unauthorized", "Forbidden"] : [])]
  for (const error of definition.errors ?? []) if (!tags.includes(error._tag)) tags.push(error._tag)
  return tags
}

export const templates = (definition: Definition): ReadonlyArray<string> =>
  definition.routes.map((r) => ("url" in r ? `{${r.url}}` : r.path))

const cache = new WeakMap<Definition, Prepared>()

export const prepare = (definition: Definition): Prepared => {
  let prepared = cache.get(definition)
  if (prepared !== undefined) return prepared
  const response = definition.response
  prepared = {
    definition,
    decodeInput: Schema.decodeUnknownEither(definition.input, { errors: "first", onExcessProperty: "ignore" }),
    decodeJson: response._tag === "Json"
      ? Schema.decodeUnknownEither(response.schema, { onExcessProperty: "ignore" })
      : undefined,
    routes: definition.routes.map(route.compile),
    allowed: new Set(allowedTags(definition)),
    response,
    auth: definition.auth ?? true,
    idempotent: response._tag !== "Stream" &&
      (definition.idempotent ?? (definition.method === "GET" || definition.method === "HEAD")),
    timeout: definition.timeout === undefined ? undefined : Duration.decode(definition.timeout),
    spanName: `particle.${definition.name}`
  }
  cache.set(definition, prepared)
  return prepared
}

const inputError = (error: ParseResult.ParseError): E.InvalidInput => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join(".") : "options"
  const reason = issue ? (issue._tag === "Missing" ? "is required" : issue.message) : "is invalid"
  return E.invalidInput(field, reason)
}

const ownCopy = (u: unknown): unknown =>
  typeof u === "object" && u !== null && !Array.isArray(u) && Object.getPrototypeOf(u) === Object.prototype
    ? Object.assign(Object.create(null), u)
    : u

/** The caller's options validated, and the route they select. */
export const resolve = (
  prepared: Prepared,
  options: unknown
): Either.Either<{ readonly input: any; readonly selected: route.Selected }, E.InvalidInput> => {
  // own properties only, before and after decoding: neither the schema nor the query and body builders
  // (which read `input.x`) may see a value from a polluted Object.prototype
  const decoded = prepared.decodeInput(ownCopy(options))
  if (Either.isLeft(decoded)) return Either.left(inputError(decoded.left))
  const input = ownCopy(decoded.right)
  const selected = route.select(prepared.routes, input)
  return Either.isLeft(selected) ? Either.left(selected.left) : Either.right({ input, selected: selected.right })
}
