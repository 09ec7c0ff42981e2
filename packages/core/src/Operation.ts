/**
 * One Particle endpoint, defined once as data: verb, path template with its user/product/org variants,
 * body encoding, input and response schemas, and the errors it can return. `make` turns a definition into
 * the exported function; docs tables, wire tests and the compat facade read the same definition.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { FileInput } from "./Input.js"
import * as internal from "./internal/client.js"
import type { QueryValue } from "./internal/query.js"
import type {
  BadRequest,
  DecodeError,
  DeviceTimeout,
  Forbidden,
  InvalidInput,
  NotFound,
  RateLimited,
  ServerError,
  TransportError,
  Unauthorized,
  UnexpectedStatus
} from "./ParticleError.js"
import type { ParticleClient } from "./ParticleClient.js"

/**
 * @since 0.1.0
 * @category models
 */
export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE"

/**
 * Where a route lives: `user` → `/v1`, `product` → `/v1/products/{product}`, `org` → `/v1/orgs/{org}`,
 * `root` → the path as written (e.g. `/oauth/token`). With several scopes, `org` wins over `product`,
 * `product` over `user`, as in particle-api-js.
 *
 * @since 0.1.0
 * @category models
 */
export type Scope = "user" | "product" | "org" | "root"

/**
 * The request body of an operation.
 *
 * @since 0.1.0
 * @category models
 */
export type Body =
  | { readonly _tag: "Json"; readonly value: unknown }
  | { readonly _tag: "Form"; readonly value: { readonly [key: string]: QueryValue } }
  | {
    readonly _tag: "Multipart"
    readonly files: { readonly [filename: string]: FileInput }
    readonly fields: { readonly [key: string]: string | number | boolean | undefined }
  }

/**
 * A JSON body. `undefined` fields vanish, `null` stays.
 *
 * @since 0.1.0
 * @category bodies
 */
export const json = (value: unknown): Body => ({ _tag: "Json", value })

/**
 * An `application/x-www-form-urlencoded` body, serialised as particle-api-js does.
 *
 * @since 0.1.0
 * @category bodies
 */
export const form = (value: { readonly [key: string]: QueryValue }): Body => ({ _tag: "Form", value })

/**
 * A multipart body. Files become parts `file`, `file2`, `file3`, … with the key as filename (as
 * particle-api-js sends them); fields follow the files, `undefined` ones skipped.
 *
 * @since 0.1.0
 * @category bodies
 */
export const multipart = (
  files: { readonly [filename: string]: FileInput },
  fields: { readonly [key: string]: string | number | boolean | undefined } = {}
): Body => ({ _tag: "Multipart", files, fields })

/**
 * Response schema of operations that answer with raw bytes.
 *
 * @since 0.1.0
 * @category responses
 */
export const Binary: Schema.Schema<Uint8Array> = Schema.Uint8ArrayFromSelf

/**
 * Response schema of operations whose success carries nothing worth decoding (204 or `{"ok":true}`).
 *
 * @since 0.1.0
 * @category responses
 */
export const NoContent: Schema.Schema<void, unknown> = Schema.Void as any

/**
 * Errors any operation can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type BaseError = TransportError | DecodeError | InvalidInput | RateLimited | ServerError | UnexpectedStatus

/**
 * Errors of operations that send the access token.
 *
 * @since 0.1.0
 * @category errors
 */
export type AuthError = Unauthorized | Forbidden

/**
 * The error classes an operation may list beyond {@link BaseError} (and {@link AuthError} when it
 * authenticates).
 *
 * @since 0.1.0
 * @category errors
 */
export type DocumentedError =
  | typeof BadRequest
  | typeof NotFound
  | typeof DeviceTimeout
  | typeof Forbidden
  | typeof Unauthorized

/**
 * @since 0.1.0
 * @category models
 */
export interface Definition<I, IE, A, AE> {
  /** The operation's name, as particle-api-js names it where it has one. */
  readonly name: string
  readonly method: Method
  /** Path after the scope prefix, with `{field}` placeholders filled (URL-encoded) from the input. */
  readonly path: string
  /** Per-scope paths where a scope's route differs from `path` (e.g. user `/devices/events`, product `/events`). */
  readonly paths?: Partial<Record<Scope, string>> | undefined
  /** Scopes this route exists in. Defaults to `["user"]`. */
  readonly scopes: ReadonlyArray<Scope>
  /** Validates the caller's options; failures become `InvalidInput`. */
  readonly input: Schema.Schema<I, IE>
  readonly query?: ((input: I) => { readonly [key: string]: QueryValue }) | undefined
  readonly body?: ((input: I) => Body | undefined) | undefined
  readonly headers?: ((input: I) => Readonly<Record<string, string>>) | undefined
  /** The decoded 2xx response. `Binary` for bytes, `NoContent` when nothing is decoded. */
  readonly success: Schema.Schema<A, AE>
  /** Error classes the endpoint documents beyond the base errors. */
  readonly errors: ReadonlyArray<DocumentedError>
  /** Whether the access token is sent. Defaults to `true`. */
  readonly auth: boolean
  /** One line for the package's function table. */
  readonly summary: string
}

/**
 * An exported operation: call it with options, get an Effect that needs a `ParticleClient`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Operation<IE, A, E> {
  (...args: {} extends IE ? [options?: IE] : [options: IE]): Effect.Effect<A, E, ParticleClient>
  readonly definition: Definition<any, IE, A, any>
}

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

/**
 * Defines an operation.
 *
 * @example
 * ```ts
 * import { Input, Operation } from "@effect-particle/core"
 * import { Schema } from "effect"
 *
 * export const getDevice = Operation.make({
 *   name: "getDevice",
 *   summary: "Get one device",
 *   method: "GET",
 *   path: "/devices/{deviceId}",
 *   scopes: ["user", "product"],
 *   input: Schema.Struct({ deviceId: Input.DeviceIdOrName, product: Schema.optional(Input.Product) }),
 *   success: Schema.Struct({ id: Schema.String, name: Schema.NullOr(Schema.String) }),
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
  A,
  AE,
  const Errors extends ReadonlyArray<DocumentedError> = [],
  const Auth extends boolean = true
>(definition: {
  readonly name: string
  readonly summary: string
  readonly method: Method
  readonly path: string
  readonly paths?: Partial<Record<Scope, string>> | undefined
  readonly scopes?: ReadonlyArray<Scope> | undefined
  readonly input: Schema.Schema<I, IE>
  readonly query?: ((input: I) => { readonly [key: string]: QueryValue }) | undefined
  readonly body?: ((input: I) => Body | undefined) | undefined
  readonly headers?: ((input: I) => Readonly<Record<string, string>>) | undefined
  readonly success: Schema.Schema<A, AE>
  readonly errors?: Errors | undefined
  readonly auth?: Auth | undefined
}): Operation<IE, A, ErrorOf<Errors, Auth>> => {
  const full: Definition<I, IE, A, AE> = {
    ...definition,
    scopes: definition.scopes ?? ["user"],
    errors: definition.errors ?? [],
    auth: definition.auth ?? true
  }
  const prepared = internal.prepare(full)
  const operation = (options?: IE) => internal.execute(prepared, options === undefined ? ({} as IE) : options)
  return Object.assign(operation, { definition: full }) as any
}

/**
 * The route templates of an operation, one per scope, e.g.
 * `["/v1/devices/{deviceId}", "/v1/products/{product}/devices/{deviceId}"]`.
 *
 * @since 0.1.0
 * @category introspection
 */
export const routes = (definition: Definition<any, any, any, any>): ReadonlyArray<string> =>
  definition.scopes.map((scope) => internal.routeTemplate(definition, scope))

/**
 * The error tags an operation can fail with, for docs tables.
 *
 * @since 0.1.0
 * @category introspection
 */
export const errorTags = (definition: Definition<any, any, any, any>): ReadonlyArray<string> =>
  internal.allowedTags(definition)

/**
 * A markdown table of operations (function, verb and routes, errors, summary), for package READMEs. A
 * package's test compares its README with this table, so the docs cannot drift from the code.
 *
 * @since 0.1.0
 * @category introspection
 */
export const markdownTable = (operations: ReadonlyArray<{ readonly definition: Definition<any, any, any, any> }>): string => {
  const rows = operations.map(({ definition }) =>
    `| \`${definition.name}\` | ${routes(definition).map((r) => `\`${definition.method} ${r}\``).join("<br>")} | ${
      errorTags(definition).filter((t) => !baseTagSet.has(t)).map((t) => `\`${t}\``).join(", ") || "–"
    } | ${definition.summary} |`
  )
  return [
    "| function | endpoint | errors beyond the base set | what it does |",
    "|---|---|---|---|",
    ...rows
  ].join("\n")
}

const baseTagSet: ReadonlySet<string> = new Set([
  "TransportError",
  "DecodeError",
  "InvalidInput",
  "RateLimited",
  "ServerError",
  "UnexpectedStatus"
])
