/**
 * Products family: products, their devices (list with group filters, import / quarantine approval, batch
 * groups), device groups, product firmware and releases, team and customers, configuration, locations and
 * fleet-health metrics.
 */
import { asStringList, first } from "../coerce.js"
import type { AuthedCtx, RouteTable } from "../context.js"
import { isDeviceId } from "../ids.js"
import { errB, noContent, ok, type Reply } from "../reply.js"
import type { Store } from "../store/index.js"
import type { DeviceRecord, ProductRecord } from "../store/types.js"
import { registerProductConfig } from "./products-config.js"
import { registerProductFirmware } from "./products-firmware.js"
import { registerTeamAndCustomers } from "./products-team.js"
import { isReply, pageMeta, pageParams, qp, resolveOrg, withProduct } from "./shared.js"
import { deviceJson } from "./views.js"

const GROUP_NAME = /^[a-z0-9_-]{1,128}$/
const COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/
const MAX_GROUPS = 1000
const badGroupName = (): Reply =>
  errB(400, "Group name must contain only lowercase letters, numbers, dashes and underscores")
const badColor = (): Reply => errB(400, "Group color must be a hex color such as #34495e")

const productJson = (s: Store, p: ProductRecord): Record<string, unknown> => {
  const org = p.orgId !== undefined ? s.orgs.get(p.orgId) : undefined
  return {
    id: p.id,
    platform_id: p.platformId,
    name: p.name,
    slug: p.slug,
    description: p.description,
    subscription_id: 1234,
    mb_limit: null,
    user: s.products.owner(p) ?? null,
    groups: [...p.groups.keys()],
    settings: { location: {}, known_application: { opt_in: true }, quarantine: false },
    org: org?.slug ?? null,
    organization_id: org?.id ?? null,
    device_protection: "disabled"
  }
}

const listProductDevices = (ctx: AuthedCtx, p: ProductRecord): Reply => {
  const { page, perPage } = pageParams(ctx, 25, 1000)
  const deviceId = qp(ctx, "deviceId", "device_id")?.toLowerCase()
  const deviceName = qp(ctx, "deviceName", "device_name")?.toLowerCase()
  const serial = qp(ctx, "serialNumber", "serial_number")
  const groups = asStringList(qp(ctx, "groups", "group")) ?? []
  const quarantined = qp(ctx, "quarantined")
  const sortAttr = qp(ctx, "sortAttr", "sort_attr")
  const sortDir = qp(ctx, "sortDir", "sort_dir") === "desc" ? -1 : 1
  let source: Array<DeviceRecord> = ctx.store.devices.inProduct(p.id)
  if (
    deviceId !== undefined || deviceName !== undefined || serial !== undefined || groups.length > 0 ||
    quarantined !== undefined
  ) {
    source = source.filter((d) =>
      (deviceId === undefined || d.id.includes(deviceId)) &&
      (deviceName === undefined || d.name.toLowerCase().includes(deviceName)) &&
      (serial === undefined || d.serialNumber.includes(serial)) &&
      (groups.length === 0 || groups.some((g) => d.groups.includes(g))) &&
      (quarantined === undefined || d.quarantined === (quarantined === "true"))
    )
  }
  if (sortAttr !== undefined) {
    const key = (d: DeviceRecord): string | number =>
      sortAttr === "firmwareVersion"
        ? d.firmwareVersion ?? 0
        : sortAttr === "lastConnection"
        ? d.lastHandshakeAt
        : sortAttr === "deviceName"
        ? d.name
        : d.id
    source.sort((a, b) => {
      const ka = key(a)
      const kb = key(b)
      return ka < kb ? -sortDir : ka > kb ? sortDir : 0
    })
  }
  const slice = source.slice((page - 1) * perPage, page * perPage)
  const customers: Array<{ id: string; username: string }> = []
  for (const d of slice) {
    const c = d.owner !== undefined ? p.customers.get(d.owner) : undefined
    if (c) customers.push({ id: c.id, username: c.username })
  }
  return ok({
    devices: slice.map((d) => deviceJson(d, { product: true })),
    customers,
    meta: pageMeta(page, perPage, source.length)
  })
}

const importDevices = (ctx: AuthedCtx, p: ProductRecord): Reply => {
  let ids: Array<string>
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
    let d = isDeviceId(key) ? s.devices.get(key) : s.devices.bySerialNumber(raw)
    if (!d) {
      if (!isDeviceId(key)) {
        invalid.push(raw)
        continue
      }
      d = s.createDevice({ id: key, name: `imported-${key.slice(-6)}`, platformId: p.platformId, online: false })
      nonmember.push(key)
    }
    if (d.productId === p.id) d.quarantined = false
    else s.addToProduct(d, p)
    updated++
  }
  return ok({ updated, nonmemberDeviceIds: nonmember, invalidDeviceIds: invalid })
}

const batchGroups = (ctx: AuthedCtx, p: ProductRecord): Reply => {
  const b = ctx.body
  if (first(b["action"]) !== "groups") return errB(400, "Unsupported action")
  const ids = Array.isArray(b["devices"]) ? (b["devices"] as Array<unknown>).map(String) : []
  const meta = (b["metadata"] ?? {}) as { add?: unknown; remove?: unknown }
  const add = asStringList(meta.add) ?? []
  const remove = asStringList(meta.remove) ?? []
  for (const g of add) ctx.store.products.ensureGroup(p, g)
  for (const id of ids) {
    const d = ctx.store.devices.inProductById(p.id, id)
    if (d) ctx.store.setGroups(p, d, [...d.groups.filter((g) => !remove.includes(g)), ...add])
  }
  return ok({ ok: true })
}

const groupJson = (s: Store, p: ProductRecord, name: string) => ({
  ...p.groups.get(name)!,
  device_count: s.groupDeviceCount(p, name)
})

const registerGroups = (r: RouteTable): void => {
  r.get(
    "/v1/products/:product/groups",
    withProduct((ctx, p) => {
      const name = first(ctx.query["name"])
      return ok({ groups: [...p.groups.values()].filter((g) => name === undefined || g.name.includes(name)) })
    })
  )
  r.get(
    "/v1/products/:product/groups/:name",
    withProduct((ctx, p) =>
      p.groups.has(ctx.p["name"]!)
        ? ok({ group: groupJson(ctx.store, p, ctx.p["name"]!) })
        : errB(404, "Group not found")
    )
  )
  r.post(
    "/v1/products/:product/groups",
    withProduct((ctx, p) => {
      const name = first(ctx.body["name"])
      if (!name || !GROUP_NAME.test(name)) return badGroupName()
      if (p.groups.has(name)) return errB(400, "Group already exists")
      const color = first(ctx.body["color"])
      if (color !== undefined && !COLOR.test(color)) return badColor()
      if (p.groups.size >= MAX_GROUPS) return errB(400, `A product holds at most ${MAX_GROUPS} groups`)
      const g = ctx.store.products.ensureGroup(p, name)
      g.description = first(ctx.body["description"]) ?? ""
      g.color = color ?? g.color
      return ok({ group: groupJson(ctx.store, p, name) }, 201)
    })
  )
  r.put(
    "/v1/products/:product/groups/:name",
    withProduct((ctx, p) => {
      let g = p.groups.get(ctx.p["name"]!)
      if (!g) return errB(404, "Group not found")
      const name = first(ctx.body["name"])
      const color = first(ctx.body["color"])
      if (name === undefined && color === undefined && ctx.body["description"] === undefined) {
        return errB(400, "One of name, color or description is required")
      }
      if (color !== undefined && !COLOR.test(color)) return badColor()
      if (name !== undefined && name !== g.name) {
        if (!GROUP_NAME.test(name)) return badGroupName()
        if (p.groups.has(name)) return errB(400, "Group already exists")
        const from = g.name
        g = ctx.store.renameGroup(p, g, name)
        ctx.store.products.renameGroupInReleases(p, from, name)
      }
      if (color !== undefined) g.color = color
      if (ctx.body["description"] !== undefined) g.description = first(ctx.body["description"]) ?? ""
      return ok({ group: groupJson(ctx.store, p, g.name) })
    })
  )
  r.del(
    "/v1/products/:product/groups/:name",
    withProduct((ctx, p) => {
      const name = ctx.p["name"]!
      if (!ctx.store.deleteGroup(p, name)) return errB(404, "Group not found")
      ctx.store.products.renameGroupInReleases(p, name, undefined)
      return noContent()
    })
  )
}

export const registerProducts = (r: RouteTable): void => {
  const list = (ctx: AuthedCtx, orgId?: string) =>
    ok({
      products: ctx.store.products.all()
        .filter((p) => (orgId !== undefined ? p.orgId === orgId : ctx.store.isTeamMember(p, ctx.user.username)))
        .map((p) => productJson(ctx.store, p))
    })
  r.get("/v1/products", (ctx) => list(ctx))
  r.get("/v1/user/products", (ctx) => list(ctx))
  r.get("/v1/orgs/:org/products", (ctx) => {
    const org = resolveOrg(ctx)
    return isReply(org) ? org : list(ctx, org.id)
  })
  r.get("/v1/products/:product", withProduct((ctx, p) => ok({ product: productJson(ctx.store, p) })))
  r.get("/v1/products/:product/devices", withProduct(listProductDevices))
  r.post("/v1/products/:product/devices", withProduct(importDevices))
  r.put("/v1/products/:product/devices", withProduct(batchGroups))
  registerGroups(r)
  registerProductFirmware(r)
  registerTeamAndCustomers(r)
  registerProductConfig(r)
}
