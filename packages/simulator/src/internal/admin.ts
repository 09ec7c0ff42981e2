import { Router, ok, type Ctx, type Reply } from "./http.js"
import type { Fault, RequestRecord } from "./engine.js"
import type { SimulatorHandle } from "../Simulator.js"
import type { VariableValue } from "./store.js"
import { first } from "./util.js"

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

const guard = (f: () => Reply): Reply => {
  try {
    return f()
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    return { status: /not found|unknown/i.test(msg) ? 404 : 400, json: { error: /not found|unknown/i.test(msg) ? "not_found" : "bad_request", error_description: msg } }
  }
}

/** The `/__sim/` control API. It mirrors the SimulatorHandle; JSON in, JSON out; no authentication. */
export const adminRouter = (handle: () => SimulatorHandle): Router => {
  const r = new Router()
  const o = { auth: false }
  const body = (ctx: Ctx) => ctx.body
  r.post("/__sim/reset", () => {
    handle().reset()
    return ok({ ok: true })
  }, o)
  r.get("/__sim/seed", () => ok(handle().seed), o)
  r.get("/__sim/requests", () => ok(handle().requests().map(serializeRecord)), o)
  r.del("/__sim/requests", () => {
    handle().clearRequests()
    return ok({ ok: true })
  }, o)
  r.post("/__sim/users", (ctx) => guard(() => {
    const b = body(ctx)
    const username = first(b["username"])
    const password = first(b["password"])
    if (!username || !password) return bad("username and password are required")
    return ok(handle().createUser({ username, password, mfa: b["mfa"] === true || b["mfa"] === "true" }), 201)
  }), o)
  r.post("/__sim/tokens", (ctx) => guard(() => {
    const b = body(ctx)
    const username = first(b["username"])
    if (!username) return bad("username is required")
    const opts: { username: string; expiresInSeconds?: number; scopes?: Array<string> } = { username }
    if (typeof b["expiresInSeconds"] === "number") opts.expiresInSeconds = b["expiresInSeconds"]
    if (Array.isArray(b["scopes"])) opts.scopes = b["scopes"].map(String)
    const token = handle().createToken(opts)
    return ok({ accessToken: token, access_token: token }, 201)
  }), o)
  r.del("/__sim/tokens/:token", (ctx) => {
    handle().revokeToken(ctx.p["token"]!)
    return ok({ ok: true })
  }, o)
  r.post("/__sim/devices", (ctx) => guard(() => {
    const b = body(ctx)
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
    const d = handle().createDevice(input)
    return ok({ id: d.id, name: d.name, owner: d.owner ?? null, platformId: d.platformId, productId: d.productId ?? null, online: d.online, serialNumber: d.serialNumber }, 201)
  }), o)
  r.put("/__sim/devices/:id/variables/:name", (ctx) => guard(() => {
    const v = body(ctx)["value"]
    if (!isScalar(v)) return bad("value must be a number, string or boolean")
    handle().setVariable(ctx.p["id"]!, ctx.p["name"]!, v)
    return ok({ ok: true })
  }), o)
  r.put("/__sim/devices/:id/functions/:name", (ctx) => guard(() => {
    const b = body(ctx)
    const v = b["returnValue"] ?? b["result"] ?? b["return_value"]
    if (typeof v !== "number") return bad("returnValue must be a number")
    handle().setFunction(ctx.p["id"]!, ctx.p["name"]!, v)
    return ok({ ok: true })
  }), o)
  r.put("/__sim/devices/:id/online", (ctx) => guard(() => {
    const v = body(ctx)["online"]
    if (typeof v !== "boolean") return bad("online must be a boolean")
    handle().setOnline(ctx.p["id"]!, v)
    return ok({ ok: true })
  }), o)
  r.put("/__sim/devices/:id/unresponsive", (ctx) => guard(() => {
    const v = body(ctx)["unresponsive"]
    if (typeof v !== "boolean") return bad("unresponsive must be a boolean")
    handle().setUnresponsive(ctx.p["id"]!, v)
    return ok({ ok: true })
  }), o)
  r.post("/__sim/devices/:id/events", async (ctx) => {
    const b = body(ctx)
    const name = first(b["name"])
    if (!name) return bad("name is required")
    const data = b["data"] === null ? null : typeof b["data"] === "string" ? b["data"] : undefined
    try {
      if (typeof b["count"] === "number") {
        const o2: { deviceId: string; name: string; data?: string; count: number } = { deviceId: ctx.p["id"]!, name, count: b["count"] }
        if (typeof data === "string") o2.data = data
        await handle().publishMany(o2)
      } else {
        const o1: Parameters<SimulatorHandle["publish"]>[0] = { deviceId: ctx.p["id"]!, name, data: data ?? null }
        if (typeof b["ttl"] === "number") o1.ttl = b["ttl"]
        if (typeof b["productId"] === "number") o1.productId = b["productId"]
        handle().publish(o1)
      }
    } catch (e) {
      return { status: 404, json: { error: "not_found", error_description: e instanceof Error ? e.message : String(e) } }
    }
    return ok({ ok: true })
  }, o)
  r.post("/__sim/faults", (ctx) => guard(() => {
    const f = ctx.json as Fault | undefined
    const kinds = ["latency", "status", "rateLimit", "malformedJson", "sseDrop", "sseSilent", "ssePreload"]
    if (!f || typeof f !== "object" || !kinds.includes((f as { kind?: string }).kind ?? "")) return bad(`kind must be one of ${kinds.join(", ")}`)
    handle().setFault(f)
    return ok({ ok: true })
  }), o)
  r.del("/__sim/faults", () => {
    handle().clearFaults()
    return ok({ ok: true })
  }, o)
  r.get("/__sim/sse", () => ok({ connections: handle().sseConnections() }), o)
  r.get("/__sim/library-archives/:name/:file", (ctx) => {
    const lib = ctx.store.libraries.get(ctx.p["name"]!.toLowerCase())
    const version = ctx.p["file"]!.replace(/\.tar\.gz$/, "")
    const v = lib?.versions.find((x) => x.version === version)
    if (!v) return { status: 404, json: { error: "not_found" } }
    return { status: 200, raw: v.archive, contentType: "application/gzip" }
  }, o)
  return r
}
