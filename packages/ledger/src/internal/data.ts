import { Operation, ParticleClient, ParticleError } from "@effect-particle/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import type * as Schema from "effect/Schema"
import * as S from "effect/Schema"

/** Decodes the `data` of instances in an answer with the caller's schema, as core decodes a body. */
export type DecodeData<A> = (data: unknown, wirePath: string) => Effect.Effect<A, ParticleError.DecodeError>

/**
 * A decoder of instance data for the answer `operation` gave to `options`: a mismatch is core's `DecodeError`
 * with the answer's status, method and URL, and `path` naming the field from the body's root (for example
 * `instance.data.interval` or `instances.2.data.interval`).
 */
export const dataDecoder = <A, I>(
  schema: Schema.Schema<A, I>,
  operation: Operation.Any,
  options: unknown,
  status: number
): Effect.Effect<DecodeData<A>, never, ParticleClient.ParticleClient> =>
  Effect.map(ParticleClient.ParticleClient, (client) => {
    const decode = S.decodeUnknownEither(schema)
    const method = operation.definition.method
    const target = Either.getOrElse(Operation.requestPath(operation, options), () => "")
    const url = /^https?:/.test(target) ? target : client.baseUrl + target
    return (data, wirePath) => {
      const decoded = decode(data)
      if (Either.isRight(decoded)) return Effect.succeed(decoded.right)
      const issue = ParseResult.ArrayFormatter.formatErrorSync(decoded.left)[0]
      const path = [wirePath, ...(issue?.path ?? []).map(String)].join(".")
      const text = issue ? (issue._tag === "Missing" ? "is missing" : issue.message) : "does not match"
      return Effect.fail(
        new ParticleError.DecodeError({
          status,
          method,
          url,
          path,
          issue: text,
          message: `Unexpected response from ${method} ${url}: at ${path}: ${text}`
        })
      )
    }
  })

/** Encodes data to send with the caller's schema; a failure is `InvalidInput` on `field.<path>`. */
export const encodeData = <A, I>(
  schema: Schema.Schema<A, I>,
  data: A,
  field: string
): Effect.Effect<I, ParticleError.InvalidInput> => {
  const encoded = S.encodeEither(schema)(data)
  if (Either.isRight(encoded)) return Effect.succeed(encoded.right)
  const issue = ParseResult.ArrayFormatter.formatErrorSync(encoded.left)[0]
  const path = [field, ...(issue?.path ?? []).map(String)].join(".")
  return Effect.fail(
    ParticleError.invalidInput(path, issue ? (issue._tag === "Missing" ? "is required" : issue.message) : "is invalid")
  )
}

/**
 * The data schema an options object carries: none (`undefined` or absent), a schema, or `InvalidInput` when
 * `schema` is something else.
 */
export const schemaOf = (
  options: unknown
): Either.Either<Schema.Schema<any, any> | undefined, ParticleError.InvalidInput> => {
  const s = typeof options === "object" && options !== null && Object.hasOwn(options, "schema")
    ? (options as { readonly schema?: unknown }).schema
    : undefined
  if (s === undefined) return Either.right(undefined)
  return S.isSchema(s)
    ? Either.right(s as Schema.Schema<any, any>)
    : Either.left(ParticleError.invalidInput("schema", "must be an effect Schema"))
}

/**
 * Runs `operation` with `options`; when the options carry a `schema`, the instances' data in the answer are
 * decoded with it by `transform`.
 */
export const withData = <A, E, T>(
  operation: Operation.Operation<any, A, E>,
  options: unknown,
  status: number,
  transform: (answer: A, decode: DecodeData<unknown>) => Effect.Effect<T, ParticleError.DecodeError>
): Effect.Effect<A | T, E | ParticleError.InvalidInput | ParticleError.DecodeError, ParticleClient.ParticleClient> => {
  const schema = schemaOf(options)
  if (Either.isLeft(schema)) return Effect.fail(schema.left)
  if (schema.right === undefined) return operation(options)
  const s = schema.right
  return Effect.flatMap(
    operation(options),
    (answer) => Effect.flatMap(dataDecoder(s, operation, options, status), (decode) => transform(answer, decode))
  )
}

/** Decodes the data of every instance of a list found under `key`. */
export const decodeAll = <I extends { readonly data: unknown }>(
  items: ReadonlyArray<I>,
  key: string,
  decode: DecodeData<unknown>
) =>
  Effect.forEach(items, (item, n) => Effect.map(decode(item.data, `${key}.${n}.data`), (data) => ({ ...item, data })))

/** An operation answering one instance, made an `InstanceRead`: `schema` in the options decodes its data. */
export const readInstance = <A extends { readonly data: unknown }, E>(
  operation: Operation.Operation<any, A, E>
): any =>
  Object.assign(
    (options: unknown) =>
      withData(
        operation,
        options,
        200,
        (answer, decode) => Effect.map(decode(answer.data, "instance.data"), (data) => ({ ...answer, data }))
      ),
    { definition: operation.definition }
  )
