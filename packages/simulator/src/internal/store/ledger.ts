/**
 * Ledger: definitions per namespace (a sandbox or an org; names unique within it, archived rather than
 * deleted), instances per scope value (the owner, a product id or a device id), each with a bounded history of
 * the versions it replaced.
 */
import { nowIso } from "../coerce.js"

export type LedgerScope = "Owner" | "Product" | "Device"
export type LedgerDirection = "Downstream" | "Upstream"

export const LEDGER_SCOPES: ReadonlyArray<LedgerScope> = ["Owner", "Product", "Device"]
export const LEDGER_DIRECTIONS: ReadonlyArray<LedgerDirection> = ["Downstream", "Upstream"]
/** Lowercase letters, digits and dashes, up to 32 characters (Device OS `Particle.ledger` docs). */
export const LEDGER_NAME = /^[a-z0-9-]{1,32}$/
/** A ledger's data is a JSON object of at most 16 KB (docs: "up to 16 Kbytes in length"). */
export const MAX_LEDGER_DATA_BYTES = 16 * 1024
export const MAX_LEDGERS_PER_NAMESPACE = 100
export const MAX_INSTANCES_PER_LEDGER = 10_000
/** Versions kept per instance; older ones are dropped. */
export const MAX_VERSIONS_PER_INSTANCE = 100
export const MAX_DESCRIPTION_LENGTH = 1024

export interface LedgerDefinitionRecord {
  readonly name: string
  readonly namespace: string
  readonly scope: LedgerScope
  direction: LedgerDirection
  description: string
  readonly created_at: string
  updated_at: string
  archived_at: string | null
}

export interface LedgerVersionRecord {
  readonly version: number
  readonly data: Record<string, unknown>
  readonly size_bytes: number
  readonly created_at: string
  readonly updated_at: string
  readonly replaced_at: string
}

export interface LedgerInstanceRecord {
  readonly ledger: string
  readonly scopeValue: string
  data: Record<string, unknown>
  size_bytes: number
  /** 1 for the first data, +1 on every set. */
  version: number
  readonly created_at: string
  updated_at: string
  /** The data this instance held before, newest last, at most {@link MAX_VERSIONS_PER_INSTANCE}. */
  readonly versions: Array<LedgerVersionRecord>
}

export const sizeOf = (data: unknown): number => Buffer.byteLength(JSON.stringify(data))

const key = (namespace: string, name: string) => `${namespace}\u0000${name}`

export class LedgerStore {
  private readonly definitions = new Map<string, Map<string, LedgerDefinitionRecord>>()
  private readonly instances = new Map<string, Map<string, LedgerInstanceRecord>>()

  definitionsOf(namespace: string): Array<LedgerDefinitionRecord> {
    return [...(this.definitions.get(namespace)?.values() ?? [])]
  }

  get(namespace: string, name: string): LedgerDefinitionRecord | undefined {
    return this.definitions.get(namespace)?.get(name)
  }

  /** Creates a definition; `"taken"` when the name is (archived ones included), `"full"` when the namespace is. */
  create(
    o: { namespace: string; name: string; scope: LedgerScope; direction: LedgerDirection; description: string }
  ): LedgerDefinitionRecord | "taken" | "full" {
    let defs = this.definitions.get(o.namespace)
    if (defs?.has(o.name)) return "taken"
    if ((defs?.size ?? 0) >= MAX_LEDGERS_PER_NAMESPACE) return "full"
    if (!defs) this.definitions.set(o.namespace, defs = new Map())
    const now = nowIso()
    const rec: LedgerDefinitionRecord = { ...o, created_at: now, updated_at: now, archived_at: null }
    defs.set(o.name, rec)
    return rec
  }

  archive(d: LedgerDefinitionRecord): void {
    if (d.archived_at === null) d.archived_at = nowIso()
    d.updated_at = nowIso()
  }

  instancesOf(d: LedgerDefinitionRecord): Array<LedgerInstanceRecord> {
    return [...(this.instances.get(key(d.namespace, d.name))?.values() ?? [])]
  }

  instance(d: LedgerDefinitionRecord, scopeValue: string): LedgerInstanceRecord | undefined {
    return this.instances.get(key(d.namespace, d.name))?.get(scopeValue)
  }

  /**
   * Sets an instance's data (Replace), or merges top-level keys into it (Merge). The data it replaces becomes a
   * version. `"missing"` for a Merge on an instance that does not exist, `"full"` when the ledger holds too many.
   */
  set(
    d: LedgerDefinitionRecord,
    scopeValue: string,
    data: Record<string, unknown>,
    mode: "Replace" | "Merge",
    mergeCreates = false
  ): LedgerInstanceRecord | "missing" | "full" | "too-large" {
    const k = key(d.namespace, d.name)
    let all = this.instances.get(k)
    const existing = all?.get(scopeValue)
    if (!existing && mode === "Merge" && !mergeCreates) return "missing"
    const next = mode === "Merge" && existing
      ? Object.assign(Object.create(null) as Record<string, unknown>, existing.data, data)
      : data
    const size = sizeOf(next)
    if (size > MAX_LEDGER_DATA_BYTES) return "too-large"
    const now = nowIso()
    if (!existing) {
      if ((all?.size ?? 0) >= MAX_INSTANCES_PER_LEDGER) return "full"
      if (!all) this.instances.set(k, all = new Map())
      const rec: LedgerInstanceRecord = {
        ledger: d.name,
        scopeValue,
        data: next,
        size_bytes: size,
        version: 1,
        created_at: now,
        updated_at: now,
        versions: []
      }
      all.set(scopeValue, rec)
      return rec
    }
    this.keepVersion(existing, now)
    existing.data = next
    existing.size_bytes = size
    existing.version++
    existing.updated_at = now
    return existing
  }

  /** Deletes an instance (its history goes with it). */
  remove(d: LedgerDefinitionRecord, scopeValue: string): boolean {
    return this.instances.get(key(d.namespace, d.name))?.delete(scopeValue) ?? false
  }

  private keepVersion(i: LedgerInstanceRecord, replacedAt: string): void {
    i.versions.push({
      version: i.version,
      data: i.data,
      size_bytes: i.size_bytes,
      created_at: i.created_at,
      updated_at: i.updated_at,
      replaced_at: replacedAt
    })
    if (i.versions.length > MAX_VERSIONS_PER_INSTANCE) {
      i.versions.splice(0, i.versions.length - MAX_VERSIONS_PER_INSTANCE)
    }
  }
}
