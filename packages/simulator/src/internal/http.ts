import type { IncomingMessage, ServerResponse } from "node:http"
import type { MultipartPart, Params } from "./util.js"
import type { Store, TokenRecord, UserRecord } from "./store.js"
import type { Engine } from "./engine.js"

export interface Reply {
  status: number
  json?: unknown
  raw?: Uint8Array | string
  contentType?: string
  headers?: Record<string, string>
}

/** Returned by handlers that wrote the response themselves (SSE). */
export const HANDLED = Symbol("handled")
export type HandlerResult = Reply | typeof HANDLED

export interface Ctx {
  engine: Engine
  store: Store
  req: IncomingMessage
  res: ServerResponse
  method: string
  path: string
  segs: Array<string>
  query: Params
  rawQuery: string
  contentType: string | undefined
  rawBody: Buffer
  bodyKind: "none" | "json" | "form" | "multipart" | "other"
  bodyError: string | undefined
  /** JSON object fields or form fields (form arrays kept as arrays). */
  body: Record<string, unknown>
  json: unknown
  parts: Array<MultipartPart> | undefined
  p: Record<string, string>
  user: UserRecord | undefined
  token: TokenRecord | undefined
}

export type Handler = (ctx: Ctx) => HandlerResult | Promise<HandlerResult>

export interface Route {
  method: string
  segs: Array<string>
  auth: boolean
  /** The handler checks the body encoding itself (no generic 400 for bad bodies). */
  rawBody: boolean
  handler: Handler
}

export class Router {
  readonly routes: Array<Route> = []

  add(method: string, pattern: string, handler: Handler, opts?: { auth?: boolean; rawBody?: boolean }): this {
    this.routes.push({
      method,
      segs: pattern.split("/").filter((s) => s.length > 0),
      auth: opts?.auth ?? true,
      rawBody: opts?.rawBody ?? false,
      handler
    })
    return this
  }
  get(p: string, h: Handler, o?: { auth?: boolean; rawBody?: boolean }) { return this.add("GET", p, h, o) }
  post(p: string, h: Handler, o?: { auth?: boolean; rawBody?: boolean }) { return this.add("POST", p, h, o) }
  put(p: string, h: Handler, o?: { auth?: boolean; rawBody?: boolean }) { return this.add("PUT", p, h, o) }
  patch(p: string, h: Handler, o?: { auth?: boolean; rawBody?: boolean }) { return this.add("PATCH", p, h, o) }
  del(p: string, h: Handler, o?: { auth?: boolean; rawBody?: boolean }) { return this.add("DELETE", p, h, o) }

  /** Finds the first route matching method + path. HEAD falls back to GET. */
  match(method: string, segs: Array<string>): { route: Route; params: Record<string, string> } | "method" | undefined {
    let pathMatched = false
    for (const m of method === "HEAD" ? ["HEAD", "GET"] : [method]) {
      for (const r of this.routes) {
        const params = matchSegs(r.segs, segs)
        if (!params) continue
        if (r.method !== m) {
          pathMatched = true
          continue
        }
        return { route: r, params }
      }
    }
    return pathMatched ? "method" : undefined
  }
}

const matchSegs = (pattern: Array<string>, segs: Array<string>): Record<string, string> | undefined => {
  const last = pattern[pattern.length - 1]
  const rest = last !== undefined && last.startsWith("*")
  if (rest ? segs.length < pattern.length : pattern.length !== segs.length) return undefined
  const out: Record<string, string> = {}
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!
    if (rest && i === pattern.length - 1) out[p.slice(1)] = segs.slice(i).join("/")
    else if (p.startsWith(":")) out[p.slice(1)] = segs[i]!
    else if (p !== segs[i]) return undefined
  }
  return out
}

// ---- reply helpers ----
export const ok = (json: unknown, status = 200): Reply => ({ status, json })
export const noContent = (): Reply => ({ status: 204 })
export const errB = (status: number, error: string): Reply => ({ status, json: { ok: false, error } })

export const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" }
export const oauthStatus: Record<string, number> = {
  invalid_request: 400, invalid_client: 400, invalid_grant: 400, invalid_scope: 400, unsupported_grant_type: 400,
  invalid_token: 401, mfa_required: 403, sso_user: 403, rate_limit_exceeded: 429, server_error: 503
}
export const oauthError = (error: string, description: string, extra?: Record<string, unknown>): Reply => {
  const headers: Record<string, string> = { ...NO_STORE }
  if (error === "invalid_client") headers["WWW-Authenticate"] = 'Basic realm="Service"'
  return { status: oauthStatus[error] ?? 500, json: { error, error_description: description, ...extra }, headers }
}

/** The `info` text of the 403 Permission Denied body. The real cloud appends the caller's token; we never echo tokens. */
export const PERMISSION_DENIED_INFO = "I didn't recognize that device name or ID, try opening https://api.particle.io/v1/devices?access_token=…"
export const permissionDenied = (): Reply => ({ status: 403, json: { error: "Permission Denied", info: PERMISSION_DENIED_INFO } })
export const notFoundRoute = (): Reply => ({ status: 404, json: { ok: false, error: "Not Found" } })
export const badRequest = (description: string): Reply => ({ status: 400, json: { error: "invalid_request", error_description: description } })
