/**
 * Integrations and legacy webhooks, and what their webhook deliveries did. Ids are numeric strings that
 * never collide with an existing one. Bounded: at most `MAX_INTEGRATIONS` integrations and the last
 * `MAX_DELIVERIES` deliveries (the `logs` of `GET /v1/integrations/:id` are the last 10 of one integration).
 */
import { nowIso } from "../coerce.js"
import { Sequence } from "../ids.js"
import type { IntegrationRecord } from "./types.js"

export const MAX_INTEGRATIONS = 1000
export const MAX_DELIVERIES = 200

export interface IntegrationScope {
  owner: string
  productId: number | undefined
  orgId: string | undefined
}

/** One webhook delivery: the event, the request the simulator built, and what came of it. */
export interface Delivery {
  readonly integrationId: string
  readonly time: string
  readonly event: {
    readonly name: string
    readonly data: string | null
    readonly published_at: string
    readonly coreid: string
  }
  readonly request: {
    readonly method: string
    readonly url: string
    readonly headers: Record<string, string>
    readonly body: string
  }
  /** Whether the simulator sent the request (only to loopback URLs). */
  contacted: boolean
  response: { status: number; headers: Record<string, string>; body: string } | undefined
  error: string | undefined
}

export class IntegrationStore {
  private readonly byId = new Map<string, IntegrationRecord>()
  private readonly ids = new Sequence(10000)
  private readonly deliveries: Array<Delivery> = []
  /** Deliveries running now, and those waiting for a free slot (see the webhooks module). */
  inFlight = 0
  readonly queue: Array<() => void> = []
  /** > 0 while the webhooks module publishes its own hook-* events (they never trigger webhooks). */
  emitting = 0

  create(
    o: IntegrationScope & { legacyWebhook: boolean; fields: Record<string, unknown>; id?: string }
  ): IntegrationRecord {
    if (o.id !== undefined && this.byId.has(o.id)) throw new Error(`Integration ${o.id} already exists`)
    if (this.byId.size >= MAX_INTEGRATIONS) {
      throw new Error(`The simulator holds at most ${MAX_INTEGRATIONS} integrations`)
    }
    const id = o.id ?? String(this.ids.next((n) => this.byId.has(String(n))))
    if (/^\d+$/.test(id)) this.ids.bump(Number(id))
    const rec: IntegrationRecord = {
      id,
      owner: o.owner,
      productId: o.productId,
      orgId: o.orgId,
      legacyWebhook: o.legacyWebhook,
      fields: o.fields,
      created_at: nowIso()
    }
    this.byId.set(id, rec)
    return rec
  }

  get(id: string): IntegrationRecord | undefined {
    return this.byId.get(id)
  }
  get size(): number {
    return this.byId.size
  }
  all(): Array<IntegrationRecord> {
    return [...this.byId.values()]
  }
  remove(id: string): boolean {
    return this.byId.delete(id)
  }
  /** The integrations of exactly this scope (user-owned ones exclude product and org ones). */
  inScope(s: IntegrationScope): Array<IntegrationRecord> {
    return [...this.byId.values()].filter((i) => isInScope(i, s))
  }

  /** Records a delivery (the oldest is forgotten beyond `MAX_DELIVERIES`). */
  record(d: Delivery): Delivery {
    this.deliveries.push(d)
    if (this.deliveries.length > MAX_DELIVERIES) this.deliveries.splice(0, this.deliveries.length - MAX_DELIVERIES)
    return d
  }
  /** Recorded deliveries, oldest first, optionally of one integration. */
  deliveriesOf(integrationId?: string): Array<Delivery> {
    return integrationId === undefined
      ? this.deliveries.slice()
      : this.deliveries.filter((d) => d.integrationId === integrationId)
  }
}

export const isInScope = (i: IntegrationRecord, s: IntegrationScope): boolean =>
  s.productId !== undefined ?
    i.productId === s.productId
    : s.orgId !== undefined ?
    i.orgId === s.orgId
    : i.owner === s.owner && i.productId === undefined && i.orgId === undefined
