/** Products and what lives inside one: device groups, firmware, team, customers, configuration. */
import { nowIso } from "../coerce.js"
import { Sequence, type ObjectIds } from "../ids.js"
import type { CustomerRecord, GroupRecord, ProductFirmwareRecord, ProductRecord, TeamMember } from "./types.js"

export const ADMIN_ROLE = { id: "000000000000000000000002", name: "Administrator" }
export const DEVELOPER_ROLE = { id: "000000000000000000000003", name: "Developer" }

export class ProductStore {
  private readonly byId = new Map<number, ProductRecord>()
  private readonly bySlug = new Map<string, ProductRecord>()
  private readonly ids = new Sequence(5000)

  constructor(private readonly objectIds: ObjectIds) {}

  get(id: number): ProductRecord | undefined { return this.byId.get(id) }
  /** By numeric id or slug, as every `/v1/products/:productIdOrSlug` route accepts. */
  find(idOrSlug: string): ProductRecord | undefined {
    if (/^\d+$/.test(idOrSlug)) return this.byId.get(Number(idOrSlug))
    return this.bySlug.get(idOrSlug)
  }
  all(): Array<ProductRecord> { return [...this.byId.values()] }

  create(o: { id?: number; slug?: string; name: string; platformId: number; owner: { id: string; username: string }; orgId?: string }): ProductRecord {
    if (o.id !== undefined && this.byId.has(o.id)) throw new Error(`Product ${o.id} already exists`)
    const id = o.id ?? this.ids.next((n) => this.byId.has(n))
    this.ids.bump(id)
    let slug = o.slug ?? `${o.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-v${id}`
    while (this.bySlug.has(slug)) slug = `${slug}-${id}`
    const p: ProductRecord = {
      id, slug, name: o.name, platformId: o.platformId, description: "", orgId: o.orgId,
      groups: new Map(), team: new Map(), customers: new Map(), firmware: new Map(),
      config: undefined, deviceConfig: new Map()
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
  addFirmware(p: ProductRecord, o: { version: number; title: string; description: string; name: string; data: Uint8Array; uploadedBy: string; mandatory: boolean; productDefault?: boolean }): ProductFirmwareRecord {
    if (p.firmware.has(o.version)) throw new Error(`Version ${o.version} already exists`)
    const f: ProductFirmwareRecord = {
      _id: this.objectIds.next(), version: o.version, title: o.title, description: o.description, name: o.name,
      size: o.data.length, product_default: o.productDefault === true, uploaded_on: nowIso(), product_id: p.id,
      uploaded_by: { username: o.uploadedBy }, groups: [], mandatory: o.mandatory, data: o.data
    }
    p.firmware.set(f.version, f)
    return f
  }

  deleteFirmware(p: ProductRecord, version: number): boolean { return p.firmware.delete(version) }

  /** Makes `f` the only product default (or clears its flag). */
  setDefaultFirmware(p: ProductRecord, f: ProductFirmwareRecord, isDefault: boolean): void {
    if (isDefault) for (const x of p.firmware.values()) x.product_default = x === f
    else f.product_default = false
  }

  // ---- team
  addTeamMember(p: ProductRecord, member: TeamMember): boolean {
    if (p.team.has(member.username)) return false
    p.team.set(member.username, member)
    return true
  }
  removeTeamMember(p: ProductRecord, username: string): boolean { return p.team.delete(username) }
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
  removeCustomer(p: ProductRecord, username: string): boolean { return p.customers.delete(username) }

  // ---- configuration
  setDeviceConfig(p: ProductRecord, deviceId: string, config: Record<string, unknown>): void { p.deviceConfig.set(deviceId, config) }
}
