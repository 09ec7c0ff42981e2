import { errB, permissionDenied, type Ctx, type Reply } from "../http.js"
import type { DeviceRecord, ProductRecord, Store, VariableValue } from "../store.js"
import { isDeviceId } from "../util.js"

export const isReply = (x: unknown): x is Reply => typeof x === "object" && x !== null && "status" in x && typeof (x as Reply).status === "number"

export const varType = (v: VariableValue): string =>
  typeof v === "boolean" ? "bool" : typeof v === "string" ? "string" : Number.isInteger(v) ? "int32" : "double"

export const deviceJson = (_store: Store, d: DeviceRecord, o: { product?: boolean; full?: boolean } = {}): Record<string, unknown> => {
  const variables: Record<string, string> = {}
  for (const [k, v] of Object.entries(d.variables)) variables[k] = varType(v)
  const out: Record<string, unknown> = {
    id: d.id,
    name: d.name,
    last_ip_address: d.lastIp,
    last_heard: d.lastHeard,
    last_handshake_at: d.lastHandshakeAt,
    product_id: d.productId ?? d.platformId,
    online: d.online,
    connected: d.online,
    platform_id: d.platformId,
    cellular: d.cellular,
    notes: d.notes,
    functions: Object.keys(d.functions),
    variables,
    status: "normal",
    serial_number: d.serialNumber,
    system_firmware_version: d.systemFirmwareVersion,
    firmware_updates_enabled: d.firmwareUpdatesEnabled,
    firmware_updates_forced: d.firmwareUpdatesForced,
    device_protection: { status: "disabled" }
  }
  if (d.cellular) {
    out["iccid"] = d.iccid
    out["imei"] = d.imei
  } else {
    out["mac_wifi"] = `00:00:00:${d.id.slice(-6, -4)}:${d.id.slice(-4, -2)}:${d.id.slice(-2)}`.toUpperCase()
  }
  if (o.full) {
    out["owner"] = d.owner ?? null
    out["mobile_secret"] = ("SIM" + d.id.slice(-12)).toUpperCase()
  }
  if (d.productId !== undefined) {
    out["firmware_product_id"] = d.productId
    out["groups"] = d.groups
    out["firmware_version"] = d.firmwareVersion
    out["desired_firmware_version"] = d.desiredFirmwareVersion
    out["targeted_firmware_release_version"] = d.desiredFirmwareVersion ?? null
    out["development"] = d.development
    out["quarantined"] = d.quarantined
    out["denied"] = false
    if (o.product && d.owner !== undefined) out["owner"] = d.owner
  }
  return out
}

export const productNotFound = (): Reply => errB(404, "Product not found")
export const productDenied = (): Reply => ({ status: 403, json: { error: "Permission Denied", info: "You do not have access to this product" } })

export const resolveProduct = (ctx: Ctx, idOrSlug: string): ProductRecord | Reply => {
  const p = ctx.store.findProduct(idOrSlug)
  if (!p) return productNotFound()
  if (!ctx.store.isTeamMember(p, ctx.user!.username)) return productDenied()
  return p
}

/** Resolves the device addressed by `:id` (and `:product` if present) for the calling user. */
export const resolveDevice = (ctx: Ctx): { device: DeviceRecord; product: ProductRecord | undefined } | Reply => {
  const id = ctx.p["id"]!
  const productKey = ctx.p["product"]
  if (productKey !== undefined) {
    const p = resolveProduct(ctx, productKey)
    if (isReply(p)) return p
    const d = isDeviceId(id) ? ctx.store.devices.get(id.toLowerCase()) : undefined
    if (!d || d.productId !== p.id) return errB(404, "Device not found in this product")
    return { device: d, product: p }
  }
  const d = ctx.store.findUserDevice(ctx.user!.username, id)
  if (!d) return permissionDenied()
  return { device: d, product: undefined }
}

export const pageParams = (ctx: Ctx, defaultPerPage: number, max = 1000): { page: number; perPage: number } => {
  const q = ctx.query
  const page = Math.max(1, Number.parseInt(String(q["page"] ?? "1"), 10) || 1)
  const raw = q["perPage"] ?? q["per_page"] ?? q["limit"]
  const perPage = Math.min(max, Math.max(1, Number.parseInt(String(raw ?? defaultPerPage), 10) || defaultPerPage))
  return { page, perPage }
}

export const qp = (ctx: Ctx, ...names: Array<string>): string | undefined => {
  for (const n of names) {
    const v = ctx.query[n]
    if (v !== undefined) return Array.isArray(v) ? v.join(",") : v
  }
  return undefined
}
