/**
 * Products and what lives inside one: device groups, firmware (and where it is released), team, customers,
 * configuration (the product's, each device's overrides and what waits for an offline device), and the
 * location history of its devices.
 */
import { nowIso } from "../coerce.js"
import { type ObjectIds, Sequence } from "../ids.js"
import type {
  CustomerRecord,
  DeviceRecord,
  GroupRecord,
  ProductFirmwareRecord,
  ProductRecord,
  TeamMember
} from "./types.js"

/** One recorded position of a device. */
export interface LocationPoint {
  /** ISO-8601 */
  readonly time: string
  readonly lat: number
  readonly lon: number
  readonly properties: Readonly<Record<string, unknown>>
}

/** Configuration sections: `{ section: { setting: value } }`. */
export type Config = Record<string, unknown>

/** Bounds of the per-device state of a product (locations, pending configuration). */
export const MAX_POINTS_PER_DEVICE = 1000
export const MAX_TRACKED_DEVICES = 10_000

/** The configuration Particle gives an asset-tracking product (Tracker Edge defaults). */
export const defaultProductConfig = (): Config => ({
  location: { radius: 1, interval_min: 30, interval_max: 300, min_publish: false },
  imu_trig: { motion: "disable", high_g: "disable" },
  rgb: { type: "tracker", direct: { red: 0, green: 0, blue: 255 }, brightness: 255 }
})

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/** `base` with `patch`'s sections merged in, setting by setting (a section that is not an object replaces). */
export const mergeConfig = (base: Config, patch: Config): Config => {
  // no prototype: a section named `__proto__` is a section, never the object's prototype
  const out: Config = Object.assign(Object.create(null), base)
  for (const [section, value] of Object.entries(patch)) {
    const prev = out[section]
    out[section] = isObject(prev) && isObject(value) ? { ...prev, ...value } : value
  }
  return out
}

export const ADMIN_ROLE = { id: "000000000000000000000002", name: "Administrator" }
export const DEVELOPER_ROLE = { id: "000000000000000000000003", name: "Developer" }

export class ProductStore {
  private readonly byId = new Map<number, ProductRecord>()
  private readonly bySlug = new Map<string, ProductRecord>()
  private readonly ids = new Sequence(5000)
  /** product id → device id → positions, oldest first */
  private readonly locations = new Map<number, Map<string, Array<LocationPoint>>>()
  /** product id → device id → configuration set while the device was offline */
  private readonly pending = new Map<number, Map<string, Config>>()

  constructor(private readonly objectIds: ObjectIds) {}

  get(id: number): ProductRecord | undefined {
    return this.byId.get(id)
  }
  /** By numeric id or slug, as every `/v1/products/:productIdOrSlug` route accepts. */
  find(idOrSlug: string): ProductRecord | undefined {
    if (/^\d+$/.test(idOrSlug)) return this.byId.get(Number(idOrSlug))
    return this.bySlug.get(idOrSlug)
  }
  all(): Array<ProductRecord> {
    return [...this.byId.values()]
  }

  create(
    o: {
      id?: number
      slug?: string
      name: string
      platformId: number
      owner: { id: string; username: string }
      orgId?: string
    }
  ): ProductRecord {
    if (o.id !== undefined && this.byId.has(o.id)) throw new Error(`Product ${o.id} already exists`)
    const id = o.id ?? this.ids.next((n) => this.byId.has(n))
    this.ids.bump(id)
    let slug = o.slug ?? `${o.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-v${id}`
    while (this.bySlug.has(slug)) slug = `${slug}-${id}`
    const p: ProductRecord = {
      id,
      slug,
      name: o.name,
      platformId: o.platformId,
      description: "",
      orgId: o.orgId,
      groups: new Map(),
      team: new Map(),
      customers: new Map(),
      firmware: new Map(),
      config: undefined,
      deviceConfig: new Map()
    }
    p.team.set(o.owner.username, { _id: o.owner.id, username: o.owner.username, role: ADMIN_ROLE })
    this.byId.set(id, p)
    this.bySlug.set(slug, p)
    return p
  }

  // ---- groups (device membership lives on the devices; the Store keeps both sides in step)
  ensureGroup(p: ProductRecord, name: string): GroupRecord {
    let g = p.groups.get(name)
    if (!g) {
      g = { name, description: "", color: "#34495e", fw_version: null }
      p.groups.set(name, g)
    }
    return g
  }

  /** Re-keys a group under a new name; returns the renamed record. */
  renameGroup(p: ProductRecord, g: GroupRecord, name: string): GroupRecord {
    const renamed: GroupRecord = { ...g, name }
    p.groups.delete(g.name)
    p.groups.set(name, renamed)
    return renamed
  }

  // ---- firmware
  addFirmware(
    p: ProductRecord,
    o: {
      version: number
      title: string
      description: string
      name: string
      data: Uint8Array
      uploadedBy: string
      mandatory: boolean
      productDefault?: boolean
    }
  ): ProductFirmwareRecord {
    if (p.firmware.has(o.version)) throw new Error(`Version ${o.version} already exists`)
    const f: ProductFirmwareRecord = {
      _id: this.objectIds.next(),
      version: o.version,
      title: o.title,
      description: o.description,
      name: o.name,
      size: o.data.length,
      product_default: o.productDefault === true,
      uploaded_on: nowIso(),
      product_id: p.id,
      uploaded_by: { username: o.uploadedBy },
      groups: [],
      mandatory: o.mandatory,
      data: o.data
    }
    p.firmware.set(f.version, f)
    return f
  }

  deleteFirmware(p: ProductRecord, version: number): boolean {
    return p.firmware.delete(version)
  }

  /** The product default firmware, if one is released. */
  defaultFirmware(p: ProductRecord): ProductFirmwareRecord | undefined {
    for (const f of p.firmware.values()) if (f.product_default) return f
    return undefined
  }

  /**
   * Releases `f` to exactly `groups` (absolute): each of them targets `f` (taken from the version it had),
   * and groups `f` was released to but that are not listed lose it. Every group must exist.
   */
  releaseToGroups(p: ProductRecord, f: ProductFirmwareRecord, groups: ReadonlyArray<string>): void {
    const wanted = new Set(groups)
    for (const name of f.groups) {
      const g = p.groups.get(name)
      if (!wanted.has(name) && g && g.fw_version === f.version) g.fw_version = null
    }
    for (const other of p.firmware.values()) if (other !== f) other.groups = other.groups.filter((g) => !wanted.has(g))
    for (const name of wanted) p.groups.get(name)!.fw_version = f.version
    f.groups = [...wanted]
  }

  /** Keeps the firmware records' group lists in step with a group rename or deletion (`to` undefined). */
  renameGroupInReleases(p: ProductRecord, from: string, to: string | undefined): void {
    for (const f of p.firmware.values()) {
      if (!f.groups.includes(from)) continue
      f.groups = to === undefined ? f.groups.filter((g) => g !== from) : f.groups.map((g) => (g === from ? to : g))
    }
  }

  /**
   * The product firmware version a device should run, by Particle's precedence: none for a development
   * device; its lock if locked; else the highest version released to one of its groups; else the product
   * default.
   */
  targetVersion(p: ProductRecord, d: DeviceRecord): number | undefined {
    if (d.development) return undefined
    if (d.desiredFirmwareVersion !== null) return d.desiredFirmwareVersion
    let best: number | undefined
    for (const name of d.groups) {
      const v = p.groups.get(name)?.fw_version
      if (v !== null && v !== undefined && p.firmware.has(v) && (best === undefined || v > best)) best = v
    }
    return best ?? this.defaultFirmware(p)?.version
  }

  /** Makes `f` the only product default (or clears its flag). */
  setDefaultFirmware(p: ProductRecord, f: ProductFirmwareRecord, isDefault: boolean): void {
    if (isDefault) { for (const x of p.firmware.values()) x.product_default = x === f }
    else f.product_default = false
  }

  // ---- team
  addTeamMember(p: ProductRecord, member: TeamMember): boolean {
    if (p.team.has(member.username)) return false
    p.team.set(member.username, member)
    return true
  }
  removeTeamMember(p: ProductRecord, username: string): boolean {
    return p.team.delete(username)
  }
  /** Replaces a member's record (same username). */
  updateTeamMember(p: ProductRecord, member: TeamMember): void {
    if (p.team.has(member.username)) p.team.set(member.username, member)
  }
  /** The username of the product's first (creating) team member. */
  owner(p: ProductRecord): string | undefined {
    for (const k of p.team.keys()) return k
    return undefined
  }

  // ---- customers
  addCustomer(p: ProductRecord, username: string, password: string | undefined): CustomerRecord {
    if (p.customers.has(username)) throw new Error(`Customer ${username} already exists`)
    const c: CustomerRecord = { id: this.objectIds.next(), username, password }
    p.customers.set(username, c)
    return c
  }
  removeCustomer(p: ProductRecord, username: string): boolean {
    return p.customers.delete(username)
  }

  // ---- configuration (a device's own settings override the product's, section by section)
  /** Merges `patch` into the device's own settings. False when too many devices have settings already. */
  setDeviceConfig(p: ProductRecord, deviceId: string, patch: Config): boolean {
    const own = p.deviceConfig.get(deviceId)
    if (own === undefined && p.deviceConfig.size >= MAX_TRACKED_DEVICES) return false
    p.deviceConfig.set(deviceId, mergeConfig(own ?? {}, patch))
    return true
  }

  /** What the device runs: the product's configuration with the device's own settings on top. */
  effectiveConfig(p: ProductRecord, deviceId: string): Config {
    return mergeConfig(p.config ?? {}, p.deviceConfig.get(deviceId) ?? {})
  }

  pendingConfig(p: ProductRecord, deviceId: string): Config | undefined {
    return this.pending.get(p.id)?.get(deviceId)
  }

  /** Queues settings for an offline device. False when too many devices have pending settings already. */
  addPendingConfig(p: ProductRecord, deviceId: string, patch: Config): boolean {
    let byDevice = this.pending.get(p.id)
    if (!byDevice) {
      byDevice = new Map()
      this.pending.set(p.id, byDevice)
    }
    const prev = byDevice.get(deviceId)
    if (prev === undefined && byDevice.size >= MAX_TRACKED_DEVICES) return false
    byDevice.set(deviceId, mergeConfig(prev ?? {}, patch))
    return true
  }

  /** Applies what waited for the device (it is online now). */
  applyPendingConfig(p: ProductRecord, deviceId: string): void {
    const patch = this.pending.get(p.id)?.get(deviceId)
    if (patch === undefined) return
    this.pending.get(p.id)!.delete(deviceId)
    p.deviceConfig.set(deviceId, mergeConfig(p.deviceConfig.get(deviceId) ?? {}, patch))
  }

  // ---- locations
  /** Records a position (kept in time order; the oldest dropped beyond `MAX_POINTS_PER_DEVICE`). */
  addLocation(p: ProductRecord, deviceId: string, point: LocationPoint): boolean {
    let byDevice = this.locations.get(p.id)
    if (!byDevice) {
      byDevice = new Map()
      this.locations.set(p.id, byDevice)
    }
    let points = byDevice.get(deviceId)
    if (!points) {
      if (byDevice.size >= MAX_TRACKED_DEVICES) return false
      points = []
      byDevice.set(deviceId, points)
    }
    points.push(point)
    points.sort((a, b) => a.time.localeCompare(b.time))
    if (points.length > MAX_POINTS_PER_DEVICE) points.splice(0, points.length - MAX_POINTS_PER_DEVICE)
    return true
  }

  /** The device's positions, oldest first. */
  locationsOf(p: ProductRecord, deviceId: string): ReadonlyArray<LocationPoint> {
    return this.locations.get(p.id)?.get(deviceId) ?? []
  }
}
