/** A cloud event as the simulator routes it to streams. */
import { nowIso } from "./coerce.js"
import type { DeviceRecord, UserRecord } from "./store/types.js"

export interface SimEvent {
  name: string
  data: string | null
  ttl: number
  published_at: string
  coreid: string
  device: DeviceRecord | undefined
  /** the product whose streams see the event */
  productId: number | undefined
  /** the organization an org-scoped publish went to (no product, no device) */
  orgId: string | undefined
  /** user whose "mine" streams see an API-published event */
  apiUser: string | undefined
}

export interface MakeEvent {
  name: string
  data?: string | null | undefined
  ttl?: number | undefined
  device?: DeviceRecord | undefined
  productId?: number | undefined
  orgId?: string | undefined
  apiUser?: UserRecord | undefined
  coreid?: string | undefined
}

export const makeEvent = (o: MakeEvent): SimEvent => ({
  name: o.name,
  data: o.data === undefined ? null : o.data,
  ttl: o.ttl ?? 60,
  published_at: nowIso(),
  coreid: o.coreid ?? o.device?.id ?? o.apiUser?.id ?? "particle-internal",
  device: o.device,
  productId: o.productId ?? o.device?.productId,
  orgId: o.orgId,
  apiUser: o.apiUser?.username
})
