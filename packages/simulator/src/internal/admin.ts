/** The `/__sim/` control API. It mirrors the SimulatorHandle; JSON in, JSON out; no authentication. */
import type { SimulatorHandle } from "../Simulator.js"
import { first } from "./coerce.js"
import { publicRoute, RouteTable, type Ctx, type Handler } from "./context.js"
import type { Fault } from "./faults.js"
import type { RequestRecord } from "./recorder.js"
import { ok, type Reply } from "./reply.js"
import type { VariableValue } from "./store/types.js"

const bad = (message: string): Reply => ({ status: 400, json: { error: "bad_request", error_description: message } })
const isScalar = (v: unknown): v is VariableValue => typeof v === "number" || typeof v === "string" || typeof v === "boolean"

const serializeRecord = (r: RequestRecord) => {
  const body = Buffer.from(r.body)
  const out: Record<string, unknown> = {
    method: r.method, path: r.path, query: r.query, rawQuery: r.rawQuery, headers: r.headers, contentType: r.contentType ?? null,
    body: body.toString("utf8"), bodyBase64: body.toString("base64")
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

const publishEvents = async (handle: SimulatorHandle, ctx: Ctx): Promise<Reply> => {
  const b = ctx.body
  const name = first(b["name"])
  if (!name) return bad("name is required")
  const data = b["data"] === null ? null : typeof b["data"] === "string" ? b["data"] : undefined
  try {
    if (typeof b["count"] === "number") {
      const many: Parameters<SimulatorHandle["publishMany"]>[0] = { deviceId: ctx.p["id"]!, name, count: b["count"] }
      if (typeof data === "string") many.data = data
      await handle.publishMany(many)
    } else {
      const one: Parameters<SimulatorHandle["publish"]>[0] = { deviceId: ctx.p["id"]!, name, data: data ?? null }
      if (typeof b["ttl"] === "number") one.ttl = b["ttl"]
      if (typeof b["productId"] === "number") one.productId = b["productId"]
      handle.publish(one)
    }
  } catch (e) {
    return { status: 404, json: { error: "not_found", error_description: e instanceof Error ? e.message : String(e) } }
  }
  return ok({ ok: true })
}

const FAULT_KINDS = ["latency", "status", "rateLimit", "malformedJson", "sseDrop", "sseSilent", "ssePreload"]

export const adminRoutes = (handle: () => SimulatorHandle): RouteTable => {
  const r = new RouteTable()
  const admin = (method: string, path: string, h: Handler) => r.add(method, path, publicRoute(h))
  admin("POST", "/__sim/reset", () => {
    handle().reset()
    return ok({ ok: true })
  })
  admin("GET", "/__sim/seed", () => ok(handle().seed))
  admin("GET", "/__sim/requests", () => ok(handle().requests().map(serializeRecord)))
  admin("DELETE", "/__sim/requests", () => {
    handle().clearRequests()
    return ok({ ok: true })
  })
  admin("POST", "/__sim/users", guard((ctx) => {
    const b = ctx.body
    const username = first(b["username"])
    const password = first(b["password"])
    if (!username || !password) return bad("username and password are required")
    return ok(handle().createUser({ username, password, mfa: b["mfa"] === true || b["mfa"] === "true" }), 201)
  }))
  admin("POST", "/__sim/tokens", guard((ctx) => {
    const b = ctx.body
    const username = first(b["username"])
    if (!username) return bad("username is required")
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
    handle().setVariable(ctx.p["id"]!, ctx.p["name"]!, v)
    return ok({ ok: true })
  }))
  admin("PUT", "/__sim/devices/:id/functions/:name", guard((ctx) => {
    const b = ctx.body
    const v = b["returnValue"] ?? b["result"] ?? b["return_value"]
    if (typeof v !== "number") return bad("returnValue must be a number")
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
  admin("POST", "/__sim/devices/:id/events", (ctx) => publishEvents(handle(), ctx))
  admin("POST", "/__sim/faults", guard((ctx) => {
    const f = ctx.json as Fault | undefined
    if (!f || typeof f !== "object" || !FAULT_KINDS.includes((f as { kind?: string }).kind ?? "")) return bad(`kind must be one of ${FAULT_KINDS.join(", ")}`)
    handle().setFault(f)
    return ok({ ok: true })
  }))
  admin("DELETE", "/__sim/faults", () => {
    handle().clearFaults()
    return ok({ ok: true })
  })
  admin("GET", "/__sim/sse", () => ok({ connections: handle().sseConnections() }))
  admin("GET", "/__sim/library-archives/:name/:file", (ctx) => {
    const lib = ctx.store.libraries.get(ctx.p["name"]!)
    const version = ctx.p["file"]!.replace(/\.tar\.gz$/, "")
    const v = lib?.versions.find((x) => x.version === version)
    if (!v) return { status: 404, json: { error: "not_found" } }
    return { status: 200, raw: v.archive, contentType: "application/gzip" }
  })
  return r
}
