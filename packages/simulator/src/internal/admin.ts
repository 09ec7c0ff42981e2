/** The `/__sim/` control API. It mirrors the SimulatorHandle; JSON in, JSON out; no authentication. */
import type { SimulatorHandle } from "../Simulator.js"
import { first } from "./coerce.js"
import { publicRoute, RouteTable, type Ctx, type Handler } from "./context.js"
import type { Engine } from "./engine.js"
import type { Fault } from "./faults.js"
import * as L from "./limits.js"
import type { RequestRecord } from "./recorder.js"
import { ok, type Reply } from "./reply.js"
import type { VariableValue } from "./store/types.js"

const bad = (message: string): Reply => ({ status: 400, json: { error: "bad_request", error_description: message } })

/** What the admin routes drive: the public handle, and the engine for what the handle does not offer. */
export interface AdminTarget { readonly handle: SimulatorHandle; readonly engine: Engine }

// ---- bounds (every count and size an admin request can ask for)
const isInt = (v: unknown, min: number, max: number): boolean => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max
const inRange = (v: unknown, min: number, max: number): boolean => typeof v === "number" && Number.isFinite(v) && v >= min && v <= max
const longer = (v: unknown, max: number): boolean => typeof v === "string" && v.length > max
/** The first violated bound, as a message naming the field. */
const firstViolation = (checks: ReadonlyArray<[boolean, string]>): string | undefined => checks.find(([violated]) => violated)?.[1]

const faultViolation = (f: Record<string, unknown>): string | undefined => {
  const has = (k: string) => f[k] !== undefined
  const events = f["events"]
  const headers = f["headers"]
  return firstViolation([
    [has("ms") && !inRange(f["ms"], 0, L.MAX_LATENCY_MS), `ms must be between 0 and ${L.MAX_LATENCY_MS}`],
    [has("times") && !isInt(f["times"], 0, L.MAX_FAULT_TIMES), `times must be an integer between 0 and ${L.MAX_FAULT_TIMES}`],
    [has("retryAfterSeconds") && !isInt(f["retryAfterSeconds"], 0, L.MAX_RETRY_AFTER_S), `retryAfterSeconds must be an integer between 0 and ${L.MAX_RETRY_AFTER_S}`],
    [has("afterEvents") && !isInt(f["afterEvents"], 0, L.MAX_FAULT_TIMES), `afterEvents must be an integer between 0 and ${L.MAX_FAULT_TIMES}`],
    [has("connections") && !isInt(f["connections"], 1, L.MAX_FAULT_TIMES), `connections must be an integer between 1 and ${L.MAX_FAULT_TIMES}`],
    [has("probability") && !inRange(f["probability"], 0, 1), "probability must be between 0 and 1"],
    [Array.isArray(events) && events.length > L.MAX_PRELOAD_EVENTS, `events must hold at most ${L.MAX_PRELOAD_EVENTS} events`],
    [typeof headers === "object" && headers !== null && Object.keys(headers).length > L.MAX_FAULT_HEADERS, `headers must hold at most ${L.MAX_FAULT_HEADERS} entries`]
  ])
}

const deviceViolation = (b: Record<string, unknown>): string | undefined => {
  const size = (v: unknown) => (typeof v === "object" && v !== null ? Object.keys(v).length : 0)
  const values = typeof b["variables"] === "object" && b["variables"] !== null ? Object.entries(b["variables"] as object) : []
  return firstViolation([
    [longer(b["name"], L.MAX_NAME), `name must be at most ${L.MAX_NAME} characters`],
    [size(b["variables"]) > L.MAX_VARIABLES, `variables must hold at most ${L.MAX_VARIABLES} entries`],
    [size(b["functions"]) > L.MAX_FUNCTIONS, `functions must hold at most ${L.MAX_FUNCTIONS} entries`],
    [Array.isArray(b["groups"]) && b["groups"].length > L.MAX_GROUPS, `groups must hold at most ${L.MAX_GROUPS} entries`],
    [values.some(([k, v]) => k.length > L.MAX_KEY || longer(v, L.MAX_VALUE)), `variables: names at most ${L.MAX_KEY} characters, values at most ${L.MAX_VALUE}`]
  ])
}
const isScalar = (v: unknown): v is VariableValue => typeof v === "number" || typeof v === "string" || typeof v === "boolean"

const serializeRecord = (r: RequestRecord) => {
  const body = Buffer.from(r.body)
  const out: Record<string, unknown> = {
    seq: r.seq, method: r.method, path: r.path, query: r.query, rawQuery: r.rawQuery, headers: r.headers, contentType: r.contentType ?? null,
    body: body.toString("utf8"), bodyBase64: body.toString("base64"), bodySize: r.bodySize, truncated: r.truncated
  }
  if (r.json !== undefined) out["json"] = r.json
  if (r.form !== undefined) out["form"] = r.form
  if (r.multipart !== undefined) {
    out["multipart"] = r.multipart.map((p) => ({ name: p.name, filename: p.filename ?? null, contentType: p.contentType ?? null, dataBase64: Buffer.from(p.data).toString("base64"), size: p.data.length }))
  }
  return out
}

/** Handle errors become 404 (unknown device / user) or 400. */
const guard = (f: (ctx: Ctx) => Reply | Promise<Reply>): Handler => async (ctx) => {
  try {
    return await f(ctx)
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    const notFound = /not found|unknown/i.test(msg)
    return { status: notFound ? 404 : 400, json: { error: notFound ? "not_found" : "bad_request", error_description: msg } }
  }
}

const createDevice = (handle: SimulatorHandle, b: Record<string, unknown>): Reply => {
  const name = first(b["name"])
  if (!name) return bad("name is required")
  const violation = deviceViolation(b)
  if (violation !== undefined) return bad(violation)
  const input: Parameters<SimulatorHandle["createDevice"]>[0] = { name }
  if (typeof b["owner"] === "string") input.owner = b["owner"]
  if (typeof b["id"] === "string") {
    if (!/^[0-9a-f]{24}$/i.test(b["id"])) return bad("id must be 24 hex characters")
    input.id = b["id"]
  }
  if (typeof b["platformId"] === "number") input.platformId = b["platformId"]
  if (typeof b["online"] === "boolean") input.online = b["online"]
  if (typeof b["productId"] === "number") input.productId = b["productId"]
  if (Array.isArray(b["groups"])) input.groups = b["groups"].map(String)
  if (typeof b["unresponsive"] === "boolean") input.unresponsive = b["unresponsive"]
  if (b["variables"] && typeof b["variables"] === "object") {
    const vars: Record<string, VariableValue> = {}
    for (const [k, v] of Object.entries(b["variables"] as object)) if (isScalar(v)) vars[k] = v
    input.variables = vars
  }
  if (b["functions"] && typeof b["functions"] === "object") {
    const fns: Record<string, number> = {}
    for (const [k, v] of Object.entries(b["functions"] as object)) if (typeof v === "number") fns[k] = v
    input.functions = fns
  }
  const d = handle.createDevice(input)
  return ok({ id: d.id, name: d.name, owner: d.owner ?? null, platformId: d.platformId, productId: d.productId ?? null, online: d.online, serialNumber: d.serialNumber }, 201)
}

const publishEvents = async (t: AdminTarget, ctx: Ctx): Promise<Reply> => {
  const b = ctx.body
  const name = first(b["name"])
  if (!name) return bad("name is required")
  const violation = firstViolation([
    [name.length > L.MAX_EVENT_NAME, `name must be at most ${L.MAX_EVENT_NAME} characters`],
    [longer(b["data"], L.MAX_EVENT_DATA), `data must be at most ${L.MAX_EVENT_DATA} characters`],
    [b["ttl"] !== undefined && !isInt(b["ttl"], 0, L.MAX_TTL), `ttl must be an integer between 0 and ${L.MAX_TTL}`],
    [b["count"] !== undefined && !isInt(b["count"], 1, L.MAX_BULK_EVENTS), `count must be an integer between 1 and ${L.MAX_BULK_EVENTS}`]
  ])
  if (violation !== undefined) return bad(violation)
  const data = b["data"] === null ? null : typeof b["data"] === "string" ? b["data"] : undefined
  const deviceId = ctx.p["id"]!
  const device = t.engine.store.devices.get(deviceId)
  if (!device) return { status: 404, json: { error: "not_found", error_description: `Unknown device ${deviceId}` } }
  if (typeof b["count"] === "number") {
    // the bulk publish stops when the caller goes away (and on reset)
    const ctl = new AbortController()
    ctx.res.on("close", () => {
      if (!ctx.res.writableFinished) ctl.abort()
    })
    await t.engine.publishMany(() => ({ name, data: typeof data === "string" ? data : undefined, device }), b["count"], ctl.signal)
  } else {
    const one: Parameters<SimulatorHandle["publish"]>[0] = { deviceId, name, data: data ?? null }
    if (typeof b["ttl"] === "number") one.ttl = b["ttl"]
    if (typeof b["productId"] === "number") one.productId = b["productId"]
    t.handle.publish(one)
  }
  return ok({ ok: true })
}

const DEFAULT_RECORDS_PAGE = 100
const MAX_RECORDS_PAGE = 1000

/** `GET /__sim/requests[?page=&perPage=|?since=&perPage=]`: a page of records, oldest first. */
const listRequests = (engine: Engine, ctx: Ctx): Reply => {
  const q = ctx.query
  const num = (v: unknown) => (v === undefined ? undefined : Number(first(v)))
  const page = num(q["page"]) ?? 1
  const perPage = num(q["perPage"] ?? q["per_page"]) ?? DEFAULT_RECORDS_PAGE
  const since = num(q["since"])
  const violation = firstViolation([
    [!isInt(page, 1, Number.MAX_SAFE_INTEGER), "page must be a positive integer"],
    [!isInt(perPage, 1, MAX_RECORDS_PAGE), `perPage must be an integer between 1 and ${MAX_RECORDS_PAGE}`],
    [since !== undefined && !isInt(since, 0, Number.MAX_SAFE_INTEGER), "since must be a non-negative integer"]
  ])
  if (violation !== undefined) return bad(violation)
  const rec = engine.recorder
  const records = since !== undefined ? rec.since(since, perPage) : rec.page(page, perPage)
  return {
    status: 200,
    json: records.map(serializeRecord),
    headers: { "X-Total-Count": String(rec.size), "X-Last-Seq": String(rec.lastSeq), "X-Dropped-Count": String(rec.droppedCount) }
  }
}

const FAULT_KINDS = ["latency", "status", "rateLimit", "malformedJson", "sseDrop", "sseSilent", "ssePreload"]

export const adminRoutes = (target: () => AdminTarget): RouteTable => {
  const r = new RouteTable()
  const handle = () => target().handle
  const admin = (method: string, path: string, h: Handler) => r.add(method, path, publicRoute(h))
  admin("POST", "/__sim/reset", () => {
    handle().reset()
    return ok({ ok: true })
  })
  admin("GET", "/__sim/seed", () => ok(handle().seed))
  admin("GET", "/__sim/requests", (ctx) => listRequests(target().engine, ctx))
  admin("DELETE", "/__sim/requests", () => {
    handle().clearRequests()
    return ok({ ok: true })
  })
  admin("POST", "/__sim/users", guard((ctx) => {
    const b = ctx.body
    const username = first(b["username"])
    const password = first(b["password"])
    if (!username || !password) return bad("username and password are required")
    if (username.length > L.MAX_CREDENTIAL || password.length > L.MAX_CREDENTIAL) return bad(`username and password must be at most ${L.MAX_CREDENTIAL} characters`)
    return ok(handle().createUser({ username, password, mfa: b["mfa"] === true || b["mfa"] === "true" }), 201)
  }))
  admin("POST", "/__sim/tokens", guard((ctx) => {
    const b = ctx.body
    const username = first(b["username"])
    if (!username) return bad("username is required")
    const v = firstViolation([
      [b["expiresInSeconds"] !== undefined && !inRange(b["expiresInSeconds"], -L.MAX_TOKEN_LIFETIME_S, L.MAX_TOKEN_LIFETIME_S), `expiresInSeconds must be within ±${L.MAX_TOKEN_LIFETIME_S}`],
      [Array.isArray(b["scopes"]) && (b["scopes"].length > L.MAX_SCOPES || b["scopes"].some((x) => longer(x, L.MAX_NAME))), `scopes must hold at most ${L.MAX_SCOPES} scopes of at most ${L.MAX_NAME} characters`]
    ])
    if (v !== undefined) return bad(v)
    const opts: { username: string; expiresInSeconds?: number; scopes?: Array<string> } = { username }
    if (typeof b["expiresInSeconds"] === "number") opts.expiresInSeconds = b["expiresInSeconds"]
    if (Array.isArray(b["scopes"])) opts.scopes = b["scopes"].map(String)
    const token = handle().createToken(opts)
    return ok({ accessToken: token, access_token: token }, 201)
  }))
  admin("DELETE", "/__sim/tokens/:token", (ctx) => {
    handle().revokeToken(ctx.p["token"]!)
    return ok({ ok: true })
  })
  admin("POST", "/__sim/devices", guard((ctx) => createDevice(handle(), ctx.body)))
  admin("PUT", "/__sim/devices/:id/variables/:name", guard((ctx) => {
    const v = ctx.body["value"]
    if (!isScalar(v)) return bad("value must be a number, string or boolean")
    if (longer(v, L.MAX_VALUE) || ctx.p["name"]!.length > L.MAX_KEY) return bad(`value must be at most ${L.MAX_VALUE} characters, name at most ${L.MAX_KEY}`)
    handle().setVariable(ctx.p["id"]!, ctx.p["name"]!, v)
    return ok({ ok: true })
  }))
  admin("PUT", "/__sim/devices/:id/functions/:name", guard((ctx) => {
    const b = ctx.body
    const v = b["returnValue"] ?? b["result"] ?? b["return_value"]
    if (typeof v !== "number" || !inRange(v, -(2 ** 31), 2 ** 31 - 1)) return bad("returnValue must be a number in the 32-bit range")
    handle().setFunction(ctx.p["id"]!, ctx.p["name"]!, v)
    return ok({ ok: true })
  }))
  admin("PUT", "/__sim/devices/:id/online", guard((ctx) => {
    const v = ctx.body["online"]
    if (typeof v !== "boolean") return bad("online must be a boolean")
    handle().setOnline(ctx.p["id"]!, v)
    return ok({ ok: true })
  }))
  admin("PUT", "/__sim/devices/:id/unresponsive", guard((ctx) => {
    const v = ctx.body["unresponsive"]
    if (typeof v !== "boolean") return bad("unresponsive must be a boolean")
    handle().setUnresponsive(ctx.p["id"]!, v)
    return ok({ ok: true })
  }))
  admin("POST", "/__sim/devices/:id/events", (ctx) => publishEvents(target(), ctx))
  admin("POST", "/__sim/faults", guard((ctx) => {
    const f = ctx.json as Fault | undefined
    if (!f || typeof f !== "object" || !FAULT_KINDS.includes((f as { kind?: string }).kind ?? "")) return bad(`kind must be one of ${FAULT_KINDS.join(", ")}`)
    const violation = faultViolation(f as unknown as Record<string, unknown>)
    if (violation !== undefined) return bad(violation)
    handle().setFault(f)
    return ok({ ok: true })
  }))
  admin("DELETE", "/__sim/faults", () => {
    handle().clearFaults()
    return ok({ ok: true })
  })
  admin("GET", "/__sim/sse", () => ok({ connections: handle().sseConnections(), publishing: target().engine.publishing }))
  admin("GET", "/__sim/library-archives/:name/:file", (ctx) => {
    const lib = ctx.store.libraries.get(ctx.p["name"]!)
    const version = ctx.p["file"]!.replace(/\.tar\.gz$/, "")
    const v = lib?.versions.find((x) => x.version === version)
    if (!v) return { status: 404, json: { error: "not_found" } }
    return { status: 200, raw: v.archive, contentType: "application/gzip" }
  })
  return r
}
