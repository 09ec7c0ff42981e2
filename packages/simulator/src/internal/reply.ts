/** What a handler answers, the reply helpers every family shares, and writing a reply to the socket. */
import type { ServerResponse } from "node:http"

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

export const isReply = (x: unknown): x is Reply =>
  typeof x === "object" && x !== null && "status" in x && typeof (x as Reply).status === "number"

export const ok = (json: unknown, status = 200): Reply => ({ status, json })
export const noContent = (): Reply => ({ status: 204 })
/** Family B body: `{"ok":false,"error":…}`. */
export const errB = (status: number, error: string): Reply => ({ status, json: { ok: false, error } })
export const badRequest = (description: string): Reply => ({
  status: 400,
  json: { error: "invalid_request", error_description: description }
})

export const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" }
export const oauthStatus: Readonly<Record<string, number>> = {
  invalid_request: 400,
  invalid_client: 400,
  invalid_grant: 400,
  invalid_scope: 400,
  unsupported_grant_type: 400,
  invalid_token: 401,
  mfa_required: 403,
  sso_user: 403,
  rate_limit_exceeded: 429,
  server_error: 503
}
/** Family A body as Particle's oauth2 fork writes it, with its headers. */
export const oauthError = (error: string, description: string, extra?: Record<string, unknown>): Reply => {
  const headers: Record<string, string> = { ...NO_STORE }
  if (error === "invalid_client") headers["WWW-Authenticate"] = "Basic realm=\"Service\""
  return { status: oauthStatus[error] ?? 500, json: { error, error_description: description, ...extra }, headers }
}

/** The `info` text of the 403 Permission Denied body. The real cloud appends the caller's token; we never echo tokens. */
export const PERMISSION_DENIED_INFO =
  "I didn't recognize that device name or ID, try opening https://api.particle.io/v1/devices?access_token=…"
export const permissionDenied = (): Reply => ({
  status: 403,
  json: { error: "Permission Denied", info: PERMISSION_DENIED_INFO }
})
export const notFoundRoute = (): Reply => ({ status: 404, json: { ok: false, error: "Not Found" } })
export const rateLimited = (headers: Record<string, string> = {}): Reply => ({
  status: 429,
  json: { error: "rate_limit_exceeded", error_description: "Too many requests" },
  headers
})

/** Writes a reply (no-op when the response is already sent or the socket is gone). */
export const writeReply = (res: ServerResponse, r: Reply, extraHeaders?: Record<string, string>): void => {
  if (res.headersSent || res.destroyed) return
  let payload: Buffer | undefined
  const headers: Record<string, string> = { ...extraHeaders, ...r.headers }
  if (r.raw !== undefined) {
    payload = typeof r.raw === "string"
      ? Buffer.from(r.raw)
      : Buffer.from(r.raw.buffer, r.raw.byteOffset, r.raw.byteLength)
    headers["Content-Type"] = r.contentType ?? "application/octet-stream"
  } else if (r.json !== undefined && r.status !== 204) {
    payload = Buffer.from(JSON.stringify(r.json))
    headers["Content-Type"] = r.contentType ?? "application/json; charset=utf-8"
  }
  if (payload !== undefined && r.status !== 204) headers["Content-Length"] = String(payload.length)
  res.writeHead(r.status, headers)
  res.end(r.status === 204 || res.req.method === "HEAD" ? undefined : payload)
}
