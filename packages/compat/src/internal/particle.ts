/**
 * The `Particle` class of both entries: particle-api-js 12.0.3's constructor, fields and methods, every
 * call an operation of the domain packages run with `Operation.raw` on one client per instance.
 */
import type { ParticleError } from "@effect-particle/core"
import { Operation, ParticleClient } from "@effect-particle/core"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import { bodyOf, type FileReader, readFiles } from "./body.js"
import { type CallState, currentCall, middleware, NO_TOKEN } from "./call.js"
import { Client } from "./client.js"
import { type Context as ToolProjectContext, contextHeaders, type ProjectContext, type ToolContext } from "./context.js"
import type { EmitterClass } from "./emitter.js"
import { fromParticleError, Invalid, ParticleApiError, Refusal, refusal, unexpected } from "./errors.js"
import { type EventStream, open } from "./eventStream.js"
import { generic, type Method, methods as methodSet } from "./generic.js"
import { type CallOptions, type Entry, type FileLike, methods, type ProductRef } from "./methods.js"

/**
 * What an entry supplies: the client layer (Node's `node:http` layer, or `fetch` in browsers), how bytes
 * are handed out (`Buffer` or `ArrayBuffer`), how uploads are read, and the emitter class of event streams.
 */
export interface Platform {
  readonly layer: (
    options: ParticleClient.Options
  ) => Layer.Layer<ParticleClient.ParticleClient, ParticleError.InvalidInput>
  readonly binary: (bytes: Uint8Array) => unknown
  readonly readFile: FileReader
  readonly Emitter: EmitterClass
}

/**
 * The constructor options: particle-api-js's (`baseUrl`, `clientId`, `clientSecret`, `tokenDuration`,
 * `auth`, with its defaults), and `effect`, the options of the underlying `ParticleClient` (`timeout`,
 * `retry`, `rateLimit`, `rateLimiter`, `middleware`, …; see `@effect-particle/core`).
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 *
 * const particle = new Particle({
 *   auth: process.env.PARTICLE_ACCESS_TOKEN,
 *   effect: { timeout: "10 seconds", retry: { times: 5 } }
 * })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface ParticleOptions {
  /** Default `https://api.particle.io`. */
  readonly baseUrl?: string | undefined
  /** Default `particle-api`. */
  readonly clientId?: string | undefined
  /** Default `particle-api`. */
  readonly clientSecret?: string | undefined
  /** Seconds a `login` token lasts; default 7776000 (90 days). */
  readonly tokenDuration?: number | undefined
  /** The default access token (a non-empty string). */
  readonly auth?: string | undefined
  /** particle-api-js 12.0.1's proxy agent: accepted and not used (the client owns its sockets). */
  readonly httpAgent?: unknown
  /** Options of the underlying `ParticleClient` (an extension). */
  readonly effect?: Omit<ParticleClient.Options, "baseUrl" | "accessToken"> | undefined
}

/**
 * What every JSON method resolves with (`{ statusCode: 204, body: {} }` for an empty answer).
 *
 * @example
 * ```ts
 * import Particle, { type JSONResponse } from "@effect-particle/compat"
 *
 * const response: JSONResponse = await new Particle({ auth: "a-token" }).getUserInfo({})
 * console.log(response.statusCode, response.body.username)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface JSONResponse<T = any> {
  readonly statusCode: number
  readonly body: T
}

/**
 * Options of `get`, `head`, `post`, `put`, `patch`, `delete` and `request`.
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 *
 * const particle = new Particle({ auth: "a-token" })
 * await particle.get({ uri: "/v1/devices", query: { page: 1 } })
 * await particle.request({ uri: "/v1/binaries/abc", method: "get", isBuffer: true })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface RequestOptions extends CallOptions {
  /** A path under the base URL (`/v1/…`) or an absolute URL (the token only goes to the base URL). */
  readonly uri: string
  /** `request` only: the HTTP method, any case. */
  readonly method?: string | undefined
  /** Query parameters, serialised as qs does (`get`, `head`, `put` and `request`). */
  readonly query?: Readonly<Record<string, unknown>> | undefined
  /** A JSON body (or a `FormData`, sent as multipart). */
  readonly data?: unknown
  /** `request` only: an urlencoded body; with `files`, multipart fields after the files. */
  readonly form?: Readonly<Record<string, unknown>> | undefined
  /** `request` only: files, sent as multipart parts `file`, `file2`, … (the key is the filename). */
  readonly files?: Readonly<Record<string, FileLike>> | undefined
  /** `request` only: resolve with the bytes rather than `{ statusCode, body }`. */
  readonly isBuffer?: boolean | undefined
}

/**
 * Options of `getEventStream`.
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 *
 * const stream = await new Particle({ auth: "a-token" }).getEventStream({ product: "my-fleet", name: "alarm" })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface EventStreamOptions {
  /** `"mine"` for all your devices, a device ID, or (user scope) a device name. */
  readonly deviceId?: string | undefined
  /** An event-name prefix. */
  readonly name?: string | undefined
  readonly org?: string | undefined
  readonly product?: ProductRef | undefined
  readonly auth?: string | undefined
}

/**
 * `particle.effect`: the instance's client for Effect code (an extension).
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 * import { getVariable } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const particle = new Particle({ auth: process.env.PARTICLE_ACCESS_TOKEN })
 * const v = await particle.effect.runPromise(getVariable({ deviceId: "my-boron", name: "temperature" }))
 * const program = getVariable({ deviceId: "my-boron", name: "humidity" }).pipe(Effect.provide(particle.effect.layer))
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface EffectAccess {
  /**
   * A layer providing the instance's `ParticleClient` (same sockets, rate limits and options), with the
   * instance's default token.
   */
  readonly layer: Layer.Layer<ParticleClient.ParticleClient, ParticleError.InvalidInput>
  /**
   * Runs an effect needing a `ParticleClient` on the instance's client, with `auth` or the default token;
   * rejects with the effect's error as it is (a typed `ParticleError`, not a `ParticleApiError`).
   */
  readonly runPromise: <A, E>(
    effect: Effect.Effect<A, E, ParticleClient.ParticleClient>,
    options?: { readonly auth?: string | undefined; readonly signal?: AbortSignal | undefined }
  ) => Promise<A>
}

const Defaults = {
  baseUrl: "https://api.particle.io",
  clientSecret: "particle-api",
  clientId: "particle-api",
  tokenDuration: 7776000,
  auth: undefined
}

type Runtime = ManagedRuntime.ManagedRuntime<ParticleClient.ParticleClient, ParticleError.InvalidInput>

interface Held {
  readonly baseUrl: string
  readonly runtime: Runtime
  inFlight: number
  retired: boolean
}

const quiet = Logger.replace(Logger.defaultLogger, Logger.none)

const isParticleError = (u: unknown): u is ParticleError.ParticleError =>
  typeof u === "object" && u !== null && "_tag" in u && u instanceof Error

const trimSlashes = (url: string) => url.replace(/\/+$/, "")

const hasUpload = (u: unknown) => u !== undefined && u !== null

/** The options without their `undefined` fields (a missing required one is then "is required"). */
const defined = (options: unknown): unknown =>
  typeof options === "object" && options !== null && !Array.isArray(options)
    ? Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined))
    : options

/**
 * The implementation behind both entries' `Particle` (each passes its platform). Use `Particle`; this is
 * exported for `instanceof` checks shared by both entries.
 *
 * @example
 * ```ts
 * import Particle, { ParticleBase } from "@effect-particle/compat"
 *
 * console.log(new Particle() instanceof ParticleBase) // true
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export class ParticleBase {
  baseUrl!: string
  clientSecret!: string
  clientId!: string
  tokenDuration!: number
  auth: string | undefined
  httpAgent: unknown
  /** The context of `setContext` (`tool`, `project`), sent as headers with every call. */
  context: ToolProjectContext

  readonly #platform: Platform
  readonly #clientOptions: Omit<ParticleClient.Options, "baseUrl" | "accessToken">
  #defaultAuth: string | undefined
  #held: Held | undefined

  constructor(options: ParticleOptions | undefined, platform: Platform) {
    const o = options ?? {}
    this.#platform = platform
    this.#clientOptions = o.effect ?? {}
    if (o.auth) this.setDefaultAuth(o.auth)
    // as particle-api-js: every option becomes a field (but `effect`, the getter of the Effect access)
    const { effect: _, ...fields } = o
    Object.assign(this, Defaults, fields)
    this.context = {}
    this.httpAgent = o.httpAgent
  }

  // ------------------------------------------------------------------------------------------ runtime

  /** The runtime for the current base URL (a new one when `baseUrl` changed; the old one closes when idle). */
  #acquire(): Held {
    const baseUrl = trimSlashes(String(this.baseUrl))
    let held = this.#held
    if (held === undefined || held.baseUrl !== baseUrl) {
      if (held !== undefined) this.#retire(held)
      const userMiddleware = this.#clientOptions.middleware
      const layer = Layer.merge(
        this.#platform.layer({
          ...this.#clientOptions,
          baseUrl,
          middleware: [
            middleware,
            ...(userMiddleware === undefined ? [] : Array.isArray(userMiddleware) ? userMiddleware : [userMiddleware])
          ]
        }),
        quiet
      )
      held = { baseUrl, runtime: ManagedRuntime.make(layer), inFlight: 0, retired: false }
      this.#held = held
    }
    held.inFlight++
    return held
  }

  #release(held: Held): void {
    held.inFlight--
    if (held.retired && held.inFlight === 0) void held.runtime.dispose()
  }

  #retire(held: Held): void {
    held.retired = true
    if (held.inFlight === 0) void held.runtime.dispose()
  }

  #token(auth: unknown): Redacted.Redacted<string> {
    const token = auth || this.#defaultAuth
    return typeof token === "string" && token.length > 0 ? Redacted.make(token) : NO_TOKEN
  }

  #settings() {
    return {
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      tokenDuration: this.tokenDuration,
      baseUrl: trimSlashes(String(this.baseUrl))
    }
  }

  #state(o: CallOptions): CallState {
    const headers = o.headers && typeof o.headers === "object" ? Object.entries(o.headers) : []
    return {
      headers: [
        ...contextHeaders({ ...this.context, ...o.context }),
        ...headers.map(([k, v]) => [k, String(v)] as const)
      ],
      eventStream: false,
      head: undefined
    }
  }

  /** Runs an operation the facade's way: token, per-call state, raw answer, particle-api-js's result. */
  async #run(
    op: Operation.Any,
    opOptions: unknown,
    token: Redacted.Redacted<string>,
    state: CallState,
    binary: boolean,
    signal: AbortSignal | undefined
  ): Promise<unknown> {
    const effect = Operation.raw(op)(opOptions).pipe(
      ParticleClient.withAccessToken(token),
      Effect.locally(currentCall, state)
    ) as Effect.Effect<Operation.Raw, ParticleError.ParticleError, ParticleClient.ParticleClient>
    const held = this.#acquire()
    let exit: Exit.Exit<Operation.Raw, ParticleError.ParticleError | ParticleError.InvalidInput>
    try {
      exit = await held.runtime.runPromiseExit(effect, signal === undefined ? undefined : { signal })
    } finally {
      this.#release(held)
    }
    if (Exit.isSuccess(exit)) {
      const { body, status } = exit.value
      if (status === 204) return { statusCode: 204, body: {} }
      if (binary && body instanceof Uint8Array) return this.#platform.binary(body)
      return { statusCode: status, body }
    }
    const failure = Cause.failureOption(exit.cause)
    if (failure._tag === "Some" && isParticleError(failure.value)) throw fromParticleError(failure.value, state.head)
    if (Cause.isInterruptedOnly(exit.cause)) {
      throw new ParticleApiError({
        statusCode: undefined,
        errorDescription: "The request was aborted",
        shortErrorDescription: undefined,
        body: signal?.reason,
        cause: signal?.reason
      })
    }
    throw unexpected(Cause.squash(exit.cause))
  }

  async #uploads(entry: Entry, o: Record<string, unknown>): Promise<Record<string, unknown>> {
    const read = this.#platform.readFile
    let out = o
    for (const field of entry.file ?? []) {
      if (hasUpload(o[field])) out = { ...out, [field]: await read(o[field]) }
    }
    for (const field of entry.files ?? []) {
      const files = o[field]
      if (typeof files === "object" && files !== null) {
        out = { ...out, [field]: await readFiles(files as Record<string, unknown>, read) }
      }
    }
    return out
  }

  /** One method of the table. */
  protected async call(entry: Entry, options: unknown): Promise<unknown> {
    const o = (typeof options === "object" && options !== null ? options : {}) as CallOptions & Record<string, unknown>
    try {
      const withFiles = await this.#uploads(entry, o)
      const [op, opOptions] = entry.select(withFiles, this.#settings())
      return await this.#run(
        op,
        defined(opOptions),
        this.#token(entry.auth === "call" ? o.auth : undefined),
        this.#state(o),
        entry.result === "binary",
        o.abortSignal
      )
    } catch (error) {
      if (error instanceof Refusal) throw refusal(error.message)
      if (error instanceof Invalid) throw fromParticleError(error.error)
      throw unexpected(error)
    }
  }

  // ------------------------------------------------------------------------------------ generic verbs

  /** `GET` any path or URL. */
  get(options: Omit<RequestOptions, "method" | "data" | "form" | "files" | "isBuffer">): Promise<JSONResponse> {
    const { abortSignal, auth, context, headers, query, uri } = options
    return this.request({ uri, method: "get", auth, headers, query, context, abortSignal }) as Promise<JSONResponse>
  }

  /** `HEAD` any path or URL. */
  head(options: Omit<RequestOptions, "method" | "data" | "form" | "files" | "isBuffer">): Promise<JSONResponse> {
    const { abortSignal, auth, context, headers, query, uri } = options
    return this.request({ uri, method: "head", auth, headers, query, context, abortSignal }) as Promise<JSONResponse>
  }

  /** `POST` a JSON body (`query` is ignored, as in particle-api-js). */
  post(options: Omit<RequestOptions, "method" | "query" | "form" | "files" | "isBuffer">): Promise<JSONResponse> {
    const { abortSignal, auth, context, data, headers, uri } = options
    return this.request({ uri, method: "post", auth, headers, data, context, abortSignal }) as Promise<JSONResponse>
  }

  /** `PUT` a JSON body. */
  put(options: Omit<RequestOptions, "method" | "form" | "files" | "isBuffer">): Promise<JSONResponse> {
    const { abortSignal, auth, context, data, headers, query, uri } = options
    return this.request({ uri, method: "put", auth, headers, data, query, context, abortSignal }) as Promise<
      JSONResponse
    >
  }

  /** `PATCH` a JSON body (`query` is ignored, as in particle-api-js). */
  patch(options: Omit<RequestOptions, "method" | "query" | "form" | "files" | "isBuffer">): Promise<JSONResponse> {
    const { abortSignal, auth, context, data, headers, uri } = options
    return this.request({ uri, method: "patch", auth, headers, data, context, abortSignal }) as Promise<JSONResponse>
  }

  /** `DELETE`, with an optional JSON body (`query` is ignored, as in particle-api-js). */
  delete(options: Omit<RequestOptions, "method" | "query" | "form" | "files" | "isBuffer">): Promise<JSONResponse> {
    const { abortSignal, auth, context, data, headers, uri } = options
    return this.request({ uri, method: "delete", auth, headers, data, context, abortSignal }) as Promise<JSONResponse>
  }

  /** Any request: `files` (multipart) wins over `form` (urlencoded) over `data` (JSON). */
  async request(options: RequestOptions): Promise<unknown> {
    const o = (options ?? {}) as RequestOptions
    try {
      const method = String(o.method ?? "get").toUpperCase()
      if (!methodSet.has(method)) throw new Refusal(`Unsupported HTTP method: ${String(o.method)}`)
      const uri = String(o.uri)
      const url = uri.startsWith("/") ? this.#settings().baseUrl + uri : uri
      const files = o.files ? await readFiles(o.files, this.#platform.readFile) : undefined
      const body = bodyOf({ data: o.data, form: o.form, files })
      const binary = Boolean(o.isBuffer)
      return await this.#run(
        generic(method as Method, binary),
        { url, query: o.query ?? undefined, body },
        this.#token(o.auth),
        this.#state(o),
        binary,
        o.abortSignal
      )
    } catch (error) {
      if (error instanceof Refusal) throw refusal(error.message)
      throw unexpected(error)
    }
  }

  // ----------------------------------------------------------------------------------- event streams

  /**
   * Opens an event stream (`/v1/[orgs/:org/][products/:product/][devices/[:deviceId/]]events[/:name]`);
   * resolves once connected.
   */
  getEventStream(options: EventStreamOptions): Promise<EventStream> {
    const { auth, deviceId, name, org, product } = options ?? {}
    let uri = "/v1/"
    if (org) uri += `orgs/${org}/`
    if (product) uri += `products/${product}/`
    if (deviceId) uri += deviceId.toLowerCase() === "mine" ? "devices/" : `devices/${deviceId}/`
    uri += "events"
    if (name) uri += `/${encodeURIComponent(name)}`
    const held = this.#acquire()
    const state: CallState = { headers: [], eventStream: true, head: undefined }
    const token = this.#token(auth)
    return open({
      Emitter: this.#platform.Emitter,
      uri: `${held.baseUrl}${uri}`,
      streamOptions: { deviceId: t(deviceId), name: t(name), org: t(org), product: t(product) },
      prepare: (effect) => effect.pipe(ParticleClient.withAccessToken(token), Effect.locally(currentCall, state)),
      runner: {
        fork: (effect) => held.runtime.runFork(effect),
        done: () => this.#release(held)
      }
    })
  }

  // ----------------------------------------------------------------------------------------- settings

  /** Sets the default access token; throws unless it is a non-empty string (as particle-api-js). */
  setDefaultAuth(auth: string): void {
    if (typeof auth === "string" && auth.length !== 0) this.#defaultAuth = auth
    else throw new Error("Must pass a non-empty string representing an auth token!")
  }

  /** Sets the base URL of later calls. */
  setBaseUrl(baseUrl: string): void {
    this.baseUrl = baseUrl
  }

  /** Sets the `tool` or `project` context sent as `X-Particle-Tool` / `X-Particle-Project`. */
  setContext(name: "tool" | "project", context: ToolContext | ProjectContext | undefined): void {
    if (context === undefined) return
    if (name === "tool") this.context = { ...this.context, tool: context as ToolContext }
    else if (name === "project") this.context = { ...this.context, project: context as ProjectContext }
    else throw Error("unknown context name or undefined context: " + String(name))
  }

  /** particle-api-js's `Client` helper with one token. */
  client(options: { readonly auth?: string | undefined } = {}): Client {
    return new Client({ ...options, api: this as any })
  }

  /** The device URL particle-api-js builds (org > product > user), not encoded. */
  deviceUri(
    { deviceId, org, product }: { readonly deviceId: string; readonly product?: ProductRef; readonly org?: string }
  ): string {
    if (org) return `/v1/orgs/${org}/devices/${deviceId}`
    if (product) return `/v1/products/${product}/devices/${deviceId}`
    return `/v1/devices/${deviceId}`
  }

  // ------------------------------------------------------------------------------------------- Effect

  /** The instance's client for Effect code (an extension). */
  get effect(): EffectAccess {
    const acquire = () => this.#acquire()
    const release = (held: Held) => this.#release(held)
    const defaultToken = () => this.#defaultAuth
    const layer = Layer.scoped(
      ParticleClient.ParticleClient,
      Effect.acquireRelease(
        Effect.promise(async () => {
          const held = acquire()
          const runtime = await held.runtime.runtime()
          return { held, service: Context.get(runtime.context, ParticleClient.ParticleClient) }
        }),
        ({ held }) => Effect.sync(() => release(held))
      ).pipe(Effect.map(({ service }): ParticleClient.Service => ({
        baseUrl: service.baseUrl,
        execute: (op, opts) => {
          const token = defaultToken()
          const run = service.execute(op, opts)
          return token === undefined ? run : ParticleClient.withAccessToken(Redacted.make(token))(run)
        }
      })))
    )
    return {
      layer,
      runPromise: async (effect, options = {}) => {
        const token = options.auth || defaultToken()
        const run = token ? ParticleClient.withAccessToken(Redacted.make(token))(effect) : effect
        const held = acquire()
        let exit: Exit.Exit<any, unknown>
        try {
          exit = await held.runtime.runPromiseExit(
            run,
            options.signal === undefined ? undefined : { signal: options.signal }
          )
        } finally {
          release(held)
        }
        // the typed error itself (`NotFound`, `TransportError`, …), not a wrapper
        if (Exit.isSuccess(exit)) return exit.value
        throw Cause.squash(exit.cause)
      }
    }
  }
}

const t = <A>(value: A): A | undefined => (value ? value : undefined)

// one prototype method per table entry
for (const [name, entry] of Object.entries(methods)) {
  Object.defineProperty(ParticleBase.prototype, name, {
    value: function(this: ParticleBase, options: unknown) {
      return this.call(entry as Entry, options)
    },
    writable: true,
    configurable: true
  })
}

/** The type of a method of the table: its options, and a `Buffer` (`B`) or `{ statusCode, body }`. */
type MethodOf<E, B> = E extends Entry<infer O, infer R> ? (options: O) => Promise<R extends "binary" ? B : JSONResponse>
  : never

/**
 * The endpoint methods (particle-api-js 12.0.3's 115 besides `getEventStream`, and the dropped names), with
 * binaries typed as `B`.
 *
 * @example
 * ```ts
 * import type { Methods } from "@effect-particle/compat"
 *
 * type GetVariable = Methods<Buffer>["getVariable"]
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Methods<B> = { readonly [K in keyof typeof methods]: MethodOf<(typeof methods)[K], B> }
