/**
 * The request pipeline: parse the URL (CORS headers; preflights answered here) → read the body (bounded) →
 * record → rate limit → faults → route → auth → handler → reply. Admin routes (`/__sim/…`) skip recording,
 * rate limits and faults.
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import { authenticate } from "./bearer.js"
import { parseBody, readBody } from "./body.js"
import type { AuthedCtx, Ctx, RouteSpec, Services } from "./context.js"
import type { Cors } from "./cors.js"
import type { Faults } from "./faults.js"
import type { RateLimiter } from "./ratelimit.js"
import type { Recorder, RecordInput } from "./recorder.js"
import { badRequest, HANDLED, type HandlerResult, isReply, notFoundRoute, type Reply, writeReply } from "./reply.js"
import type { Router } from "./router.js"
import { type Params, parseUrlEncoded } from "./urlencoded.js"

export interface PipelineDeps {
  readonly maxBodyBytes: number
  readonly recorder: Recorder
  readonly limiter: RateLimiter
  readonly faults: Faults
  readonly cors: Cors
  readonly api: Router<RouteSpec>
  readonly admin: Router<RouteSpec>
  readonly services: Services
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Decodes each path segment; undefined when one has invalid percent-encoding (the bad one is returned). */
const decodeSegments = (path: string): Array<string> | { bad: string } => {
  const segs: Array<string> = []
  for (const s of path.split("/")) {
    if (s.length === 0) continue
    try {
      segs.push(decodeURIComponent(s))
    } catch {
      return { bad: s }
    }
  }
  return segs
}

const headerMap = (req: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = Object.create(null) as Record<string, string>
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) {
      headers[k] = Array.isArray(v)
        ? v.join(", ")
        : v
    }
  }
  return headers
}

/** Cuts a JSON reply in half (the `malformedJson` fault). */
const truncated = (r: Reply): Reply => {
  if (r.json === undefined) return r
  const text = JSON.stringify(r.json)
  return {
    status: r.status,
    raw: text.slice(0, Math.max(1, Math.floor(text.length / 2))),
    contentType: "application/json; charset=utf-8"
  }
}

export const handleRequest = async (deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> => {
  // URL
  const url = req.url ?? "/"
  const method = (req.method ?? "GET").toUpperCase()
  if (!url.startsWith("/")) return writeReply(res, { status: 400, json: { ok: false, error: "Bad Request" } })
  const q = url.indexOf("?")
  const path = q === -1 ? url : url.slice(0, q)
  const rawQuery = q === -1 ? "" : url.slice(q + 1)
  const isAdmin = path === "/__sim" || path.startsWith("/__sim/")
  const origin = req.headers.origin
  for (const [k, v] of Object.entries(deps.cors.headers(origin))) res.setHeader(k, v)

  // body (bounded)
  const raw = await readBody(req, deps.maxBodyBytes)
  if (raw === "aborted") {
    res.destroy()
    return
  }

  // CORS preflight: not recorded, not rate limited, no faults
  if (method === "OPTIONS") {
    const segs = decodeSegments(path)
    const methods = Array.isArray(segs) ? (isAdmin ? deps.admin : deps.api).methodsFor(segs) : new Set<string>()
    if (methods.size === 0) return writeReply(res, notFoundRoute())
    return writeReply(res, deps.cors.preflight(origin, req.headers["access-control-request-headers"], methods))
  }
  const contentType = req.headers["content-type"]
  const query: Params = parseUrlEncoded(rawQuery) ?? (Object.create(null) as Params)

  // record
  const headers = headerMap(req)
  if (raw === "too-large") {
    if (!isAdmin) {
      deps.recorder.add({ method, path, query: { ...query }, rawQuery, headers, body: new Uint8Array(0), contentType })
    }
    res.setHeader("Connection", "close")
    return writeReply(res, {
      status: 413,
      json: {
        ok: false,
        error: "Request entity too large",
        error_description: `Request body exceeds ${deps.maxBodyBytes} bytes`
      }
    })
  }
  const body = parseBody(raw, contentType)
  if (!isAdmin) {
    const record: RecordInput = {
      method,
      path,
      query: { ...query },
      rawQuery,
      headers,
      body: new Uint8Array(raw),
      contentType
    }
    if (body.kind === "json") record.json = body.json
    if (body.kind === "form") record.form = body.fields as Params
    if (body.parts) record.multipart = body.parts
    deps.recorder.add(record)
  }
  const segs = decodeSegments(path)
  if (!Array.isArray(segs)) {
    return writeReply(res, {
      status: 400,
      json: { ok: false, error: "Failed to decode param '" + segs.bad.slice(0, 100) + "'" }
    })
  }

  let truncate = false
  if (!isAdmin) {
    // rate limits, then faults
    const limited = deps.limiter.check(method, segs)
    if (limited) return writeReply(res, limited)
    const verdict = deps.faults.decide(method, path)
    if (verdict.delayMs > 0) await delay(verdict.delayMs)
    if (verdict.reply) return writeReply(res, verdict.reply)
    truncate = verdict.truncate
  }

  // route
  const match = (isAdmin ? deps.admin : deps.api).match(method, segs)
  if (match === undefined) return writeReply(res, notFoundRoute())
  const spec = match.entry.handler
  if (!spec.rawBody) {
    if (body.error !== undefined) return writeReply(res, badRequest(body.error))
    if (body.kind === "other") {
      return writeReply(
        res,
        badRequest(
          `Unsupported Content-Type: ${
            contentType ?? "(none)"
          }. Use application/json, application/x-www-form-urlencoded or multipart/form-data.`
        )
      )
    }
  }
  const services = deps.services
  const ctx: Ctx = {
    sim: services,
    store: services.store,
    req,
    res,
    method,
    path,
    segs,
    query,
    rawQuery,
    contentType,
    rawBody: raw,
    bodyKind: body.kind,
    bodyError: body.error,
    body: body.fields,
    json: body.json,
    parts: body.parts,
    p: match.params,
    authenticate: () => {
      const r = authenticate({
        method,
        authorization: req.headers.authorization,
        query,
        bodyKind: body.kind,
        body: body.fields
      }, services.store.users)
      return isReply(r) ? r : Object.assign(ctx, r) as AuthedCtx
    }
  }

  // auth + handler
  let result: HandlerResult
  try {
    if (spec.auth === "bearer") {
      const authed = ctx.authenticate()
      if (isReply(authed)) return writeReply(res, authed)
      result = await spec.run(authed)
    } else result = await spec.run(ctx)
  } catch (e) {
    result = {
      status: 500,
      json: { error: "Internal Server Error", error_description: e instanceof Error ? e.message : String(e) }
    }
  }
  if (result === HANDLED) return
  if (truncate) result = truncated(result)
  if (method === "HEAD") {
    const { json: _json, ...head } = result
    result = { ...head, raw: "" }
  }
  return writeReply(res, result)
}
