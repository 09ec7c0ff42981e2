/**
 * What the newer services (Ledger, Logic, environment variables, secrets, service agreements) share: the
 * namespace a request addresses (the caller's sandbox under `/v1/…`, or an organization under
 * `/v1/orgs/:org/…`), the products and devices a namespace may use, and their `{error, error_description}`
 * error bodies, with Particle's validation-error text.
 */
import type { AuthedCtx } from "../context.js"
import type { Reply } from "../reply.js"
import type { Store } from "../store/index.js"
import type { DeviceRecord, OrgRecord, ProductRecord } from "../store/types.js"
import { isReply, resolveOrg } from "./shared.js"

export { isReply }

/** The sandbox of a user (`user:<id>`) or an organization (`org:<id>`). */
export interface Namespace {
  /** `user:<user id>` or `org:<org id>`: the key every store of these families is indexed by. */
  readonly key: string
  readonly kind: "user" | "org"
  /** The user id (sandbox) or the org id. */
  readonly id: string
  readonly org: OrgRecord | undefined
  /** The username of a sandbox. */
  readonly username: string | undefined
  /** A display name (the username or the org's name). */
  readonly name: string
}

export const sandboxOf = (userId: string, username: string): Namespace => ({
  key: `user:${userId}`,
  kind: "user",
  id: userId,
  org: undefined,
  username,
  name: username
})

export const orgNamespace = (org: OrgRecord): Namespace => ({
  key: `org:${org.id}`,
  kind: "org",
  id: org.id,
  org,
  username: undefined,
  name: org.name
})

/** `/v1/orgs/:org/…` → the org (404 for an unknown org or a non-member); `/v1/…` → the caller's sandbox. */
export const namespaceOf = (ctx: AuthedCtx): Namespace | Reply => {
  if (ctx.p["org"] === undefined) return sandboxOf(ctx.user.id, ctx.user.username)
  const org = resolveOrg(ctx)
  return isReply(org) ? org : orgNamespace(org)
}

/** Whether `username` may use a product in this namespace: an org's own products, or a sandbox user's team products. */
export const productInNamespace = (store: Store, ns: Namespace, p: ProductRecord, username: string): boolean =>
  ns.kind === "org" ? p.orgId === ns.id : store.isTeamMember(p, username)

/** A device usable in this namespace: in one of its products, or (sandbox) owned by the user. */
export const deviceInNamespace = (store: Store, ns: Namespace, d: DeviceRecord, username: string): boolean => {
  if (d.productId !== undefined) {
    const p = store.products.get(d.productId)
    if (p && productInNamespace(store, ns, p, username)) return true
  }
  return ns.kind === "user" && d.owner === username
}

/** `{error, error_description}`, the body family of the newer services. */
export const apiError = (status: number, error: string, description: string): Reply => ({
  status,
  json: { error, error_description: description }
})

export const notFound = (what: string): Reply => apiError(404, "not_found", `${what} not found`)

/**
 * Particle's validation error (particle-cli's env fixture): `Validation error: : <message> at "<path>"`, e.g.
 * `Validation error: : Must only contain uppercase letters, numbers, and underscores. Must not start with a
 * number. at "ops[0].key"`.
 */
export const validationError = (path: string, message: string): Reply =>
  apiError(400, "invalid_request", `Validation error: : ${message} at "${path}"`)

/** A plain JSON object (not an array, not null). */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v)

/** ISO-8601 with microseconds, as Logic writes its timestamps (`2023-08-08T18:37:20.355177Z`). */
export const microIso = (ms: number = Date.now()): string => new Date(ms).toISOString().replace(/Z$/, "000Z")

/** A copy of parsed JSON as plain data with null-prototype objects, so no key (e.g. `__proto__`) is special. */
export const cleanJson = (v: unknown, depth = 0): unknown => {
  if (depth > 64) throw new Error("too deeply nested")
  if (Array.isArray(v)) return v.map((x) => cleanJson(x, depth + 1))
  if (isObject(v)) {
    const out = Object.create(null) as Record<string, unknown>
    for (const k of Object.keys(v)) out[k] = cleanJson(v[k], depth + 1)
    return out
  }
  return v
}
