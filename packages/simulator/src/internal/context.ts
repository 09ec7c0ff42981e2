/**
 * What a route handler sees (the request context and the simulator's services), and how routes are
 * registered: authenticated by default (the handler gets a non-optional user and token), or explicitly
 * public for routes that check credentials themselves.
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import type { BodyKind } from "./body.js"
import type { MakeEvent } from "./events.js"
import type { MultipartPart } from "./multipart.js"
import type { HANDLED, HandlerResult, Reply } from "./reply.js"
import { type Params, Router } from "./router.js"
import type { SseScope } from "./sse.js"
import type { Store } from "./store/index.js"
import type { TokenRecord, UserRecord } from "./store/types.js"
import type { Params as Fields } from "./urlencoded.js"

/** The running simulator, as handlers use it. */
export interface Services {
  readonly store: Store
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  readonly deviceTimeoutMs: number
  readonly maxFunctionArgLength: number
  /** Publishes an event to every matching stream (and marks its device as heard from). */
  publish(e: MakeEvent): void
  /** Answers the request with an event stream. */
  openStream(ctx: Ctx, scope: SseScope, prefix: string | undefined): typeof HANDLED
}

export interface Ctx {
  readonly sim: Services
  readonly store: Store
  readonly req: IncomingMessage
  readonly res: ServerResponse
  readonly method: string
  readonly path: string
  readonly segs: ReadonlyArray<string>
  readonly query: Fields
  readonly rawQuery: string
  readonly contentType: string | undefined
  readonly rawBody: Buffer
  readonly bodyKind: BodyKind
  readonly bodyError: string | undefined
  /** JSON object fields or form / multipart fields (form arrays kept as arrays). */
  readonly body: Record<string, unknown>
  readonly json: unknown
  readonly parts: ReadonlyArray<MultipartPart> | undefined
  /** Route parameters (decoded). */
  readonly p: Params
  /** Bearer validation, for public routes that also accept a bearer token. */
  authenticate(): AuthedCtx | Reply
}

export interface AuthedCtx extends Ctx {
  readonly user: UserRecord
  readonly token: TokenRecord
}

export type Handler = (ctx: Ctx) => HandlerResult | Promise<HandlerResult>
export type AuthedHandler = (ctx: AuthedCtx) => HandlerResult | Promise<HandlerResult>

interface RouteOptions {
  /** The handler reads the body itself: no generic 400 for a malformed or unsupported body. */
  rawBody?: boolean
}

export type RouteSpec =
  | { readonly auth: "bearer"; readonly rawBody: boolean; readonly run: AuthedHandler }
  | { readonly auth: "public"; readonly rawBody: boolean; readonly run: Handler }

/** An authenticated route (the default). */
export const authed = (run: AuthedHandler, o: RouteOptions = {}): RouteSpec => ({
  auth: "bearer",
  rawBody: o.rawBody ?? false,
  run
})
/** A route without bearer authentication: it is open, or checks credentials itself (`ctx.authenticate()`). */
export const publicRoute = (run: Handler, o: RouteOptions = {}): RouteSpec => ({
  auth: "public",
  rawBody: o.rawBody ?? false,
  run
})

/** Route registration; a bare handler function is an authenticated route. */
export class RouteTable {
  readonly router = new Router<RouteSpec>()

  add(method: string, pattern: string, h: AuthedHandler | RouteSpec): this {
    this.router.add(method, pattern, typeof h === "function" ? authed(h) : h)
    return this
  }
  get(p: string, h: AuthedHandler | RouteSpec): this {
    return this.add("GET", p, h)
  }
  head(p: string, h: AuthedHandler | RouteSpec): this {
    return this.add("HEAD", p, h)
  }
  post(p: string, h: AuthedHandler | RouteSpec): this {
    return this.add("POST", p, h)
  }
  put(p: string, h: AuthedHandler | RouteSpec): this {
    return this.add("PUT", p, h)
  }
  patch(p: string, h: AuthedHandler | RouteSpec): this {
    return this.add("PATCH", p, h)
  }
  del(p: string, h: AuthedHandler | RouteSpec): this {
    return this.add("DELETE", p, h)
  }
}
