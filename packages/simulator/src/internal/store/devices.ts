/**
 * Devices with their three indexes (owner, serial number, product), kept in sync by every method. Ids are
 * unique: a generated id never collides with an existing (seeded or created) one.
 */
import { randomBytes } from "node:crypto"
import { nowIso } from "../coerce.js"
import { Sequence } from "../ids.js"
import type { DeviceRecord, FunctionBehaviour, VariableValue } from "./types.js"

export interface CreateDeviceInput {
  owner?: string | undefined
  id?: string | undefined
  name: string
  platformId?: number | undefined
  online?: boolean | undefined
  productId?: number | undefined
  groups?: Array<string> | undefined
  variables?: Record<string, VariableValue> | undefined
  functions?: Record<string, FunctionBehaviour> | undefined
  unresponsive?: boolean | undefined
}

const cellularPlatforms = new Set([10, 13, 23, 25])

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

export class DeviceStore {
  private readonly byId = new Map<string, DeviceRecord>()
  private readonly byOwner = new Map<string, Map<string, DeviceRecord>>()
  private readonly bySerial = new Map<string, DeviceRecord>()
  private readonly byProduct = new Map<number, Map<string, DeviceRecord>>()
  private readonly serials = new Sequence(0)
  private readonly generated = new Sequence(0)
  private readonly prefix = randomBytes(4).toString("hex")

  get(id: string): DeviceRecord | undefined {
    return this.byId.get(id.toLowerCase())
  }
  bySerialNumber(serial: string): DeviceRecord | undefined {
    return this.bySerial.get(serial)
  }

  /** A fresh 24-hex id that no device has; cheap (no crypto call per device). */
  private freshId(): string {
    let id: string
    do {
      id = this.prefix + this.generated.next().toString(16).padStart(16, "0")
    } while (this.byId.has(id))
    return id
  }

  /** Creates a device (replacing one with the same explicit id). Product groups are the caller's business. */
  create(o: CreateDeviceInput): DeviceRecord {
    const platformId = o.platformId ?? 6
    const id = o.id !== undefined ? o.id.toLowerCase() : this.freshId()
    const old = this.byId.get(id)
    if (old) this.remove(old)
    const n = this.serials.next((k) => this.bySerial.has(serialFor(platformId, k)))
    const cellular = cellularPlatforms.has(platformId)
    const now = nowIso()
    const d: DeviceRecord = {
      id,
      name: o.name,
      owner: o.owner,
      platformId,
      productId: o.productId,
      online: o.online ?? true,
      unresponsive: o.unresponsive ?? false,
      variables: ownCopy(o.variables),
      functions: ownCopy(o.functions),
      groups: [...(o.groups ?? [])],
      notes: null,
      serialNumber: serialFor(platformId, n),
      iccid: cellular ? `8934076500${id.slice(-9).replace(/[a-f]/g, "0")}` : undefined,
      imei: cellular ? `35752000${n.toString().padStart(7, "0").slice(-7)}` : undefined,
      cellular,
      systemFirmwareVersion: "5.8.0",
      firmwareVersion: o.productId !== undefined ? 1 : null,
      desiredFirmwareVersion: null,
      development: false,
      quarantined: false,
      firmwareUpdatesEnabled: true,
      firmwareUpdatesForced: false,
      lastHeard: now,
      lastHandshakeAt: now,
      lastApp: "",
      lastIp: "127.0.0.1"
    }
    this.byId.set(id, d)
    this.bySerial.set(d.serialNumber, d)
    if (d.owner !== undefined) indexOf(this.byOwner, d.owner).set(id, d)
    if (d.productId !== undefined) indexOf(this.byProduct, d.productId).set(id, d)
    return d
  }

  remove(d: DeviceRecord): void {
    this.leaveProduct(d)
    this.setOwner(d, undefined)
    this.byId.delete(d.id)
    this.bySerial.delete(d.serialNumber)
  }

  setOwner(d: DeviceRecord, owner: string | undefined): void {
    if (d.owner !== undefined) this.byOwner.get(d.owner)?.delete(d.id)
    ;(d as Mutable<DeviceRecord>).owner = owner
    if (owner !== undefined) indexOf(this.byOwner, owner).set(d.id, d)
  }

  /** Moves every device of `from` to `to` (a renamed user). */
  moveOwner(from: string, to: string): void {
    for (const d of this.ownedBy(from)) this.setOwner(d, to)
  }

  /** Adds a device to a product (leaving its previous one); firmware version defaults to 1. */
  joinProduct(d: DeviceRecord, productId: number): void {
    if (d.productId === productId) return
    this.leaveProduct(d)
    ;(d as Mutable<DeviceRecord>).productId = productId
    d.firmwareVersion = d.firmwareVersion ?? 1
    indexOf(this.byProduct, productId).set(d.id, d)
  }

  /** Removes a device from its product; it loses its groups. */
  leaveProduct(d: DeviceRecord): void {
    if (d.productId === undefined) return
    this.byProduct.get(d.productId)?.delete(d.id)
    ;(d as Mutable<DeviceRecord>).productId = undefined
    d.groups = []
  }

  ownedBy(username: string): Array<DeviceRecord> {
    return [...(this.byOwner.get(username)?.values() ?? [])]
  }
  ownedIds(username: string): Array<string> {
    return [...(this.byOwner.get(username)?.keys() ?? [])]
  }
  /** Product members in the order they joined. */
  inProduct(productId: number): Array<DeviceRecord> {
    return [...(this.byProduct.get(productId)?.values() ?? [])]
  }

  /** User-scope lookup by id or name among the devices the user owns. */
  findUserDevice(username: string, idOrName: string): DeviceRecord | undefined {
    const own = this.byOwner.get(username)
    if (!own) return undefined
    const byId = own.get(idOrName.toLowerCase())
    if (byId) return byId
    for (const d of own.values()) if (d.name === idOrName) return d
    return undefined
  }

  /** A product device by id (product-scope routes need the id, not the name). */
  inProductById(productId: number, id: string): DeviceRecord | undefined {
    return this.byProduct.get(productId)?.get(id.toLowerCase())
  }
}

/**
 * A prototype-free copy: variable and function names are user-controlled, so `__proto__`, `constructor` and
 * the like must be ordinary keys (on `{}`, `v["__proto__"] = 1` is silently dropped).
 */
export const ownCopy = <V>(from: Record<string, V> | undefined): Record<string, V> => {
  const out = Object.create(null) as Record<string, V>
  if (from) { for (const k of Object.keys(from)) out[k] = from[k]! }
  return out
}

const serialFor = (platformId: number, n: number): string =>
  `SIM${platformId.toString().padStart(3, "0")}${n.toString(36).toUpperCase().padStart(9, "0")}`

const indexOf = <K, V>(m: Map<K, Map<string, V>>, k: K): Map<string, V> => {
  let inner = m.get(k)
  if (!inner) {
    inner = new Map()
    m.set(k, inner)
  }
  return inner
}
