import * as http from "node:http"
import type { AddressInfo, Socket } from "node:net"
import { HANDLED, NO_STORE, Router, notFoundRoute, oauthError, type Ctx, type HandlerResult, type Reply } from "./http.js"
import { Store, type DeviceRecord, type SeedInfo, type SeedTokens, type UserRecord } from "./store.js"
import { first, nowIso, parseMultipart, parseUrlEncoded, randomToken, type Params } from "./util.js"

export interface EngineOptions {
  port: number
  keepAliveIntervalMs: number
  deviceTimeoutMs: number
  rateLimits: false | { requests: number; windowMs: number; streamOpens: number }
  seed: boolean
  maxBodyBytes: number
  maxFunctionArgLength: number
}

export interface RequestRecord {
  method: string
  path: string
  query: Record<string, string | Array<string>>
  rawQuery: string
  headers: Record<string, string>
  body: Uint8Array
  contentType: string | undefined
  json?: unknown
  form?: Record<string, string | Array<string>>
  multipart?: Array<{ name: string; filename?: string; contentType?: string; data: Uint8Array }>
}

export type Fault =
  | { kind: "latency"; ms: number; route?: string; method?: string }
  | { kind: "status"; route: string; method?: string; status: number; body?: unknown; rawBody?: string; contentType?: string; probability?: number; times?: number; headers?: Record<string, string> }
  | { kind: "rateLimit"; route?: string; method?: string; times: number; retryAfterSeconds?: number }
  | { kind: "malformedJson"; route: string; method?: string; times?: number }
  | { kind: "sseDrop"; afterEvents: number; connections?: number }
  | { kind: "sseSilent" }
  | { kind: "ssePreload"; events: Array<{ name: string; data: string }> }

export interface SimEvent {
  name: string
  data: string | null
  ttl: number
  published_at: string
  coreid: string
  device: DeviceRecord | undefined
  /** the product whose streams see the event */
  productId: number | undefined
  /** user whose "mine" streams see an API-published event */
  apiUser: string | undefined
}

export type SseScope =
  | { kind: "user"; username: string }
  | { kind: "device"; deviceId: string }
  | { kind: "product"; productId: number; deviceId?: string }
  | { kind: "org"; orgId: string; productId?: number; deviceId?: string }

interface SseConn {
  res: http.ServerResponse
  scope: SseScope
  prefix: string | undefined
  written: number
  dropAfter: number | undefined
  timer: NodeJS.Timeout | undefined
  closed: boolean
}

export const MAX_FUNCTION_ARG_LENGTH = 622
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024

interface FaultState { fault: Fault; remaining: number }

const routeMatches = (route: string | undefined, method: string | undefined, ctxMethod: string, path: string): boolean => {
  if (method !== undefined && method.toUpperCase() !== ctxMethod) return false
  if (route === undefined) return true
  return path === route || path.startsWith(route.endsWith("/") ? route : route + "/") || path.startsWith(route)
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export class Engine {
  store = new Store()
  seedInfo: SeedInfo
  readonly router: Router
  readonly adminRouter: Router
  private server: http.Server
  private sockets = new Set<Socket>()
  private sse = new Set<SseConn>()
  private faults: Array<FaultState> = []
  private sseSilent = false
  private recorded: Array<RequestRecord> = []
  private rl = { windowStart: Date.now(), requests: 0, streamOpens: 0 }
  private readonly seedTokens: SeedTokens
  port = 0
  url = ""

  constructor(readonly options: EngineOptions, router: Router, adminRouter: Router) {
    this.router = router
    this.adminRouter = adminRouter
    this.seedTokens = { demo: randomToken(), other: randomToken(), clientSecret: randomToken() }
    this.seedInfo = this.doSeed()
    this.server = http.createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) {
          try {
            res.writeHead(500, { "Content-Type": "application/json; charset=utf-8" })
            res.end(JSON.stringify({ error: "Internal Server Error" }))
          } catch {
            res.destroy()
          }
        } else res.destroy()
      })
    })
    this.server.on("connection", (s) => {
      this.sockets.add(s)
      s.on("close", () => this.sockets.delete(s))
      s.on("error", () => undefined)
    })
    this.server.on("clientError", (_err, socket: Socket) => {
      if (socket.writable && !socket.destroyed) {
        const body = JSON.stringify({ ok: false, error: "Bad Request" })
        socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
      } else socket.destroy()
    })
    this.server.headersTimeout = 20_000
    this.server.requestTimeout = 60_000
  }

  private doSeed(): SeedInfo {
    if (this.options.seed) return this.store.seed(this.seedTokens)
    // an unseeded simulator still has one ready user so that `accessToken` works
    const u = this.store.createUser({ username: "demo@particle.sim", password: "demo-password", id: "5f0000000000000000000001" })
    this.store.issueToken({ username: u.username, token: this.seedTokens.demo, expiresInSeconds: 0 })
    const empty = { id: "", name: "", platformId: 0, online: false, variables: {}, functions: [] }
    return {
      user: { id: u.id, username: u.username, password: u.password, accessToken: this.seedTokens.demo },
      otherUser: { id: "", username: "", password: "", accessToken: "", deviceId: "", deviceName: "" },
      mfaUser: { username: "", password: "", otp: "" },
      devices: { online: empty, cellular: empty, offline: empty, unresponsive: empty },
      allDeviceIds: [],
      product: { id: 0, slug: "", name: "", deviceIds: [], ownedDeviceId: "", groups: [], firmwareVersions: [] },
      org: { id: "", slug: "" },
      sims: { user: [], product: [] },
      libraries: [],
      oauthClient: { id: "", secret: "", productId: 0 },
      integrationId: "",
      serialNumber: "",
      customer: { email: "", password: "" }
    }
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject)
      this.server.listen(this.options.port, "127.0.0.1", () => {
        this.server.off("error", reject)
        this.port = (this.server.address() as AddressInfo).port
        this.url = `http://127.0.0.1:${this.port}`
        resolve()
      })
    })
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      for (const c of this.sse) this.closeSse(c, true)
      this.server.close(() => resolve())
      for (const s of this.sockets) s.destroy()
      this.server.closeAllConnections()
    })
  }

  reset(): void {
    for (const c of [...this.sse]) this.closeSse(c, true)
    this.store = new Store()
    this.seedInfo = this.doSeed()
    this.faults = []
    this.sseSilent = false
    this.recorded = []
    this.rl = { windowStart: Date.now(), requests: 0, streamOpens: 0 }
  }

  requests(): ReadonlyArray<RequestRecord> { return this.recorded.slice() }
  clearRequests(): void { this.recorded = [] }

  setFault(f: Fault): void {
    if (f.kind === "sseSilent") {
      this.sseSilent = true
      return
    }
    const remaining = f.kind === "rateLimit" ? f.times
      : f.kind === "status" || f.kind === "malformedJson" ? (f.times ?? Infinity)
      : f.kind === "sseDrop" ? (f.connections ?? 1)
      : f.kind === "ssePreload" ? 1
      : Infinity
    this.faults.push({ fault: f, remaining })
  }

  clearFaults(): void {
    this.faults = []
    this.sseSilent = false
  }

  sseConnections(): number { return this.sse.size }

  // ---------------------------------------------------------------- request pipeline
  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = req.url ?? "/"
    const method = (req.method ?? "GET").toUpperCase()
    if (!url.startsWith("/")) return this.send(res, { status: 400, json: { ok: false, error: "Bad Request" } })
    const q = url.indexOf("?")
    const path = q === -1 ? url : url.slice(0, q)
    const rawQuery = q === -1 ? "" : url.slice(q + 1)
    const isAdmin = path === "/__sim" || path.startsWith("/__sim/")

    // body (bounded)
    const body = await this.readBody(req)
    const contentType = req.headers["content-type"]
    if (body === "aborted") {
      res.destroy()
      return
    }
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v
    const query = parseUrlEncoded(rawQuery) ?? {}
    const record: RequestRecord = {
      method, path, query: { ...query }, rawQuery, headers,
      body: body === "too-large" ? new Uint8Array(0) : new Uint8Array(body),
      contentType
    }
    if (!isAdmin) this.recorded.push(record)
    if (body === "too-large") {
      res.setHeader("Connection", "close")
      return this.send(res, { status: 413, json: { ok: false, error: "Request entity too large", error_description: `Request body exceeds ${this.options.maxBodyBytes} bytes` } })
    }

    const segs: Array<string> = []
    for (const s of path.split("/")) {
      if (s.length === 0) continue
      try {
        segs.push(decodeURIComponent(s))
      } catch {
        return this.send(res, { status: 400, json: { ok: false, error: "Failed to decode param '" + s.slice(0, 100) + "'" } })
      }
    }
    const ctx: Ctx = {
      engine: this, store: this.store, req, res, method, path, segs, query, rawQuery, contentType,
      rawBody: body, bodyKind: "none", bodyError: undefined, body: {}, json: undefined, parts: undefined, p: {},
      user: undefined, token: undefined
    }
    this.parseBody(ctx)
    if (ctx.bodyKind === "json") record.json = ctx.json
    if (ctx.bodyKind === "form") record.form = ctx.body as Params
    if (ctx.parts) record.multipart = ctx.parts

    if (isAdmin) return this.dispatch(ctx, this.adminRouter, false)

    // rate limits
    const limited = this.checkRateLimits(ctx)
    if (limited) return this.send(res, limited)

    // faults
    for (const fs of this.faults) {
      const f = fs.fault
      if (f.kind === "latency" && routeMatches(f.route, f.method, method, path)) await delay(f.ms)
    }
    for (const fs of this.faults) {
      const f = fs.fault
      if (fs.remaining <= 0) continue
      if (f.kind === "rateLimit" && routeMatches(f.route, f.method, method, path)) {
        fs.remaining--
        const h: Record<string, string> = {}
        if (f.retryAfterSeconds !== undefined) h["Retry-After"] = String(f.retryAfterSeconds)
        return this.send(res, { status: 429, json: { error: "rate_limit_exceeded", error_description: "Too many requests" }, headers: h })
      }
      if (f.kind === "status" && routeMatches(f.route, f.method, method, path)) {
        if (f.probability !== undefined && Math.random() >= f.probability) continue
        fs.remaining--
        const r: Reply = { status: f.status, headers: { ...f.headers } }
        if (f.rawBody !== undefined) {
          r.raw = f.rawBody
          r.contentType = f.contentType ?? "text/html; charset=utf-8"
        } else if (f.body !== undefined) {
          r.json = f.body
          if (f.contentType !== undefined) r.contentType = f.contentType
        } else if (f.status !== 204 && f.status !== 304) r.json = { error: http.STATUS_CODES[f.status] ?? "Error" }
        return this.send(res, r)
      }
    }
    let malformed: FaultState | undefined
    for (const fs of this.faults) {
      if (fs.fault.kind === "malformedJson" && fs.remaining > 0 && routeMatches(fs.fault.route, fs.fault.method, method, path)) {
        malformed = fs
        break
      }
    }
    if (malformed) {
      malformed.remaining--
      return this.dispatch(ctx, this.router, true, true)
    }
    return this.dispatch(ctx, this.router, true)
  }

  private async dispatch(ctx: Ctx, router: Router, authDefault: boolean, truncate = false): Promise<void> {
    const m = router.match(ctx.method, ctx.segs)
    if (m === undefined || m === "method") return this.send(ctx.res, notFoundRoute())
    ctx.p = m.params
    if (!m.route.rawBody) {
      if (ctx.bodyError !== undefined) return this.send(ctx.res, { status: 400, json: { error: "invalid_request", error_description: ctx.bodyError } })
      if (ctx.bodyKind === "other") {
        return this.send(ctx.res, { status: 400, json: { error: "invalid_request", error_description: `Unsupported Content-Type: ${ctx.contentType ?? "(none)"}. Use application/json, application/x-www-form-urlencoded or multipart/form-data.` } })
      }
    }
    if (authDefault && m.route.auth) {
      const denied = this.authenticate(ctx)
      if (denied) return this.send(ctx.res, denied)
    }
    let result: HandlerResult
    try {
      result = await m.route.handler(ctx)
    } catch (e) {
      result = { status: 500, json: { error: "Internal Server Error", error_description: e instanceof Error ? e.message : String(e) } }
    }
    if (result === HANDLED) return
    if (truncate && result.json !== undefined) {
      const text = JSON.stringify(result.json)
      result = { status: result.status, raw: text.slice(0, Math.max(1, Math.floor(text.length / 2))), contentType: "application/json; charset=utf-8" }
    }
    if (ctx.method === "HEAD") result = { ...result, raw: "", json: undefined } as Reply
    return this.send(ctx.res, result)
  }

  send(res: http.ServerResponse, r: Reply): void {
    if (res.headersSent || res.destroyed) return
    let payload: Buffer | undefined
    const headers: Record<string, string> = { ...r.headers }
    if (r.raw !== undefined) {
      payload = typeof r.raw === "string" ? Buffer.from(r.raw) : Buffer.from(r.raw.buffer, r.raw.byteOffset, r.raw.byteLength)
      headers["Content-Type"] = r.contentType ?? "application/octet-stream"
    } else if (r.json !== undefined && r.status !== 204) {
      payload = Buffer.from(JSON.stringify(r.json))
      headers["Content-Type"] = r.contentType ?? "application/json; charset=utf-8"
    }
    if (payload !== undefined && r.status !== 204) headers["Content-Length"] = String(payload.length)
    res.writeHead(r.status, headers)
    res.end(r.status === 204 || res.req.method === "HEAD" ? undefined : payload)
  }

  private readBody(req: http.IncomingMessage): Promise<Buffer | "too-large" | "aborted"> {
    const limit = this.options.maxBodyBytes
    const declared = Number(req.headers["content-length"] ?? "0")
    if (Number.isFinite(declared) && declared > limit) {
      req.resume()
      return Promise.resolve("too-large")
    }
    return new Promise((resolve) => {
      const chunks: Array<Buffer> = []
      let size = 0
      let done = false
      req.on("data", (c: Buffer) => {
        if (done) return
        size += c.length
        if (size > limit) {
          done = true
          resolve("too-large")
          return
        }
        chunks.push(c)
      })
      req.on("end", () => {
        if (!done) {
          done = true
          resolve(Buffer.concat(chunks))
        }
      })
      req.on("error", () => {
        if (!done) {
          done = true
          resolve("aborted")
        }
      })
      req.on("aborted", () => {
        if (!done) {
          done = true
          resolve("aborted")
        }
      })
    })
  }

  private parseBody(ctx: Ctx): void {
    const raw = ctx.rawBody
    const ct = (ctx.contentType ?? "").toLowerCase()
    const mime = ct.split(";")[0]!.trim()
    if (raw.length === 0) {
      if (mime === "multipart/form-data") {
        ctx.bodyKind = "multipart"
        ctx.parts = []
      }
      return
    }
    if (mime === "application/json" || mime.endsWith("+json")) {
      ctx.bodyKind = "json"
      try {
        ctx.json = JSON.parse(raw.toString("utf8"))
        if (ctx.json !== null && typeof ctx.json === "object" && !Array.isArray(ctx.json)) ctx.body = ctx.json as Record<string, unknown>
      } catch (e) {
        ctx.bodyError = `Malformed JSON body: ${e instanceof Error ? e.message : "parse error"}`
      }
      return
    }
    if (mime === "application/x-www-form-urlencoded") {
      ctx.bodyKind = "form"
      const f = parseUrlEncoded(raw.toString("utf8"))
      if (f === undefined) ctx.bodyError = "Malformed form body: invalid percent-encoding"
      else ctx.body = f
      return
    }
    if (mime === "multipart/form-data") {
      ctx.bodyKind = "multipart"
      const b = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(ctx.contentType ?? "")
      const boundary = b ? (b[1] ?? b[2]!).trim() : undefined
      const parts = boundary ? parseMultipart(raw, boundary) : undefined
      if (!parts) {
        ctx.bodyError = "Malformed multipart body"
        return
      }
      ctx.parts = parts
      const fields: Params = {}
      for (const part of parts) {
        if (part.filename !== undefined) continue
        const v = Buffer.from(part.data).toString("utf8")
        const key = part.name.replace(/\[\d*\]$/, "")
        const prev = fields[key]
        if (prev === undefined) fields[key] = part.name.endsWith("]") ? [v] : v
        else if (Array.isArray(prev)) prev.push(v)
        else fields[key] = [prev, v]
      }
      ctx.body = fields
      return
    }
    ctx.bodyKind = "other"
  }

  // ---------------------------------------------------------------- auth
  /** Bearer validation as Particle's oauth2 fork does it. Returns an error reply or undefined. */
  authenticate(ctx: Ctx): Reply | undefined {
    const header = ctx.req.headers.authorization
    const queryToken = ctx.query["access_token"]
    const bodyToken = ctx.bodyKind === "form" || ctx.bodyKind === "json" ? ctx.body["access_token"] : undefined
    const count = (header !== undefined ? 1 : 0) + (queryToken !== undefined ? 1 : 0) + (bodyToken !== undefined ? 1 : 0)
    if (count > 1) return oauthError("invalid_request", "Only one method may be used to authenticate at a time (Auth header,  GET or POST).")
    if (count === 0) return oauthError("invalid_request", "The access token was not found")
    let token: string
    if (header !== undefined) {
      const m = /^Bearer\s(\S+)/.exec(header)
      if (!m) return oauthError("invalid_request", "Malformed auth header")
      token = m[1]!
    } else if (queryToken !== undefined) {
      token = first(queryToken) ?? ""
    } else {
      if (ctx.method === "GET") return oauthError("invalid_request", "Method cannot be GET When putting the token in the body.")
      if (ctx.bodyKind !== "form") return oauthError("invalid_request", "When putting the token in the body, content type must be application/x-www-form-urlencoded.")
      token = first(bodyToken) ?? ""
    }
    const rec = this.store.tokens.get(token)
    const user = rec ? this.store.users.get(rec.username) : undefined
    if (!rec || !user) return oauthError("invalid_token", "The access token provided is invalid.")
    if (rec.expiresAt !== null && rec.expiresAt <= Date.now()) return oauthError("invalid_token", "The access token provided has expired.")
    ctx.user = user
    ctx.token = rec
    return undefined
  }

  // ---------------------------------------------------------------- rate limits
  private checkRateLimits(ctx: Ctx): Reply | undefined {
    const rl = this.options.rateLimits
    if (rl === false) return undefined
    const now = Date.now()
    if (now - this.rl.windowStart >= rl.windowMs) this.rl = { windowStart: now, requests: 0, streamOpens: 0 }
    const retry = String(Math.max(1, Math.ceil((this.rl.windowStart + rl.windowMs - now) / 1000)))
    const reply: Reply = { status: 429, json: { error: "rate_limit_exceeded", error_description: "Too many requests" }, headers: { "Retry-After": retry, ...NO_STORE } }
    this.rl.requests++
    if (this.rl.requests > rl.requests) return reply
    if (ctx.method === "GET" && isStreamPath(ctx.segs)) {
      this.rl.streamOpens++
      if (this.rl.streamOpens > rl.streamOpens) return reply
    }
    return undefined
  }

  // ---------------------------------------------------------------- SSE
  openSse(ctx: Ctx, scope: SseScope, prefix: string | undefined): typeof HANDLED {
    const res = ctx.res
    const socket = ctx.req.socket
    socket.setNoDelay(true)
    socket.setTimeout(0)
    const conn: SseConn = { res, scope, prefix, written: 0, dropAfter: undefined, timer: undefined, closed: false }
    let preload: Array<{ name: string; data: string }> | undefined
    for (const fs of this.faults) {
      if (fs.remaining <= 0) continue
      if (fs.fault.kind === "sseDrop" && conn.dropAfter === undefined) {
        fs.remaining--
        conn.dropAfter = fs.fault.afterEvents
      } else if (fs.fault.kind === "ssePreload" && preload === undefined) {
        fs.remaining--
        preload = fs.fault.events
      }
    }
    res.writeHead(200, {
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-cache",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no"
    })
    this.sse.add(conn)
    const onClose = () => this.closeSse(conn, false)
    res.on("close", onClose)
    res.on("error", onClose)
    let first = ":ok\n\n"
    if (preload) {
      for (const e of preload) first += `event: ${e.name}\ndata: ${e.data}\n\n`
      conn.written += preload.length
    }
    socket.cork()
    res.write(first)
    process.nextTick(() => socket.uncork())
    conn.timer = setInterval(() => {
      if (!conn.closed && !this.sseSilent) res.write("\n")
    }, this.options.keepAliveIntervalMs)
    conn.timer.unref()
    if (conn.dropAfter !== undefined && conn.written >= conn.dropAfter) this.closeSse(conn, true)
    return HANDLED
  }

  private closeSse(conn: SseConn, end: boolean): void {
    if (conn.closed) return
    conn.closed = true
    if (conn.timer) clearInterval(conn.timer)
    this.sse.delete(conn)
    if (end) {
      try {
        conn.res.end()
      } catch {
        conn.res.destroy()
      }
    }
  }

  private matches(conn: SseConn, ev: SimEvent): boolean {
    if (conn.prefix !== undefined && !ev.name.startsWith(conn.prefix)) return false
    const s = conn.scope
    switch (s.kind) {
      case "user":
        return (ev.device !== undefined && ev.device.owner === s.username) || (ev.device === undefined && ev.productId === undefined && ev.apiUser === s.username)
      case "device":
        return ev.device !== undefined && ev.device.id === s.deviceId
      case "product":
        return ev.productId === s.productId && (s.deviceId === undefined || ev.device?.id === s.deviceId)
      case "org": {
        if (ev.productId === undefined) return false
        const p = this.store.products.get(ev.productId)
        if (!p || p.orgId !== s.orgId) return false
        if (s.productId !== undefined && s.productId !== ev.productId) return false
        return s.deviceId === undefined || ev.device?.id === s.deviceId
      }
    }
  }

  private frame(conn: SseConn, ev: SimEvent): string {
    const payload: Record<string, unknown> = { data: ev.data, ttl: ev.ttl, published_at: ev.published_at, coreid: ev.coreid }
    if ((conn.scope.kind === "product" || conn.scope.kind === "org") && ev.productId !== undefined) {
      if (ev.device?.owner !== undefined) {
        const u = this.store.users.get(ev.device.owner)
        if (u) payload["userid"] = u.id
      }
      payload["productID"] = ev.productId
      if (ev.device?.firmwareVersion !== undefined && ev.device.firmwareVersion !== null) payload["version"] = ev.device.firmwareVersion
    }
    return `event: ${ev.name}\ndata: ${JSON.stringify(payload)}\n\n`
  }

  /** Writes to every matching stream. Returns the write results per connection (false = buffer full). */
  private deliver(ev: SimEvent): Array<{ conn: SseConn; flushed: boolean }> {
    const out: Array<{ conn: SseConn; flushed: boolean }> = []
    if (this.sseSilent) return out
    for (const conn of this.sse) {
      if (conn.closed || !this.matches(conn, ev)) continue
      const flushed = conn.res.write(this.frame(conn, ev))
      conn.written++
      out.push({ conn, flushed })
      if (conn.dropAfter !== undefined && conn.written >= conn.dropAfter) this.closeSse(conn, true)
    }
    return out
  }

  makeEvent(o: { name: string; data?: string | null | undefined; ttl?: number | undefined; device?: DeviceRecord | undefined; productId?: number | undefined; apiUser?: UserRecord | undefined; coreid?: string }): SimEvent {
    return {
      name: o.name,
      data: o.data === undefined ? null : o.data,
      ttl: o.ttl ?? 60,
      published_at: nowIso(),
      coreid: o.coreid ?? o.device?.id ?? o.apiUser?.id ?? "particle-internal",
      device: o.device,
      productId: o.productId ?? o.device?.productId,
      apiUser: o.apiUser?.username
    }
  }

  publishEvent(ev: SimEvent): void {
    if (ev.device) ev.device.lastHeard = ev.published_at
    this.deliver(ev)
  }

  async publishMany(make: () => SimEvent, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const results = this.deliver(make())
      const waits: Array<Promise<void>> = []
      for (const r of results) {
        if (!r.flushed && !r.conn.closed) {
          waits.push(new Promise<void>((resolve) => {
            const done = () => {
              r.conn.res.off("drain", done)
              r.conn.res.off("close", done)
              resolve()
            }
            r.conn.res.on("drain", done)
            r.conn.res.on("close", done)
          }))
        }
      }
      if (waits.length > 0) await Promise.all(waits)
      else if (i % 1000 === 999) await new Promise<void>((r) => setImmediate(r))
    }
  }
}

export const isStreamPath = (segs: Array<string>): boolean => {
  if (segs[0] !== "v1") return false
  const i = segs.indexOf("events")
  return i !== -1 && (segs[1] === "events" || segs[1] === "devices" || segs[1] === "products" || segs[1] === "orgs")
}
