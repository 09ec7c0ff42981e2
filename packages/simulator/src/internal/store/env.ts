/**
 * Environment variables: per scope (`user:<id>` a sandbox, `org:<id>`, `product:<id>`, `device:<id>`) the
 * variables set there (`latest`) and the snapshot the last rollout delivered (`last_snapshot`). Inheritance
 * (owner → product → device) is resolved by the caller, who knows the scope chain.
 */
import { nowIso } from "../coerce.js"

/** Upper-case letters, digits and underscores, not starting with a digit (Particle's validation message). */
export const ENV_KEY = /^[A-Z_][A-Z0-9_]*$/
export const ENV_KEY_MESSAGE =
  "Must only contain uppercase letters, numbers, and underscores. Must not start with a number."
export const MAX_ENV_OPS = 50
export const MAX_ENV_VARS_PER_SCOPE = 200
export const MAX_ENV_KEY_LENGTH = 255
export const MAX_ENV_VALUE_BYTES = 8 * 1024

export type EnvFrom = "Owner" | "Product"

export interface Inherited {
  readonly from: EnvFrom
  readonly value: string
}

export interface EnvSnapshot {
  readonly own: ReadonlyMap<string, string>
  readonly inherited: ReadonlyMap<string, Inherited>
  readonly rollout_at: string
  readonly rollout_by: string
}

export interface EnvScopeRecord {
  readonly key: string
  readonly own: Map<string, string>
  created_at: string | null
  updated_at: string | null
  created_by: string | null
  updated_by: string | null
  snapshot: EnvSnapshot | null
}

export type EnvOp = { readonly op: "Set"; readonly key: string; readonly value: string } | {
  readonly op: "Unset"
  readonly key: string
}

export class EnvStore {
  private readonly scopes = new Map<string, EnvScopeRecord>()

  get(key: string): EnvScopeRecord | undefined {
    return this.scopes.get(key)
  }

  /** The variables set on a scope (empty when none ever were). */
  own(key: string): ReadonlyMap<string, string> {
    return this.scopes.get(key)?.own ?? new Map()
  }

  private ensure(key: string): EnvScopeRecord {
    let s = this.scopes.get(key)
    if (!s) {
      s = {
        key,
        own: new Map(),
        created_at: null,
        updated_at: null,
        created_by: null,
        updated_by: null,
        snapshot: null
      }
      this.scopes.set(key, s)
    }
    return s
  }

  /** Applies every op or none: `"full"` when the scope would hold more than {@link MAX_ENV_VARS_PER_SCOPE}. */
  apply(key: string, ops: ReadonlyArray<EnvOp>, by: string): EnvScopeRecord | "full" {
    const s = this.ensure(key)
    const next = new Map(s.own)
    for (const o of ops) {
      if (o.op === "Set") next.set(o.key, o.value)
      else next.delete(o.key)
    }
    if (next.size > MAX_ENV_VARS_PER_SCOPE) return "full"
    s.own.clear()
    for (const [k, v] of next) s.own.set(k, v)
    const now = nowIso()
    s.created_at ??= now
    s.created_by ??= by
    s.updated_at = now
    s.updated_by = by
    return s
  }

  /** Records what a rollout delivered to a scope. */
  snapshot(key: string, inherited: ReadonlyMap<string, Inherited>, by: string): EnvScopeRecord {
    const s = this.ensure(key)
    s.snapshot = { own: new Map(s.own), inherited: new Map(inherited), rollout_at: nowIso(), rollout_by: by }
    return s
  }

  /** Every scope with a record, for rollouts that reach the scopes below. */
  keys(): Array<string> {
    return [...this.scopes.keys()]
  }
}
