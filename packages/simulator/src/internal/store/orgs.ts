/** Organizations and their members. */
import type { OrgRecord } from "./types.js"

export class OrgStore {
  private readonly byId = new Map<string, OrgRecord>()

  create(o: { id: string; slug: string; name: string; members: ReadonlyArray<string> }): OrgRecord {
    if (this.byId.has(o.id) || this.find(o.slug)) throw new Error(`Organization ${o.slug} already exists`)
    const org: OrgRecord = { id: o.id, slug: o.slug, name: o.name, members: new Set(o.members) }
    this.byId.set(org.id, org)
    return org
  }

  get(id: string): OrgRecord | undefined {
    return this.byId.get(id)
  }

  /** By id or slug. */
  find(idOrSlug: string): OrgRecord | undefined {
    const byId = this.byId.get(idOrSlug)
    if (byId) return byId
    for (const o of this.byId.values()) if (o.slug === idOrSlug) return o
    return undefined
  }

  addMember(org: OrgRecord, username: string): boolean {
    if (org.members.has(username)) return false
    org.members.add(username)
    return true
  }
  dropMember(org: OrgRecord, username: string): boolean {
    return org.members.delete(username)
  }

  /** A renamed user stays a member under its new name. */
  renameMember(from: string, to: string): void {
    for (const o of this.byId.values()) {
      if (o.members.delete(from)) o.members.add(to)
    }
  }
}
