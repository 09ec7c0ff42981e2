/**
 * The in-memory Particle Cloud: one store per aggregate, plus the operations that span aggregates (a device
 * joining a product's groups, a user renamed or deleted everywhere). A fresh `Store` is a fresh cloud:
 * every counter lives in it, so `/__sim/reset` (a new Store) resets them all.
 */
import { ObjectIds } from "../ids.js"
import { BillingStore } from "./billing.js"
import { BinaryStore } from "./binaries.js"
import { ClientStore } from "./clients.js"
import { type CreateDeviceInput, DeviceStore } from "./devices.js"
import { DiagnosticsStore } from "./diagnostics.js"
import { EnvStore } from "./env.js"
import { IntegrationStore } from "./integrations.js"
import { LedgerStore } from "./ledger.js"
import { LibraryStore } from "./libraries.js"
import { LogicStore } from "./logic.js"
import { OrgStore } from "./orgs.js"
import { ProductStore } from "./products.js"
import { SecretStore } from "./secrets.js"
import { SimStore } from "./sims.js"
import type { DeviceRecord, GroupRecord, ProductRecord, UserRecord } from "./types.js"
import { UserStore } from "./users.js"

export type { CreateDeviceInput } from "./devices.js"

export class Store {
  readonly objectIds = new ObjectIds()
  readonly users = new UserStore(this.objectIds)
  readonly devices = new DeviceStore()
  readonly products = new ProductStore(this.objectIds)
  readonly orgs = new OrgStore()
  readonly sims = new SimStore()
  readonly libraries = new LibraryStore()
  readonly integrations = new IntegrationStore()
  readonly clients = new ClientStore()
  readonly binaries = new BinaryStore(this.objectIds)
  readonly diagnostics = new DiagnosticsStore()
  readonly ledgers = new LedgerStore()
  readonly logic = new LogicStore()
  readonly env = new EnvStore()
  readonly secrets = new SecretStore()
  readonly billing = new BillingStore()

  /** Creates a device; a product device's groups exist in its product afterwards. */
  createDevice(o: CreateDeviceInput): DeviceRecord {
    const p = o.productId !== undefined ? this.products.get(o.productId) : undefined
    const d = this.devices.create(p === undefined ? { ...o, productId: undefined, groups: [] } : o)
    if (p) { for (const g of d.groups) this.products.ensureGroup(p, g) }
    return d
  }

  /** Puts a device in a product (out of its previous one). */
  addToProduct(d: DeviceRecord, p: ProductRecord): void {
    this.devices.joinProduct(d, p.id)
  }

  /** Replaces a product device's group set; unknown groups are created. */
  setGroups(p: ProductRecord, d: DeviceRecord, groups: ReadonlyArray<string>): void {
    for (const g of groups) this.products.ensureGroup(p, g)
    d.groups = [...new Set(groups)]
  }

  renameGroup(p: ProductRecord, g: GroupRecord, name: string): GroupRecord {
    const renamed = this.products.renameGroup(p, g, name)
    for (const d of this.devices.inProduct(p.id)) {
      if (d.groups.includes(g.name)) d.groups = d.groups.map((x) => (x === g.name ? name : x))
    }
    return renamed
  }

  deleteGroup(p: ProductRecord, name: string): boolean {
    if (!p.groups.delete(name)) return false
    for (const d of this.devices.inProduct(p.id)) {
      if (d.groups.includes(name)) d.groups = d.groups.filter((x) => x !== name)
    }
    return true
  }

  groupDeviceCount(p: ProductRecord, name: string): number {
    let n = 0
    for (const d of this.devices.inProduct(p.id)) if (d.groups.includes(name)) n++
    return n
  }

  /** A team member, or a member of the product's organization. */
  isTeamMember(p: ProductRecord, username: string): boolean {
    if (p.team.has(username)) return true
    const org = p.orgId !== undefined ? this.orgs.get(p.orgId) : undefined
    return org !== undefined && org.members.has(username)
  }

  /** Renames a user everywhere it is indexed by username. */
  renameUser(u: UserRecord, username: string): UserRecord {
    const moved = this.users.rename(u, username)
    this.devices.moveOwner(u.username, username)
    this.sims.moveOwner(u.username, username)
    this.orgs.renameMember(u.username, username)
    for (const p of this.products.all()) {
      if (!p.team.has(u.username)) continue
      const entries = [...p.team.values()]
      p.team.clear()
      for (const m of entries) {
        p.team.set(
          m.username === u.username ? username : m.username,
          m.username === u.username ? { ...m, username } : m
        )
      }
    }
    return moved
  }

  /** Deletes a user: its devices become unclaimed, its tokens die. */
  deleteUser(username: string): void {
    for (const d of this.devices.ownedBy(username)) this.devices.setOwner(d, undefined)
    this.users.remove(username)
  }
}
