/**
 * Secrets per namespace (a sandbox `user:<id>` or an org `org:<id>`): the value is kept for Logic functions
 * that declare the secret, and never returned by the API, as Particle does.
 */
import { nowIso } from "../coerce.js"

export const SECRET_NAME = /^[A-Z_][A-Z0-9_]*$/
export const MAX_SECRETS_PER_NAMESPACE = 100
export const MAX_SECRET_NAME_LENGTH = 255
export const MAX_SECRET_VALUE_BYTES = 16 * 1024

export interface SecretRecord {
  readonly name: string
  value: string
  readonly created_at: string
  updated_at: string
  readonly created_by: string
  updated_by: string
  last_accessed_at: string | null
}

export class SecretStore {
  private readonly byNamespace = new Map<string, Map<string, SecretRecord>>()

  list(namespace: string): Array<SecretRecord> {
    return [...(this.byNamespace.get(namespace)?.values() ?? [])]
  }
  get(namespace: string, name: string): SecretRecord | undefined {
    return this.byNamespace.get(namespace)?.get(name)
  }

  /** Creates or replaces a secret's value; `"full"` when the namespace holds too many. */
  set(namespace: string, name: string, value: string, by: string): { secret: SecretRecord; created: boolean } | "full" {
    let all = this.byNamespace.get(namespace)
    const existing = all?.get(name)
    const now = nowIso()
    if (existing) {
      existing.value = value
      existing.updated_at = now
      existing.updated_by = by
      return { secret: existing, created: false }
    }
    if ((all?.size ?? 0) >= MAX_SECRETS_PER_NAMESPACE) return "full"
    if (!all) this.byNamespace.set(namespace, all = new Map())
    const secret: SecretRecord = {
      name,
      value,
      created_at: now,
      updated_at: now,
      created_by: by,
      updated_by: by,
      last_accessed_at: null
    }
    all.set(name, secret)
    return { secret, created: true }
  }

  remove(namespace: string, name: string): boolean {
    return this.byNamespace.get(namespace)?.delete(name) ?? false
  }

  /** A secret's value for a Logic run (marks it accessed), or null when there is no such secret. */
  read(namespace: string, name: string): string | null {
    const s = this.get(namespace, name)
    if (!s) return null
    s.last_accessed_at = nowIso()
    return s.value
  }
}
