/** The `/__sim/` control API. It mirrors the SimulatorHandle; JSON in, JSON out; no authentication. */
import { Either, type Schema } from "effect"
import type { SimulatorHandle } from "../Simulator.js"
import * as I from "./admin-input.js"
import { first } from "./coerce.js"
import { type Ctx, type Handler, publicRoute, RouteTable } from "./context.js"
import type { Engine } from "./engine.js"
import type { Fault } from "./faults.js"
import * as L from "./limits.js"
import type { RequestRecord } from "./recorder.js"
import { ok, type Reply } from "./reply.js"
import { ownCopy } from "./store/devices.js"
import type { VariableValue } from "./store/types.js"

/** What the admin routes drive: the public handle, and the engine for what the handle does not offer. */
export interface AdminTarget {
  readonly handle: SimulatorHandle
  readonly engine: Engine
}

const bad = (field: string, message: string): Reply => ({
  status: 400,
  json: { error: "bad_request", error_description: message, field }
})
const notFound = (message: string): Reply => ({ status: 404, json: { error: "not_found", error_description: message } })

/** A handler that runs with the decoded body, or answers 400 naming the field. */
const withBody =
  <A, In>(schema: Schema.Schema<A, In>, f: (ctx: Ctx, input: A) => Reply | Promise<Reply>): Handler => async (ctx) => {
    const d = I.decode(schema, ctx.bodyKind === "json" ? ctx.json : ctx.body)
    if (Either.isLeft(d)) return bad(d.left.field, d.left.message)
    try {
      return await f(ctx, d.right)
    } catch (e) {
      // the handle throws for unknown devices and users
      const msg = e instanceof Error ? e.message : String(e)
      return /not found|unknown/i.test(msg) ? notFound(msg) : bad("body", msg)
    }
  }

const serializeRecord = (r: RequestRecord) => {
  const body = Buffer.from(r.body)
  const out: Record<string, unknown> = {
    seq: r.seq,
    method: r.method,
    path: r.path,
    query: r.query,
    rawQuery: r.rawQuery,
    headers: r.headers,
    contentType: r.contentType ?? null,
    body: body.toString("utf8"),
    bodyBase64: body.toString("base64"),
    bodySize: r.bodySize,
    truncated: r.truncated
  }
  if (r.json !== undefined) out["json"] = r.json
  if (r.form !== undefined) out["form"] = r.form
  if (r.multipart !== undefined) {
    out["multipart"] = r.multipart.map((p) => ({
      name: p.name,
      filename: p.filename ?? null,
      contentType: p.contentType ?? null,
      dataBase64: Buffer.from(p.data).toString("base64"),
      size: p.data.length
    }))
  }
  return out
}

const DEFAULT_RECORDS_PAGE = 100
const MAX_RECORDS_PAGE = 1000

/** `GET /__sim/requests[?page=&perPage=|?since=&perPage=]`: a page of records, oldest first. */
const listRequests = (engine: Engine, ctx: Ctx): Reply => {
  const q = ctx.query
  const num = (v: unknown) => (v === undefined ? undefined : Number(first(v)))
  const isInt = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max
  const page = num(q["page"]) ?? 1
  const perPage = num(q["perPage"] ?? q["per_page"]) ?? DEFAULT_RECORDS_PAGE
  const since = num(q["since"])
  if (!isInt(page, 1, Number.MAX_SAFE_INTEGER)) return bad("page", "page must be a positive integer")
  if (!isInt(perPage, 1, MAX_RECORDS_PAGE)) {
    return bad("perPage", `perPage must be an integer between 1 and ${MAX_RECORDS_PAGE}`)
  }
  if (since !== undefined && !isInt(since, 0, Number.MAX_SAFE_INTEGER)) {
    return bad("since", "since must be a non-negative integer")
  }
  const rec = engine.recorder
  const records = since !== undefined ? rec.since(since, perPage) : rec.page(page, perPage)
  return {
    status: 200,
    json: records.map(serializeRecord),
    headers: {
      "X-Total-Count": String(rec.size),
      "X-Last-Seq": String(rec.lastSeq),
      "X-Dropped-Count": String(rec.droppedCount)
    }
  }
}

const createDevice = (
  t: AdminTarget,
  b: Schema.Schema.Type<typeof I.DeviceInput>,
  raw: Record<string, unknown>
): Reply => {
  const input: Parameters<SimulatorHandle["createDevice"]>[0] = { name: b.name }
  if (b.owner !== undefined) input.owner = b.owner
  if (b.id !== undefined) input.id = b.id
  if (b.platformId !== undefined) input.platformId = b.platformId
  if (b.online !== undefined) input.online = b.online
  if (b.productId !== undefined) input.productId = b.productId
  if (b.groups !== undefined) input.groups = [...b.groups]
  if (b.unresponsive !== undefined) input.unresponsive = b.unresponsive
  // from the raw JSON (validated above): the decoded records are plain objects, which drop a `__proto__` key
  if (b.variables !== undefined) input.variables = ownCopy(raw["variables"] as Record<string, VariableValue>)
  if (b.functions !== undefined) input.functions = ownCopy(raw["functions"] as Record<string, number>)
  const d = t.handle.createDevice(input)
  return ok({
    id: d.id,
    name: d.name,
    owner: d.owner ?? null,
    platformId: d.platformId,
    productId: d.productId ?? null,
    online: d.online,
    serialNumber: d.serialNumber
  }, 201)
}

const publishEvents = async (t: AdminTarget, ctx: Ctx, b: Schema.Schema.Type<typeof I.EventInput>): Promise<Reply> => {
  const deviceId = ctx.p["id"]!
  const device = t.engine.store.devices.get(deviceId)
  if (!device) return notFound(`Unknown device ${deviceId}`)
  if (b.count !== undefined) {
    // the bulk publish stops when the caller goes away (and on reset)
    const ctl = new AbortController()
    ctx.res.on("close", () => {
      if (!ctx.res.writableFinished) ctl.abort()
    })
    await t.engine.publishMany(() => ({ name: b.name, data: b.data ?? undefined, device }), b.count, ctl.signal)
  } else {
    const one: Parameters<SimulatorHandle["publish"]>[0] = { deviceId, name: b.name, data: b.data ?? null }
    if (b.ttl !== undefined) one.ttl = b.ttl
    if (b.productId !== undefined) one.productId = b.productId
    t.handle.publish(one)
  }
  return ok({ ok: true })
}

export const adminRoutes = (target: () => AdminTarget): RouteTable => {
  const r = new RouteTable()
  const handle = () => target().handle
  const admin = (method: string, path: string, h: Handler) => r.add(method, path, publicRoute(h))
  const okTrue = () => ok({ ok: true })
  admin("POST", "/__sim/reset", () => {
    handle().reset()
    return okTrue()
  })
  admin("GET", "/__sim/seed", () => ok(handle().seed))
  admin("GET", "/__sim/requests", (ctx) => listRequests(target().engine, ctx))
  admin("DELETE", "/__sim/requests", () => {
    handle().clearRequests()
    return okTrue()
  })
  admin(
    "POST",
    "/__sim/users",
    withBody(I.UserInput, (_ctx, b) =>
      ok(
        handle().createUser({ username: b.username, password: b.password, mfa: b.mfa === true || b.mfa === "true" }),
        201
      ))
  )
  admin(
    "POST",
    "/__sim/tokens",
    withBody(I.TokenInput, (_ctx, b) => {
      const opts: { username: string; expiresInSeconds?: number; scopes?: Array<string> } = { username: b.username }
      if (b.expiresInSeconds !== undefined) opts.expiresInSeconds = b.expiresInSeconds
      if (b.scopes !== undefined) opts.scopes = [...b.scopes]
      const token = handle().createToken(opts)
      return ok({ accessToken: token, access_token: token }, 201)
    })
  )
  admin("DELETE", "/__sim/tokens/:token", (ctx) => {
    handle().revokeToken(ctx.p["token"]!)
    return okTrue()
  })
  admin("POST", "/__sim/devices", withBody(I.DeviceInput, (ctx, b) => createDevice(target(), b, ctx.body)))
  admin(
    "PUT",
    "/__sim/devices/:id/variables/:name",
    withBody(I.VariableInput, (ctx, b) => {
      if (ctx.p["name"]!.length > L.MAX_KEY) return bad("name", `name: must be at most ${L.MAX_KEY} characters`)
      handle().setVariable(ctx.p["id"]!, ctx.p["name"]!, b.value)
      return okTrue()
    })
  )
  admin(
    "PUT",
    "/__sim/devices/:id/functions/:name",
    withBody(I.FunctionInput, (ctx, b) => {
      if (ctx.p["name"]!.length > L.MAX_KEY) return bad("name", `name: must be at most ${L.MAX_KEY} characters`)
      handle().setFunction(ctx.p["id"]!, ctx.p["name"]!, (b.returnValue ?? b.result ?? b.return_value)!)
      return okTrue()
    })
  )
  admin(
    "PUT",
    "/__sim/devices/:id/online",
    withBody(I.OnlineInput, (ctx, b) => {
      handle().setOnline(ctx.p["id"]!, b.online)
      return okTrue()
    })
  )
  admin(
    "PUT",
    "/__sim/devices/:id/unresponsive",
    withBody(I.UnresponsiveInput, (ctx, b) => {
      handle().setUnresponsive(ctx.p["id"]!, b.unresponsive)
      return okTrue()
    })
  )
  admin("POST", "/__sim/devices/:id/events", withBody(I.EventInput, (ctx, b) => publishEvents(target(), ctx, b)))
  admin(
    "POST",
    "/__sim/faults",
    withBody(I.FaultSchema, (_ctx, f) => {
      handle().setFault(f as Fault)
      return okTrue()
    })
  )
  admin("DELETE", "/__sim/faults", () => {
    handle().clearFaults()
    return okTrue()
  })
  admin(
    "GET",
    "/__sim/sse",
    () => ok({ connections: handle().sseConnections(), publishing: target().engine.publishing })
  )
  admin("GET", "/__sim/library-archives/:name/:file", (ctx) => {
    const lib = ctx.store.libraries.get(ctx.p["name"]!)
    const version = ctx.p["file"]!.replace(/\.tar\.gz$/, "")
    const v = lib?.versions.find((x) => x.version === version)
    if (!v) return { status: 404, json: { error: "not_found" } }
    return { status: 200, raw: v.archive, contentType: "application/gzip" }
  })
  return r
}
