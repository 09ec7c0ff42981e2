import { errB, noContent, ok, oauthError, type Ctx, type Reply, type Router } from "../http.js"
import type { DeviceRecord, ProductFirmwareRecord, ProductRecord, SimRecord } from "../store.js"
import { asBool, asInt, asStringList, first, isDeviceId, nowIso, objectId, randomToken } from "../util.js"
import { deviceJson, isReply, pageParams, qp, resolveProduct } from "./common.js"

const withProduct = (f: (ctx: Ctx, p: ProductRecord) => Reply | Promise<Reply>) => (ctx: Ctx) => {
  const p = resolveProduct(ctx, ctx.p["product"]!)
  if (isReply(p)) return p
  return f(ctx, p)
}

const productJson = (s: Ctx["store"], p: ProductRecord): Record<string, unknown> => {
  const org = p.orgId !== undefined ? s.orgs.get(p.orgId) : undefined
  return {
    id: p.id, platform_id: p.platformId, name: p.name, slug: p.slug, description: p.description,
    subscription_id: 1234, mb_limit: null, user: p.team[0]?.username ?? null,
    groups: [...p.groups.keys()],
    settings: { location: {}, known_application: { opt_in: true }, quarantine: false },
    org: org?.slug ?? null, organization_id: org?.id ?? null, device_protection: "disabled"
  }
}

const firmwareJson = (p: ProductRecord, f: ProductFirmwareRecord): Record<string, unknown> => {
  let deviceCount = 0
  for (const d of p.devices) if (d.firmwareVersion === f.version) deviceCount++
  const { data: _data, ...rest } = f
  return { ...rest, current: f.product_default, uploaded_at: f.uploaded_on, device_count: deviceCount }
}

const simJson = (s: Ctx["store"], sim: SimRecord): Record<string, unknown> => ({
  _id: sim.iccid, iccid: sim.iccid, activations_count: 1, base_country_code: "US", base_monthly_rate: 299, deactivations_count: 0,
  first_activated_on: sim.activatedOn, last_activated_on: sim.activatedOn, activated_on: sim.activatedOn, last_activated_via: "user_setup",
  last_status_change_action: sim.status === "active" ? "activate" : "deactivate", last_status_change_action_error: "no",
  mb_limit: sim.mbLimit, msisdn: "3459" + sim.iccid.slice(-11), overage_monthly_rate: 99, status: sim.status, stripe_plan_slug: "sim-plan",
  updated_at: sim.activatedOn, user_id: sim.owner !== undefined ? s.users.get(sim.owner)?.id ?? null : null,
  product_id: sim.productId ?? null, carrier: sim.carrier,
  last_device_id: sim.deviceId ?? null, last_device_name: sim.deviceName ?? null, device_id: sim.deviceId ?? null, device_name: sim.deviceName ?? null,
  owner: sim.owner ?? null
})

const usageByDay = () => {
  const out: Array<{ date: string; mbs_used: number; mbs_used_cumulative: number }> = []
  let cum = 0
  for (let i = 2; i >= 0; i--) {
    const day = new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10)
    cum = Math.round((cum + 0.98) * 100) / 100
    out.push({ date: day, mbs_used: 0.98, mbs_used_cumulative: cum })
  }
  return out
}

const listProductDevices = (ctx: Ctx, p: ProductRecord): Reply => {
  const { page, perPage } = pageParams(ctx, 25, 1000)
  const deviceId = qp(ctx, "deviceId", "device_id")
  const deviceName = qp(ctx, "deviceName", "device_name")
  const serial = qp(ctx, "serialNumber", "serial_number")
  const groups = asStringList(qp(ctx, "groups", "group"))
  const quarantined = qp(ctx, "quarantined")
  const sortAttr = qp(ctx, "sortAttr", "sort_attr")
  const sortDir = qp(ctx, "sortDir", "sort_dir") === "desc" ? -1 : 1
  let source: ReadonlyArray<DeviceRecord> = p.devices
  const filtered = deviceId !== undefined || deviceName !== undefined || serial !== undefined || (groups && groups.length > 0) || quarantined !== undefined
  if (filtered) {
    const dn = deviceName?.toLowerCase()
    source = p.devices.filter((d) =>
      (deviceId === undefined || d.id.includes(deviceId.toLowerCase())) &&
      (dn === undefined || d.name.toLowerCase().includes(dn)) &&
      (serial === undefined || d.serialNumber.includes(serial)) &&
      (!groups || groups.length === 0 || groups.some((g) => d.groups.includes(g))) &&
      (quarantined === undefined || d.quarantined === (quarantined === "true"))
    )
  }
  if (sortAttr !== undefined) {
    const key = (d: DeviceRecord): string | number =>
      sortAttr === "firmwareVersion" ? d.firmwareVersion ?? 0 : sortAttr === "lastConnection" ? d.lastHandshakeAt : sortAttr === "deviceName" ? d.name : d.id
    source = [...source].sort((a, b) => {
      const ka = key(a)
      const kb = key(b)
      return ka < kb ? -sortDir : ka > kb ? sortDir : 0
    })
  }
  const total = source.length
  const start = (page - 1) * perPage
  const slice = source.slice(start, start + perPage)
  const customers: Array<{ id: string; username: string }> = []
  for (const d of slice) {
    if (d.owner !== undefined && p.customers.has(d.owner)) customers.push({ id: p.customers.get(d.owner)!.id, username: d.owner })
  }
  return ok({
    devices: slice.map((d) => deviceJson(ctx.store, d, { product: true })),
    customers,
    meta: { page, per_page: perPage, total_pages: Math.max(1, Math.ceil(total / perPage)), total }
  })
}

const importDevices = (ctx: Ctx, p: ProductRecord): Reply => {
  let ids: Array<string> = []
  const file = ctx.parts?.find((x) => x.filename !== undefined)
  if (file) ids = Buffer.from(file.data).toString("utf8").split(/[\s,]+/).filter((x) => x.length > 0)
  else {
    const id = first(ctx.body["id"])
    if (id === undefined) return errB(400, "You must provide an id or a file")
    ids = [id]
  }
  const s = ctx.store
  let updated = 0
  const nonmember: Array<string> = []
  const invalid: Array<string> = []
  for (const raw of ids) {
    const key = raw.toLowerCase()
    let d = isDeviceId(key) ? s.devices.get(key) : s.serials.get(raw)
    if (!d) {
      if (!isDeviceId(key)) {
        invalid.push(raw)
        continue
      }
      d = s.createDevice({ id: key, name: `imported-${key.slice(-6)}`, platformId: p.platformId, online: false })
      nonmember.push(key)
    }
    if (d.productId === p.id) {
      d.quarantined = false
      updated++
      continue
    }
    s.addToProduct(d, p)
    updated++
  }
  return ok({ updated, nonmemberDeviceIds: nonmember, invalidDeviceIds: invalid })
}

const groupJson = (p: ProductRecord, name: string) => {
  const g = p.groups.get(name)!
  let count = 0
  for (const d of p.devices) if (d.groups.includes(name)) count++
  return { ...g, device_count: count }
}

const locationJson = (d: DeviceRecord, p: ProductRecord) => ({
  device_id: d.id, product_id: p.id, device_name: d.name, groups: d.groups, gps_lock: true, last_heard: d.lastHeard,
  timestamps: [d.lastHeard], online: d.online,
  geometry: { type: "Point", coordinates: [-122.4194 + (parseInt(d.id.slice(-2), 16) / 1000), 37.7749] }
})

const defaultConfig = () => ({
  location: { radius: 1, interval_min: 30, interval_max: 300, min_publish: false },
  imu_trig: { motion: "disable", high_g: "disable" },
  rgb: { type: "tracker", direct: { red: 0, green: 0, blue: 255 }, brightness: 255 }
})

const configSchema = {
  $schema: "https://particle.io/draft-07/schema#",
  type: "object",
  properties: { location: { type: "object" }, imu_trig: { type: "object" }, rgb: { type: "object" } }
}

const simAccess = (ctx: Ctx, iccid: string): SimRecord | Reply => {
  const sim = ctx.store.sims.get(iccid)
  if (!sim) return errB(404, "SIM card not found")
  const u = ctx.user!.username
  if (sim.owner === u) return sim
  if (sim.productId !== undefined) {
    const p = ctx.store.products.get(sim.productId)
    if (p && ctx.store.isTeamMember(p, u)) return sim
  }
  return { status: 403, json: { ok: false, error: "Permission Denied" } }
}

const createCustomer = (ctx: Ctx): Reply => {
  const p = ctx.store.findProduct(ctx.p["product"]!)
  if (!p) return errB(404, "Product not found")
  const b = ctx.body
  const auth = ctx.req.headers.authorization
  const basic = auth && /^Basic\s/i.test(auth) ? Buffer.from(auth.replace(/^Basic\s+/i, ""), "base64").toString("utf8") : undefined
  const clientId = basic !== undefined ? basic.slice(0, basic.indexOf(":")) : first(b["client_id"])
  const clientSecret = basic !== undefined ? basic.slice(basic.indexOf(":") + 1) : first(b["client_secret"])
  if (clientId !== undefined) {
    const c = ctx.store.clients.get(clientId)
    if (!c || c.secret !== clientSecret || c.productId !== p.id) return oauthError("invalid_client", "Client credentials are invalid")
  } else {
    const denied = ctx.engine.authenticate(ctx)
    if (denied) return denied
    if (!ctx.store.isTeamMember(p, ctx.user!.username)) return { status: 403, json: { error: "Permission Denied", info: "You do not have access to this product" } }
  }
  const email = first(b["email"])
  const password = first(b["password"])
  const noPassword = asBool(b["no_password"]) === true
  if (!email) return errB(400, "email is required")
  if (!password && !noPassword) return errB(400, "password is required (or no_password=true)")
  if (p.customers.has(email) || ctx.store.users.has(email)) return errB(400, "Customer already exists")
  ctx.store.createUser({ username: email, password: password ?? randomToken() })
  p.customers.set(email, { id: objectId(), username: email, password, devices: [] })
  const tok = ctx.store.issueToken({ username: email, expiresInSeconds: 7_776_000, client: clientId ?? "particle", scopes: [] })
  tok.customerOf = p.id
  const refresh = randomToken()
  ctx.store.refreshTokens.set(refresh, { refreshToken: refresh, username: email, client: clientId ?? "particle", scopes: [], expiresAt: Date.now() + (7_776_000 + 1_209_600) * 1000 })
  return { status: 201, json: { token_type: "bearer", access_token: tok.token, refresh_token: refresh, expires_in: 7_776_000 } }
}

const teamRoutes = (r: Router, base: string, members: (ctx: Ctx) => Array<Record<string, unknown> & { username: string }> | Reply) => {
  r.get(`${base}/team`, (ctx) => {
    const t = members(ctx)
    if (isReply(t)) return t
    return ok({ ok: true, team: t })
  })
  r.post(`${base}/team`, (ctx) => {
    const t = members(ctx)
    if (isReply(t)) return t
    const friendly = first(ctx.body["friendly_name"])
    if (friendly !== undefined) {
      const scopes = asStringList(ctx.body["scopes"]) ?? []
      const username = `${friendly.toLowerCase().replace(/[^a-z0-9]+/g, "-")}+${randomToken().slice(0, 10)}@api.particle.io`
      ctx.store.createUser({ username, password: randomToken() })
      const tok = ctx.store.issueToken({ username, expiresInSeconds: 0, scopes })
      t.push({ username, is_programmatic: true, friendly_name: friendly, scopes })
      return ok({ ok: true, created: { username, is_programmatic: true, tokens: [{ token: tok.token }] } })
    }
    const username = first(ctx.body["username"])
    if (!username) return errB(400, "username is required")
    if (t.some((m) => m.username === username)) return errB(400, "User is already a team member")
    t.push({ _id: objectId(), username, role: { id: "000000000000000000000003", name: "Developer" } })
    return ok({ ok: true, invited: { username } })
  })
  r.put(`${base}/team/:username`, (ctx) => {
    const t = members(ctx)
    if (isReply(t)) return t
    const m = t.find((x) => x.username === ctx.p["username"])
    if (!m) return errB(404, "Team member not found")
    if (ctx.body["friendly_name"] !== undefined) m["friendly_name"] = first(ctx.body["friendly_name"])
    const scopes = asStringList(ctx.body["scopes"])
    if (scopes) m["scopes"] = scopes
    if (m["is_programmatic"] === true) {
      for (const tk of [...ctx.store.tokens.values()]) if (tk.username === m.username) ctx.store.tokens.delete(tk.token)
      const tok = ctx.store.issueToken({ username: m.username, expiresInSeconds: 0, scopes: scopes ?? [] })
      return ok({ ok: true, updated: { ...m, tokens: [{ token: tok.token }] } })
    }
    return ok({ ok: true, updated: m })
  })
  r.del(`${base}/team/:username`, (ctx) => {
    const t = members(ctx)
    if (isReply(t)) return t
    const i = t.findIndex((x) => x.username === ctx.p["username"])
    if (i === -1) return errB(404, "Team member not found")
    t.splice(i, 1)
    return ok({ ok: true })
  })
}

export const registerProducts = (r: Router): void => {
  const list = (ctx: Ctx, orgId?: string) => {
    const out: Array<Record<string, unknown>> = []
    for (const p of ctx.store.products.values()) {
      if (orgId !== undefined ? p.orgId === orgId : ctx.store.isTeamMember(p, ctx.user!.username)) out.push(productJson(ctx.store, p))
    }
    return ok({ products: out })
  }
  r.get("/v1/products", (ctx) => list(ctx))
  r.get("/v1/user/products", (ctx) => list(ctx))
  r.get("/v1/orgs/:org/products", (ctx) => {
    const org = ctx.store.findOrg(ctx.p["org"]!)
    if (!org || !org.members.includes(ctx.user!.username)) return errB(404, "Organization not found")
    return list(ctx, org.id)
  })
  r.get("/v1/products/:product", withProduct((ctx, p) => ok({ product: productJson(ctx.store, p) })))

  // devices
  r.get("/v1/products/:product/devices", withProduct(listProductDevices))
  r.post("/v1/products/:product/devices", withProduct(importDevices))
  r.put("/v1/products/:product/devices", withProduct((ctx, p) => {
    const b = ctx.body
    if (first(b["action"]) !== "groups") return errB(400, "Unsupported action")
    const ids = Array.isArray(b["devices"]) ? (b["devices"] as Array<unknown>).map(String) : []
    const meta = (b["metadata"] ?? {}) as { add?: unknown; remove?: unknown }
    const add = asStringList(meta.add) ?? []
    const remove = asStringList(meta.remove) ?? []
    for (const g of add) ctx.store.ensureGroup(p, g)
    for (const id of ids) {
      const d = ctx.store.devices.get(id.toLowerCase())
      if (!d || d.productId !== p.id) continue
      d.groups = [...new Set([...d.groups.filter((g) => !remove.includes(g)), ...add])]
    }
    return ok({ ok: true })
  }))

  // groups
  r.get("/v1/products/:product/groups", withProduct((ctx, p) => {
    const name = first(ctx.query["name"])
    const groups = [...p.groups.values()].filter((g) => name === undefined || g.name.includes(name))
    return ok({ groups })
  }))
  r.get("/v1/products/:product/groups/:name", withProduct((ctx, p) => {
    if (!p.groups.has(ctx.p["name"]!)) return errB(404, "Group not found")
    return ok({ group: groupJson(p, ctx.p["name"]!) })
  }))
  r.post("/v1/products/:product/groups", withProduct((ctx, p) => {
    const name = first(ctx.body["name"])
    if (!name || !/^[a-z0-9_-]+$/.test(name)) return errB(400, "Group name must contain only lowercase letters, numbers, dashes and underscores")
    if (p.groups.has(name)) return errB(400, "Group already exists")
    p.groups.set(name, { name, description: first(ctx.body["description"]) ?? "", color: first(ctx.body["color"]) ?? "#34495e", fw_version: null })
    return ok({ group: groupJson(p, name) }, 201)
  }))
  r.put("/v1/products/:product/groups/:name", withProduct((ctx, p) => {
    const old = ctx.p["name"]!
    const g = p.groups.get(old)
    if (!g) return errB(404, "Group not found")
    const name = first(ctx.body["name"])
    if (name !== undefined && name !== old) {
      if (!/^[a-z0-9_-]+$/.test(name)) return errB(400, "Group name must contain only lowercase letters, numbers, dashes and underscores")
      p.groups.delete(old)
      g.name = name
      p.groups.set(name, g)
      for (const d of p.devices) if (d.groups.includes(old)) d.groups = d.groups.map((x) => (x === old ? name : x))
    }
    if (ctx.body["color"] !== undefined) g.color = first(ctx.body["color"]) ?? g.color
    if (ctx.body["description"] !== undefined) g.description = first(ctx.body["description"]) ?? ""
    return ok({ group: groupJson(p, g.name) })
  }))
  r.del("/v1/products/:product/groups/:name", withProduct((ctx, p) => {
    const name = ctx.p["name"]!
    if (!p.groups.delete(name)) return errB(404, "Group not found")
    for (const d of p.devices) if (d.groups.includes(name)) d.groups = d.groups.filter((x) => x !== name)
    return noContent()
  }))

  // firmware
  r.get("/v1/products/:product/firmware", withProduct((_ctx, p) => ok([...p.firmware.values()].map((f) => firmwareJson(p, f)))))
  r.post("/v1/products/:product/firmware", withProduct((ctx, p) => {
    if (ctx.bodyKind !== "multipart") return errB(400, "Firmware upload must be multipart/form-data")
    const file = ctx.parts!.find((x) => x.filename !== undefined)
    if (!file) return errB(400, "A firmware binary is required")
    const version = asInt(ctx.body["version"])
    if (version === undefined || version < 1) return errB(400, "version must be a positive integer")
    if (p.firmware.has(version)) return errB(400, "Version already exists")
    const title = first(ctx.body["title"])
    if (!title) return errB(400, "title is required")
    const f: ProductFirmwareRecord = {
      _id: objectId(), version, title, description: first(ctx.body["description"]) ?? "", name: file.filename!, size: file.data.length,
      product_default: false, uploaded_on: nowIso(), product_id: p.id, uploaded_by: { username: ctx.user!.username }, groups: [],
      mandatory: asBool(ctx.body["mandatory"]) === true, data: file.data
    }
    p.firmware.set(version, f)
    return ok(firmwareJson(p, f), 201)
  }))
  r.put("/v1/products/:product/firmware/release", withProduct((ctx, p) => {
    const version = asInt(ctx.body["version"])
    const f = version === undefined ? undefined : p.firmware.get(version)
    if (!f) return errB(404, "Firmware version not found")
    const productDefault = asBool(ctx.body["product_default"])
    if (productDefault === true) for (const x of p.firmware.values()) x.product_default = x === f
    else if (productDefault === false) f.product_default = false
    const groups = asStringList(ctx.body["groups"])
    if (groups) {
      for (const g of groups) ctx.store.ensureGroup(p, g)
      f.groups = groups
    }
    const body = firmwareJson(p, f)
    return ok({ ...body, updated_at: nowIso(), intelligent: asBool(ctx.body["intelligent"]) === true })
  }))
  r.get("/v1/products/:product/firmware/:version", withProduct((ctx, p) => {
    const f = p.firmware.get(Number(ctx.p["version"]))
    if (!f) return errB(404, "Firmware version not found")
    return ok(firmwareJson(p, f))
  }))
  r.get("/v1/products/:product/firmware/:version/binary", withProduct((ctx, p) => {
    const f = p.firmware.get(Number(ctx.p["version"]))
    if (!f) return errB(404, "Firmware version not found")
    return { status: 200, raw: f.data, contentType: "application/octet-stream" }
  }))
  r.put("/v1/products/:product/firmware/:version", withProduct((ctx, p) => {
    const f = p.firmware.get(Number(ctx.p["version"]))
    if (!f) return errB(404, "Firmware version not found")
    if (ctx.body["title"] !== undefined) f.title = first(ctx.body["title"]) ?? f.title
    if (ctx.body["description"] !== undefined) f.description = first(ctx.body["description"]) ?? ""
    if (ctx.body["mandatory"] !== undefined) f.mandatory = asBool(ctx.body["mandatory"]) === true
    return ok(firmwareJson(p, f))
  }))
  r.del("/v1/products/:product/firmware/:version", withProduct((ctx, p) => {
    const f = p.firmware.get(Number(ctx.p["version"]))
    if (!f) return errB(404, "Firmware version not found")
    if (f.product_default || f.groups.length > 0) return errB(400, "Released firmware cannot be deleted")
    p.firmware.delete(f.version)
    return noContent()
  }))
  r.get("/v1/products/:product/impact", withProduct((ctx, p) => {
    const groups = asStringList(first(ctx.query["groups"])) ?? []
    const byVersion = new Map<number, number>()
    let total = 0
    for (const d of p.devices) {
      if (groups.length > 0 && !groups.some((g) => d.groups.includes(g))) continue
      total++
      const v = d.firmwareVersion ?? 0
      byVersion.set(v, (byVersion.get(v) ?? 0) + 1)
    }
    return ok({ devices: { firmware_update: { total, by_version: [...byVersion].map(([version, n]) => ({ version, total: n })) } } })
  }))

  // team
  teamRoutes(r, "/v1/products/:product", (ctx) => {
    const p = resolveProduct(ctx, ctx.p["product"]!)
    return isReply(p) ? p : p.team
  })
  teamRoutes(r, "/v1/orgs/:org", (ctx) => {
    const org = ctx.store.findOrg(ctx.p["org"]!)
    if (!org || !org.members.includes(ctx.user!.username)) return errB(404, "Organization not found")
    const members = org.members.map((username) => ({ username, role: { id: "000000000000000000000002", name: "Administrator" } }))
    return members
  })

  // customers
  r.post("/v1/products/:product/customers", createCustomer, { auth: false })
  r.get("/v1/products/:product/customers", withProduct((ctx, p) => {
    const { page, perPage } = pageParams(ctx, 25, 1000)
    const all = [...p.customers.values()]
    const slice = all.slice((page - 1) * perPage, page * perPage)
    const devs = slice.flatMap((c) => [...(ctx.store.devicesByOwner.get(c.username)?.values() ?? [])])
    return ok({
      customers: slice.map((c) => ({ id: c.id, username: c.username, devices: [...(ctx.store.devicesByOwner.get(c.username)?.keys() ?? [])] })),
      devices: devs.map((d) => ({ id: d.id, product_id: p.id, last_ip_address: d.lastIp, firmware_version: d.firmwareVersion, online: d.online })),
      meta: { page, per_page: perPage, total_pages: Math.max(1, Math.ceil(all.length / perPage)), total: all.length }
    })
  }))
  r.put("/v1/products/:product/customers/:email", withProduct((ctx, p) => {
    const c = p.customers.get(ctx.p["email"]!)
    if (!c) return errB(404, "Customer not found")
    const pw = first(ctx.body["password"])
    if (!pw) return errB(400, "password is required")
    c.password = pw
    const u = ctx.store.users.get(c.username)
    if (u) u.password = pw
    return ok({ ok: true })
  }))
  r.del("/v1/products/:product/customers/:email", withProduct((ctx, p) => {
    const c = p.customers.get(ctx.p["email"]!)
    if (!c) return errB(404, "Customer not found")
    p.customers.delete(c.username)
    for (const d of [...(ctx.store.devicesByOwner.get(c.username)?.values() ?? [])]) ctx.store.setOwner(d, undefined)
    ctx.store.users.delete(c.username)
    return ok({ ok: true })
  }))

  // configuration
  const wantsSchema = (ctx: Ctx) => (ctx.req.headers.accept ?? "").includes("application/schema+json")
  r.get("/v1/products/:product/config", withProduct((ctx, p) => {
    if (wantsSchema(ctx)) return { status: 200, json: configSchema, contentType: "application/schema+json" }
    if (!p.config) p.config = defaultConfig()
    return ok({ configuration: p.config })
  }))
  r.put("/v1/products/:product/config", withProduct((ctx, p) => {
    if ((ctx.contentType ?? "").includes("application/schema+json")) {
      if (typeof ctx.json !== "object" || ctx.json === null) return { status: 422, json: { message: "Invalid Schema", description: "The schema must be a JSON object", violations: [] } }
      return ok(ctx.json)
    }
    if (ctx.bodyKind !== "json" || typeof ctx.json !== "object" || ctx.json === null) return errB(400, "Configuration must be a JSON object")
    p.config = { ...(p.config ?? defaultConfig()), ...(ctx.json as Record<string, unknown>) }
    return ok({}, 202)
  }))
  r.del("/v1/products/:product/config", withProduct((_ctx, p) => {
    p.config = undefined
    return noContent()
  }))
  r.get("/v1/products/:product/config/:deviceId", withProduct((ctx, p) => {
    const d = ctx.store.devices.get(ctx.p["deviceId"]!.toLowerCase())
    if (!d || d.productId !== p.id) return errB(404, "Device not found in this product")
    if (wantsSchema(ctx)) return { status: 200, json: configSchema, contentType: "application/schema+json" }
    const current = p.deviceConfig.get(d.id) ?? p.config ?? defaultConfig()
    return ok({ configuration: { current, pending: {} } })
  }))
  r.put("/v1/products/:product/config/:deviceId", withProduct((ctx, p) => {
    const d = ctx.store.devices.get(ctx.p["deviceId"]!.toLowerCase())
    if (!d || d.productId !== p.id) return errB(404, "Device not found in this product")
    if (typeof ctx.json !== "object" || ctx.json === null) return errB(400, "Configuration must be a JSON object")
    p.deviceConfig.set(d.id, { ...(p.deviceConfig.get(d.id) ?? p.config ?? defaultConfig()), ...(ctx.json as Record<string, unknown>) })
    return ok({}, d.online ? 200 : 202)
  }))

  // locations
  r.get("/v1/products/:product/locations", withProduct((ctx, p) => {
    const { page, perPage } = pageParams(ctx, 20, 100)
    const dn = qp(ctx, "device_name", "deviceName")
    const di = qp(ctx, "device_id", "deviceId")
    const groups = asStringList(ctx.query["groups"])
    const list = p.devices.filter((d) =>
      (dn === undefined || d.name.includes(dn)) && (di === undefined || d.id.includes(di.toLowerCase())) &&
      (!groups || groups.length === 0 || groups.some((g) => d.groups.includes(g))))
    const slice = list.slice((page - 1) * perPage, page * perPage)
    return ok({ locations: slice.map((d) => locationJson(d, p)), meta: { page, per_page: perPage, total_pages: Math.max(1, Math.ceil(list.length / perPage)), devices_found: list.length } })
  }))
  r.get("/v1/products/:product/locations/:deviceId", withProduct((ctx, p) => {
    const d = ctx.store.devices.get(ctx.p["deviceId"]!.toLowerCase())
    if (!d || d.productId !== p.id) return errB(404, "Device not found in this product")
    return ok({ location: { ...locationJson(d, p), properties: [{ hd: 1.2, acc_h: 4, speed: 0, temp: 21.5 }] }, meta: {} })
  }))

  // fleet health metrics
  for (const kind of ["online", "events", "integration"] as const) {
    r.get(`/v1/products/:product/metrics/${kind}`, withProduct((ctx, p) => {
      const bucket = asInt(ctx.query["bucket_size"]) ?? 900
      if (bucket < 15) return { status: 400, json: { error: "bad_request", description: "bucket_size must be at least 15" } }
      const t = new Date(Math.floor(Date.now() / (bucket * 1000)) * bucket * 1000).toISOString()
      const online = p.devices.reduce((n, d) => n + (d.online ? 1 : 0), 0)
      if (kind === "online") return ok({ online: [{ time: t, count: online }] })
      if (kind === "events") return ok({ events: [{ time: t, received: 0 }] })
      return ok({ integrations: [{ time: t, success: 0 }] })
    }))
  }

  // SIMs
  r.get("/v1/sims", (ctx) => ok({ sims: [...ctx.store.sims.values()].filter((s) => s.owner === ctx.user!.username && s.productId === undefined).map((s) => simJson(ctx.store, s)) }))
  r.get("/v1/products/:product/sims", withProduct((ctx, p) => {
    const { page, perPage } = pageParams(ctx, 25, 1000)
    const iccid = qp(ctx, "iccid")
    const dId = qp(ctx, "deviceId", "device_id")
    const dName = qp(ctx, "deviceName", "device_name")
    const all = [...ctx.store.sims.values()].filter((s) => s.productId === p.id &&
      (iccid === undefined || s.iccid.includes(iccid)) && (dId === undefined || (s.deviceId ?? "").includes(dId)) && (dName === undefined || (s.deviceName ?? "").includes(dName)))
    const slice = all.slice((page - 1) * perPage, page * perPage)
    return ok({ sims: slice.map((s) => simJson(ctx.store, s)), meta: { page, per_page: perPage, total_pages: Math.max(1, Math.ceil(all.length / perPage)), total: all.length } })
  }))
  r.post("/v1/products/:product/sims", withProduct((ctx, p) => {
    let iccids = asStringList(ctx.body["sims"]) ?? []
    const file = ctx.parts?.find((x) => x.filename !== undefined)
    if (file) iccids = Buffer.from(file.data).toString("utf8").split(/[\s,]+/).filter((x) => x.length > 0)
    if (iccids.length === 0) return errB(400, "sims is required")
    for (const iccid of iccids) {
      if (!/^\d{19,20}$/.test(iccid)) return errB(400, `Invalid ICCID: ${iccid}`)
      ctx.store.sims.set(iccid, { iccid, owner: ctx.user!.username, productId: p.id, status: "active", deviceId: undefined, deviceName: undefined, activatedOn: nowIso(), mbLimit: null, carrier: "telefonica" })
    }
    return ok({ ok: true })
  }))
  r.get("/v1/products/:product/sims/data_usage", withProduct((ctx, p) => {
    const n = [...ctx.store.sims.values()].filter((s) => s.productId === p.id && s.status === "active").length
    const days = usageByDay()
    return ok({ total_mbs_used: days[days.length - 1]!.mbs_used_cumulative * n, total_active_sim_cards: n, usage_by_day: days })
  }))
  for (const base of ["/v1/sims/:iccid", "/v1/products/:product/sims/:iccid"]) {
    const guard = (f: (ctx: Ctx, s: SimRecord) => Reply) => (ctx: Ctx): Reply => {
      if (ctx.p["product"] !== undefined) {
        const p = resolveProduct(ctx, ctx.p["product"]!)
        if (isReply(p)) return p
        const s = ctx.store.sims.get(ctx.p["iccid"]!)
        if (!s || s.productId !== p.id) return errB(404, "SIM card not found")
        return f(ctx, s)
      }
      const s = simAccess(ctx, ctx.p["iccid"]!)
      return isReply(s) ? s : f(ctx, s)
    }
    r.add("HEAD", base, guard(() => noContent()))
    r.get(base, guard((ctx, s) => ok({ sim: simJson(ctx.store, s) })))
    r.get(`${base}/data_usage`, guard((_ctx, s) => ok({ iccid: s.iccid, usage_by_day: usageByDay() })))
    r.get(`${base}/status`, guard(() => ok({
      ok: true,
      meta: { created_at: nowIso(), expires_at: new Date(Date.now() + 600_000).toISOString(), check_again_after: new Date(Date.now() + 10_000).toISOString(), state: "complete", method: "async", task_id: randomToken().slice(0, 8) },
      sim_status: { connected: true, gsm_connection: true, data_connection: true }
    }, 202)))
    r.put(base, guard((ctx, s) => {
      const action = first(ctx.body["action"])
      if (action === "activate") {
        if (s.productId !== undefined) return errB(400, "Product SIM cards cannot be activated with this endpoint")
        s.status = "active"
      } else if (action === "deactivate") s.status = "inactive"
      else if (action === "reactivate") s.status = "active"
      else if (ctx.body["mb_limit"] !== undefined) s.mbLimit = asInt(ctx.body["mb_limit"]) ?? null
      else return errB(400, "action must be activate, deactivate or reactivate")
      return ok({ ok: true, sim: simJson(ctx.store, s) })
    }))
    r.del(base, guard((ctx, s) => {
      ctx.store.sims.delete(s.iccid)
      return noContent()
    }))
  }
}
