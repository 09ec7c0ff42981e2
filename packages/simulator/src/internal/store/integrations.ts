/** Integrations and legacy webhooks. Ids are numeric strings that never collide with an existing one. */
import { nowIso } from "../coerce.js"
import { Sequence } from "../ids.js"
import type { IntegrationRecord } from "./types.js"

export interface IntegrationScope { owner: string; productId: number | undefined; orgId: string | undefined }

export class IntegrationStore {
  private readonly byId = new Map<string, IntegrationRecord>()
  private readonly ids = new Sequence(10000)

  create(o: IntegrationScope & { legacyWebhook: boolean; fields: Record<string, unknown>; id?: string }): IntegrationRecord {
    if (o.id !== undefined && this.byId.has(o.id)) throw new Error(`Integration ${o.id} already exists`)
    const id = o.id ?? String(this.ids.next((n) => this.byId.has(String(n))))
    if (/^\d+$/.test(id)) this.ids.bump(Number(id))
    const rec: IntegrationRecord = {
      id, owner: o.owner, productId: o.productId, orgId: o.orgId, legacyWebhook: o.legacyWebhook, fields: o.fields, created_at: nowIso()
    }
    this.byId.set(id, rec)
    return rec
  }

  get(id: string): IntegrationRecord | undefined { return this.byId.get(id) }
  remove(id: string): boolean { return this.byId.delete(id) }
  /** The integrations of exactly this scope (user-owned ones exclude product and org ones). */
  inScope(s: IntegrationScope): Array<IntegrationRecord> { return [...this.byId.values()].filter((i) => isInScope(i, s)) }
}

export const isInScope = (i: IntegrationRecord, s: IntegrationScope): boolean =>
  s.productId !== undefined ? i.productId === s.productId
    : s.orgId !== undefined ? i.orgId === s.orgId
    : i.owner === s.owner && i.productId === undefined && i.orgId === undefined
