/**
 * One Particle endpoint, defined once as data: verb, routes, input schema, query, body, response, errors,
 * timeout and idempotency. `make` turns a definition into the exported function; package READMEs, the
 * coverage table, wire tests and the compat facade all read the same definition.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import type * as Stream from "effect/Stream"
import type { FileInput } from "./Input.js"
import type * as body from "./internal/body.js"
import * as internal from "./internal/operation.js"
import type { QueryValue } from "./internal/query.js"
import type { Route as RouteModel } from "./internal/route.js"
import { ParticleClient } from "./ParticleClient.js"
import type * as E from "./ParticleError.js"
import type { Method as RequestMethod } from "./ParticleRequest.js"

/**
 * @since 0.1.0
 * @category models
 */
export type Method = RequestMethod

// ---------------------------------------------------------------------------------------------------------
// routes
// ---------------------------------------------------------------------------------------------------------

/**
 * One route of an operation:
 *
 * - `{ path }`: a template under the base URL. `{field}` is a required placeholder, `{/field}` an optional
 *   path segment (`/value` when the field is set, nothing otherwise). Every value is URL-encoded as one
 *   segment; `.` and `..` are rejected.
 * - `{ url }`: the named input field holds an absolute URL (a download link); the access token is sent only
 *   when that URL lies under the base URL.
 *
 * A route applies when its `when` (if any) holds and all its required placeholders have values; the first
 * route that applies wins, so list specific routes (org, product) before general ones (user).
 *
 * @since 0.2.0
 * @category models
 */
export type Route<I = any> = RouteModel<I>

/**
 * The routes of an endpoint that exists under several scopes, most specific first: `org` →
 * `/v1/orgs/{org}…`, `product` → `/v1/products/{product}…`, `user` → `/v1…` (particle-api-js's order).
 *
 * @example
 * ```ts
 * import { Operation } from "@effect-particle/core"
 *
 * // [{ path: "/v1/products/{product}/devices/{deviceId}" }, { path: "/v1/devices/{deviceId}" }]
 * const routes = Operation.scoped("/devices/{deviceId}", "user", "product")
 * ```
 *
 * @since 0.2.0
 * @category routes
 */
export const scoped = (path: string, ...scopes: ReadonlyArray<"user" | "product" | "org">): ReadonlyArray<Route> =>
  (["org", "product", "user"] as const).filter((scope) => scopes.includes(scope)).map((scope) => ({
    path: (scope === "org" ? "/v1/orgs/{org}" : scope === "product" ? "/v1/products/{product}" : "/v1") + path
  }))

// ---------------------------------------------------------------------------------------------------------
// request bodies
// ---------------------------------------------------------------------------------------------------------

/**
 * The request body of an operation.
 *
 * @since 0.1.0
 * @category models
 */
export type Body = body.Body

/**
 * One part of a multipart body.
 *
 * @since 0.2.0
 * @category models
 */
export type Part = body.Part

/**
 * A JSON body (`undefined` fields vanish, `null` stays), sent as `application/json` unless another JSON
 * content type is given (e.g. `application/schema+json`).
 *
 * @since 0.2.0
 * @category bodies
 */
export const jsonBody = (value: unknown, contentType = "application/json"): Body => ({
  _tag: "Json",
  value,
  contentType
})

/**
 * An `application/x-www-form-urlencoded` body, serialised as particle-api-js does (`qs`).
 *
 * @since 0.2.0
 * @category bodies
 */
export const formBody = (value: { readonly [key: string]: QueryValue }): Body => ({ _tag: "Form", value })

/**
 * A multipart body made of parts, in order; part names and filenames are data (see {@link fileParts}).
 *
 * @since 0.2.0
 * @category bodies
 */
export const multipartBody = (parts: ReadonlyArray<Part>): Body => ({ _tag: "Multipart", parts })

/**
 * File parts named as particle-api-js names them: `file`, `file2`, `file3`, … in key order, each with its
 * key as filename (`\` turned into `/`). Pass `name` to give every part another name (e.g. `"binary"`),
 * and `maxBytes` to reject a larger file (bytes, Blob or path alike) with `InvalidInput` before any request.
 *
 * @since 0.2.0
 * @category bodies
 */
export const fileParts = (
  files: { readonly [filename: string]: FileInput },
  options: { readonly name?: string | undefined; readonly maxBytes?: number | undefined } = {}
): ReadonlyArray<Part> =>
  Object.entries(files).map(([filename, content], index) => ({
    _tag: "File",
    name: options.name ?? (index === 0 ? "file" : `file${index + 1}`),
    filename: filename.replace(/\\/g, "/"),
    content,
    maxBytes: options.maxBytes
  }))

/**
 * Text parts, one per defined field, in key order.
 *
 * @since 0.2.0
 * @category bodies
 */
export const fieldParts = (
  fields: { readonly [key: string]: string | number | boolean | undefined }
): ReadonlyArray<Part> =>
  Object.entries(fields).flatMap(([name, value]) =>
    value === undefined ? [] : [{ _tag: "Field", name, value: String(value) }]
  )

// ---------------------------------------------------------------------------------------------------------
// responses
// ---------------------------------------------------------------------------------------------------------

/**
 * A JSON response decoded with a schema (an empty body decodes as `{}`).
 *
 * @since 0.2.0
 * @category responses
 */
export interface JsonResponse<A, I> {
  readonly _tag: "Json"
  readonly schema: Schema.Schema<A, I>
}

/**
 * A response whose body is raw bytes (`Uint8Array`).
 *
 * @since 0.2.0
 * @category responses
 */
export interface BytesResponse {
  readonly _tag: "Bytes"
}

/**
 * A response whose body is a file: its bytes with the response headers, the content type and the filename
 * from `Content-Disposition`.
 *
 * @since 0.2.0
 * @category responses
 */
export interface FileResponse {
  readonly _tag: "File"
}

/**
 * A response whose body carries nothing worth decoding (204, or an `{"ok":true}` acknowledgement).
 *
 * @since 0.2.0
 * @category responses
 */
export interface EmptyResponse {
  readonly _tag: "Empty"
}

/**
 * A long-lived response whose body is read as a stream of bytes (server-sent events). The operation needs
 * a `Scope`: closing it closes the connection. Stream opens go through the client's stream-open limit and
 * are never retried by the client.
 *
 * @since 0.2.0
 * @category responses
 */
export interface StreamResponse {
  readonly _tag: "Stream"
}

/**
 * The response as it came: status, headers, and the body parsed as JSON where it is JSON (its text
 * otherwise, `{}` when empty), or its bytes for a download. Made by {@link raw}, for callers that need
 * Particle's answer untouched (the compat facade).
 *
 * @since 0.2.0
 * @category responses
 */
export interface RawResponse {
  readonly _tag: "Raw"
  readonly binary: boolean
}

/**
 * A response as {@link RawResponse} gives it.
 *
 * @since 0.2.0
 * @category models
 */
export interface Raw {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
}

/**
 * What an operation answers.
 *
 * @since 0.2.0
 * @category responses
 */
export type Response =
  | JsonResponse<any, any>
  | BytesResponse
  | FileResponse
  | EmptyResponse
  | StreamResponse
  | RawResponse

/**
 * @since 0.2.0
 * @category responses
 */
export const json = <A, I>(schema: Schema.Schema<A, I>): JsonResponse<A, I> => ({ _tag: "Json", schema })

/**
 * @since 0.2.0
 * @category responses
 */
export const bytes: BytesResponse = { _tag: "Bytes" }

/**
 * @since 0.2.0
 * @category responses
 */
export const file: FileResponse = { _tag: "File" }

/**
 * @since 0.2.0
 * @category responses
 */
export const empty: EmptyResponse = { _tag: "Empty" }

/**
 * @since 0.2.0
 * @category responses
 */
export const stream: StreamResponse = { _tag: "Stream" }

/**
 * A downloaded file.
 *
 * @since 0.2.0
 * @category models
 */
export interface File {
  readonly bytes: Uint8Array
  /** The response headers, names lower case. */
  readonly headers: Readonly<Record<string, string>>
  readonly contentType: string | undefined
  /** From `Content-Disposition: attachment; filename=…`, when the server sent one. */
  readonly filename: string | undefined
}

/**
 * What an operation with the given response succeeds with.
 *
 * @since 0.2.0
 * @category models
 */
export type Success<R extends Response> = R extends JsonResponse<infer A, any> ? A
  : R extends RawResponse ? Raw
  : R extends BytesResponse ? Uint8Array
  : R extends FileResponse ? File
  : R extends StreamResponse ? Stream.Stream<Uint8Array, E.TransportError>
  : void

/**
 * What an operation with the given response needs besides the `ParticleClient`.
 *
 * @since 0.2.0
 * @category models
 */
export type Requirements<R extends Response> = R extends StreamResponse ? Scope.Scope : never

// ---------------------------------------------------------------------------------------------------------
// errors
// ---------------------------------------------------------------------------------------------------------

/**
 * Errors any operation can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type BaseError =
  | E.TransportError
  | E.DecodeError
  | E.InvalidInput
  | E.RateLimited
  | E.ServerError
  | E.UnexpectedStatus

/**
 * Errors of operations that send the access token.
 *
 * @since 0.1.0
 * @category errors
 */
export type AuthError = E.Unauthorized | E.Forbidden

/**
 * The error classes an operation may list beyond {@link BaseError} (and {@link AuthError} when it
 * authenticates): any class an HTTP status maps to.
 *
 * @since 0.1.0
 * @category errors
 */
export type DocumentedError = E.HttpStatusClass

/**
 * The error type of an operation with the given documented error classes.
 *
 * @since 0.1.0
 * @category errors
 */
export type ErrorOf<Errors extends ReadonlyArray<DocumentedError>, Auth extends boolean> =
  | BaseError
  | InstanceType<Errors[number]>
  | (Auth extends false ? never : AuthError)

// ---------------------------------------------------------------------------------------------------------
// definitions
// ---------------------------------------------------------------------------------------------------------

/**
 * An endpoint, as data.
 *
 * @since 0.1.0
 * @category models
 */
export interface Definition<
  I = any,
  IE = any,
  R extends Response = Response,
  Errors extends ReadonlyArray<DocumentedError> = ReadonlyArray<DocumentedError>,
  Auth extends boolean = boolean
> {
  /** The operation's name, as particle-api-js names it where it has one. */
  readonly name: string
  /** One line for the package's function table. */
  readonly summary: string
  readonly method: Method
  /** Tried in order; the first that applies wins (see {@link Route}). */
  readonly routes: ReadonlyArray<Route<I>>
  /** Validates the caller's options; failures become `InvalidInput` before any request. */
  readonly input: Schema.Schema<I, IE>
  readonly query?: ((input: I) => { readonly [key: string]: QueryValue }) | undefined
  readonly body?: ((input: I) => Body | undefined) | undefined
  readonly headers?: ((input: I) => Readonly<Record<string, string>>) | undefined
  readonly response: R
  /** Error classes the endpoint documents beyond the base errors. Default none. */
  readonly errors?: Errors | undefined
  /** Whether the access token is sent. Default `true`. */
  readonly auth?: Auth | undefined
  /** How long the operation may take at least (compiles, uploads); the client's `timeout` when longer wins. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Whether the client may retry it. Default: `true` for GET and HEAD, `false` otherwise. */
  readonly idempotent?: boolean | undefined
}

/**
 * An exported operation: call it with options, get an Effect that needs a `ParticleClient`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Operation<IE, A, E, R = never> {
  (...args: {} extends IE ? [options?: IE] : [options: IE]): Effect.Effect<A, E, ParticleClient | R>
  readonly definition: Definition<any, IE>
}

/**
 * Any operation.
 *
 * @since 0.2.0
 * @category models
 */
export type Any = Operation<any, any, any, any>

/**
 * Defines an operation.
 *
 * @example
 * ```ts
 * import { Input, Operation, ParticleError } from "@effect-particle/core"
 * import { Schema } from "effect"
 *
 * export const getDevice = Operation.make({
 *   name: "getDevice",
 *   summary: "Get one device",
 *   method: "GET",
 *   routes: Operation.scoped("/devices/{deviceId}", "user", "product"),
 *   input: Schema.Struct({ deviceId: Input.DeviceIdOrName, product: Schema.optional(Input.Product) }),
 *   response: Operation.json(Schema.Struct({ id: Schema.String, name: Schema.NullOr(Schema.String) })),
 *   errors: [ParticleError.NotFound]
 * })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <
  I,
  IE,
  R extends Response,
  const Errors extends ReadonlyArray<DocumentedError> = [],
  const Auth extends boolean = true
>(
  definition: Definition<I, IE, R, Errors, Auth>
): Operation<
  IE,
  Success<R>,
  R extends StreamResponse ? Exclude<ErrorOf<Errors, Auth>, E.DecodeError> : ErrorOf<Errors, Auth>,
  Requirements<R>
> => {
  const operation = (options?: unknown) =>
    Effect.flatMap(ParticleClient, (client) => client.execute(operation as Any, options === undefined ? {} : options))
  return Object.assign(operation, { definition }) as any
}

const raws = new WeakMap<Definition, Any>()

/**
 * The same operation (routes, input, body, errors), answering the response as it came instead of decoded
 * (see {@link Raw}): for callers that need Particle's body untouched, such as a facade with another
 * client's interface. Stream operations are returned as they are.
 *
 * @since 0.2.0
 * @category combinators
 */
export const raw = <IE, A, E, R>(
  operation: Operation<IE, A, E, R>
): Operation<IE, A extends Stream.Stream<any, any, any> ? A : Raw, Exclude<E, E.DecodeError>, R> => {
  const definition = operation.definition
  if (definition.response._tag === "Stream" || definition.response._tag === "Raw") return operation as any
  let made = raws.get(definition)
  if (made === undefined) {
    const binary = definition.response._tag === "Bytes" || definition.response._tag === "File"
    made = make({ ...definition, response: { _tag: "Raw", binary } as RawResponse }) as Any
    raws.set(definition, made)
  }
  return made as any
}

/**
 * Whether a value is an operation made by {@link make}.
 *
 * @since 0.2.0
 * @category guards
 */
export const isOperation = (u: unknown): u is Any =>
  typeof u === "function" && "definition" in u && typeof (u as { definition?: unknown }).definition === "object"

// ---------------------------------------------------------------------------------------------------------
// introspection
// ---------------------------------------------------------------------------------------------------------

/**
 * The route templates of an operation, in the order they are tried, e.g.
 * `["/v1/products/{product}/devices/{deviceId}", "/v1/devices/{deviceId}"]`.
 *
 * @since 0.1.0
 * @category introspection
 */
export const routes = (definition: Definition): ReadonlyArray<string> => internal.templates(definition)

/**
 * The path (under the base URL) or absolute URL that `options` send an operation to, or the
 * `InvalidInput` they fail with, without sending anything.
 *
 * @example
 * ```ts
 * import { Operation } from "@effect-particle/core"
 * import { getDevice } from "@effect-particle/devices"
 *
 * // Either.right("/v1/products/4242/devices/0123456789abcdef01234567")
 * const path = Operation.requestPath(getDevice, { product: 4242, deviceId: "0123456789abcdef01234567" })
 * ```
 *
 * @since 0.2.0
 * @category introspection
 */
export const requestPath = (operation: Any, options: unknown): Either.Either<string, E.InvalidInput> =>
  Either.map(internal.resolve(internal.prepare(operation.definition), options), ({ selected }) => selected.target)

/**
 * The error tags an operation can fail with, base errors included.
 *
 * @since 0.1.0
 * @category introspection
 */
export const errorTags = (definition: Definition): ReadonlyArray<string> => internal.allowedTags(definition)

/**
 * The error tags an operation documents beyond {@link BaseError}, for docs tables.
 *
 * @since 0.2.0
 * @category introspection
 */
export const documentedErrorTags = (definition: Definition): ReadonlyArray<string> =>
  internal.allowedTags(definition).filter((tag) => !internal.baseTags.has(tag))

// ---------------------------------------------------------------------------------------------------------
// streams over operations
// ---------------------------------------------------------------------------------------------------------

/**
 * What a function returning a `Stream` is built on, as data: every page of a paged operation (`"pages"`),
 * or the server-sent events of a streaming operation (`"events"`). Docs tables and the coverage table read
 * it, so streams are never guessed by name.
 *
 * @since 0.2.0
 * @category models
 */
export interface StreamOf {
  readonly name: string
  readonly summary: string
  readonly kind: "pages" | "events"
  readonly definition: Definition
}

/**
 * A function returning a `Stream`, marked with what it is built on.
 *
 * @since 0.2.0
 * @category models
 */
export interface Streaming {
  readonly streamOf: StreamOf
}

/**
 * Marks a stream function with what it is built on.
 *
 * @since 0.2.0
 * @category constructors
 */
export const streaming = <F extends (...args: ReadonlyArray<any>) => unknown>(
  f: F,
  streamOf: StreamOf
): F & Streaming => Object.assign(f, { streamOf })

/**
 * Whether a value is a stream function marked by {@link streaming}.
 *
 * @since 0.2.0
 * @category guards
 */
export const isStreaming = (u: unknown): u is Streaming =>
  typeof u === "function" && "streamOf" in u && typeof (u as { streamOf?: unknown }).streamOf === "object"

/**
 * A markdown table of operations and stream functions (function, verb and routes, errors beyond the base
 * set, summary), for package READMEs; `pnpm test` checks every README against it.
 *
 * @since 0.1.0
 * @category introspection
 */
export const markdownTable = (items: ReadonlyArray<Any | Streaming>): string => {
  const errors = (definition: Definition) => documentedErrorTags(definition).map((t) => `\`${t}\``).join(", ") || "–"
  const rows = items.map((item) => {
    if (isStreaming(item)) {
      const { definition, kind, name, summary } = item.streamOf
      const what = kind === "pages"
        ? `every page of \`${definition.name}\`, as a \`Stream\``
        : routes(definition).map((r) => `\`${definition.method} ${r}\``).join("<br>") + " (server-sent events)"
      return `| \`${name}\` | ${what} | ${errors(definition)} | ${summary} |`
    }
    const { definition } = item
    return `| \`${definition.name}\` | ${
      routes(definition).map((r) => `\`${definition.method} ${r}\``).join("<br>")
    } | ${errors(definition)} | ${definition.summary} |`
  })
  return [
    "| function | endpoint | errors beyond the base set | what it does |",
    "|---|---|---|---|",
    ...rows
  ].join("\n")
}
