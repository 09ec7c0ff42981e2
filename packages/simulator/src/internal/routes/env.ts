/**
 * Environment variables family: one route set per scope — the sandbox (`/v1/env`), an org
 * (`/v1/orgs/:org/env`), a product (`/v1/products/:product/env`) and a device (`/v1/env/:deviceId`) — with
 * list, bulk `PATCH` (≤ 50 Set / Unset ops), set and delete one key, `render`, rollout review and rollout.
 * A device inherits from its product and the product's owner (an org or a user's sandbox), a product from its
 * owner; `latest` is what is set now, `last_snapshot` what the last rollout delivered.
 */
import { first } from "../coerce.js"
import type { AuthedCtx, RouteTable } from "../context.js"
import { isDeviceId } from "../ids.js"
import { ok, permissionDenied, type Reply } from "../reply.js"
import {
  ENV_KEY,
  ENV_KEY_MESSAGE,
  type EnvFrom,
  type EnvOp,
  type EnvScopeRecord,
  type Inherited,
  MAX_ENV_KEY_LENGTH,
  MAX_ENV_OPS,
  MAX_ENV_VALUE_BYTES
} from "../store/env.js"
import type { Store } from "../store/index.js"
import type { DeviceRecord, ProductRecord } from "../store/types.js"
import { isObject, isReply, notFound, validationError } from "./namespaces.js"
import { resolveOrg, resolveProduct } from "./shared.js"

const ACCESS = ["Device"]

interface EnvScope {
  readonly key: string
  readonly kind: "owner" | "product" | "device"
  /** The scopes it inherits from, nearest first. */
  readonly chain: ReadonlyArray<{ readonly key: string; readonly from: EnvFrom }>
}

const userKey = (store: Store, username: string | undefined): string | undefined => {
  const id = username === undefined ? undefined : store.users.get(username)?.id
  return id === undefined ? undefined : `user:${id}`
}

/** The env scope that owns a product: its org, or its owner's sandbox. */
const productOwnerKey = (store: Store, p: ProductRecord): string | undefined =>
  p.orgId !== undefined ? `org:${p.orgId}` : userKey(store, store.products.owner(p))

const productScope = (store: Store, p: ProductRecord): EnvScope => {
  const owner = productOwnerKey(store, p)
  return { key: `product:${p.id}`, kind: "product", chain: owner === undefined ? [] : [{ key: owner, from: "Owner" }] }
}

const deviceScope = (store: Store, d: DeviceRecord): EnvScope => {
  const chain: Array<{ key: string; from: EnvFrom }> = []
  const p = d.productId !== undefined ? store.products.get(d.productId) : undefined
  if (p) {
    chain.push({ key: `product:${p.id}`, from: "Product" })
    const owner = productOwnerKey(store, p)
    if (owner !== undefined) chain.push({ key: owner, from: "Owner" })
  } else {
    const owner = userKey(store, d.owner)
    if (owner !== undefined) chain.push({ key: owner, from: "Owner" })
  }
  return { key: `device:${d.id}`, kind: "device", chain }
}

/** The scope a request addresses, checked against the caller (404 / 403 as the other families answer). */
const scopeOf = (ctx: AuthedCtx): EnvScope | Reply => {
  if (ctx.p["product"] !== undefined) {
    const p = resolveProduct(ctx, ctx.p["product"])
    return isReply(p) ? p : productScope(ctx.store, p)
  }
  if (ctx.p["org"] !== undefined) {
    const org = resolveOrg(ctx)
    return isReply(org) ? org : { key: `org:${org.id}`, kind: "owner", chain: [] }
  }
  const deviceId = ctx.p["deviceId"]
  if (deviceId !== undefined) {
    const d = isDeviceId(deviceId) ? ctx.store.devices.get(deviceId) : undefined
    if (!d) return permissionDenied()
    const p = d.productId !== undefined ? ctx.store.products.get(d.productId) : undefined
    const mine = d.owner === ctx.user.username || (p !== undefined && ctx.store.isTeamMember(p, ctx.user.username))
    return mine ? deviceScope(ctx.store, d) : permissionDenied()
  }
  return { key: `user:${ctx.user.id}`, kind: "owner", chain: [] }
}

/** What the scope inherits now: farther scopes first, nearer ones override. */
const inheritedOf = (store: Store, scope: EnvScope): Map<string, Inherited> => {
  const out = new Map<string, Inherited>()
  for (const { from, key } of [...scope.chain].reverse()) {
    for (const [k, value] of store.env.own(key)) out.set(k, { from, value })
  }
  return out
}

const flatten = (
  own: ReadonlyMap<string, string>,
  inherited: ReadonlyMap<string, Inherited>
): Record<string, string> => {
  const out: Record<string, string> = Object.create(null)
  for (const k of [...new Set([...inherited.keys(), ...own.keys()])].sort()) {
    out[k] = own.get(k) ?? inherited.get(k)!.value
  }
  return out
}

const object = <V>(entries: Iterable<[string, V]>): Record<string, V> => {
  const out: Record<string, V> = Object.create(null)
  for (const [k, v] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = v
  return out
}

const snapshotRendered = (rec: EnvScopeRecord | undefined): Record<string, string> =>
  rec?.snapshot ? flatten(rec.snapshot.own, rec.snapshot.inherited) : Object.create(null)

const listJson = (store: Store, scope: EnvScope) => {
  const rec = store.env.get(scope.key)
  const own = store.env.own(scope.key)
  const inherited = inheritedOf(store, scope)
  const stamps = {
    created_at: rec?.created_at ?? null,
    updated_at: rec?.updated_at ?? null,
    created_by: rec?.created_by ?? null,
    updated_by: rec?.updated_by ?? null
  }
  const out: Record<string, unknown> = {
    latest: {
      own: object([...own].map(([k, value]) => [k, { value, access: ACCESS }])),
      inherited: object([...inherited].map(([k, i]) => [k, { from: i.from, value: i.value, access: ACCESS }])),
      ...stamps
    },
    last_snapshot: rec?.snapshot
      ? {
        own: object([...rec.snapshot.own].map(([k, value]) => [k, { value }])),
        inherited: object([...rec.snapshot.inherited].map(([k, i]) => [k, { from: i.from, value: i.value }])),
        rollout_at: rec.snapshot.rollout_at,
        rollout_by: rec.snapshot.rollout_by
      }
      : null,
    ...stamps
  }
  if (scope.kind === "device" && rec?.snapshot) {
    out["on_device"] = { rendered: snapshotRendered(rec), last_reported_at: rec.snapshot.rollout_at }
  }
  return out
}

const diff = (before: Record<string, string>, after: Record<string, string>) => {
  const changes: Array<Record<string, string>> = []
  const unchanged: Record<string, string> = Object.create(null)
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const b = before[key]
    const a = after[key]
    if (b === undefined) changes.push({ op: "Added", key, after: a! })
    else if (a === undefined) changes.push({ op: "Removed", key, before: b })
    else if (a !== b) changes.push({ op: "Changed", key, before: b, after: a })
    else unchanged[key] = a
  }
  return { changes, unchanged }
}

const keyError = (key: unknown, at: string): Reply | undefined => {
  if (typeof key !== "string" || key.length === 0) return validationError(at, "Is required")
  if (key.length > MAX_ENV_KEY_LENGTH) return validationError(at, `Must be at most ${MAX_ENV_KEY_LENGTH} characters`)
  return ENV_KEY.test(key) ? undefined : validationError(at, ENV_KEY_MESSAGE)
}

const valueError = (value: unknown, at: string): Reply | undefined => {
  if (typeof value !== "string") return validationError(at, "Must be a string")
  return Buffer.byteLength(value) > MAX_ENV_VALUE_BYTES
    ? validationError(at, `Must be at most ${MAX_ENV_VALUE_BYTES} bytes`)
    : undefined
}

const apply = (ctx: AuthedCtx, scope: EnvScope, ops: ReadonlyArray<EnvOp>): Reply => {
  const done = ctx.store.env.apply(scope.key, ops, ctx.user.id)
  if (done === "full") return validationError("ops", "Too many environment variables in this scope")
  return ok(listJson(ctx.store, scope))
}

/** Every scope below this one that has variables or a snapshot (a rollout reaches them too). */
const descendants = (store: Store, scope: EnvScope): Array<EnvScope> => {
  if (scope.kind === "device") return []
  const out: Array<EnvScope> = []
  for (const key of store.env.keys()) {
    if (key.startsWith("product:")) {
      const p = store.products.get(Number(key.slice(8)))
      if (p && scope.kind === "owner" && productOwnerKey(store, p) === scope.key) out.push(productScope(store, p))
    } else if (key.startsWith("device:")) {
      const d = store.devices.get(key.slice(7))
      if (d) {
        const ds = deviceScope(store, d)
        if (ds.chain.some((c) => c.key === scope.key)) out.push(ds)
      }
    }
  }
  return out
}

export const registerEnv = (r: RouteTable): void => {
  for (const base of ["/v1/env", "/v1/orgs/:org/env", "/v1/products/:product/env", "/v1/env/:deviceId"]) {
    const withScope = (f: (ctx: AuthedCtx, scope: EnvScope) => Reply) => (ctx: AuthedCtx): Reply => {
      const scope = scopeOf(ctx)
      return isReply(scope) ? scope : f(ctx, scope)
    }

    r.get(base, withScope((ctx, scope) => ok(listJson(ctx.store, scope))))

    r.patch(
      base,
      withScope((ctx, scope) => {
        const raw = ctx.body["ops"]
        if (raw === undefined) return validationError("ops", "Is required")
        if (!Array.isArray(raw)) return validationError("ops", "Must be an array")
        if (raw.length === 0) return validationError("ops", "Must contain at least 1 item")
        if (raw.length > MAX_ENV_OPS) return validationError("ops", `Must contain at most ${MAX_ENV_OPS} items`)
        const ops: Array<EnvOp> = []
        for (const [i, o] of raw.entries()) {
          if (!isObject(o)) return validationError(`ops[${i}]`, "Must be an object")
          if (o["op"] !== "Set" && o["op"] !== "Unset") {
            return validationError(`ops[${i}].op`, "Must be one of Set, Unset")
          }
          const bad = keyError(o["key"], `ops[${i}].key`)
          if (bad) {
            return bad
          }
          if (o["op"] === "Set") {
            const badValue = valueError(o["value"], `ops[${i}].value`)
            if (badValue) return badValue
            ops.push({ op: "Set", key: o["key"] as string, value: o["value"] as string })
          } else ops.push({ op: "Unset", key: o["key"] as string })
        }
        return apply(ctx, scope, ops)
      })
    )

    r.get(
      `${base}/render`,
      withScope((ctx, scope) => {
        const rec = ctx.store.env.get(scope.key)
        return ok({
          env: flatten(ctx.store.env.own(scope.key), inheritedOf(ctx.store, scope)),
          last_updated_at: rec?.updated_at ?? null,
          rollout_at: rec?.snapshot?.rollout_at ?? null,
          rollout_by: rec?.snapshot?.rollout_by ?? null
        })
      })
    )

    r.get(
      `${base}/rollout`,
      withScope((ctx, scope) => {
        const rec = ctx.store.env.get(scope.key)
        const latest = flatten(ctx.store.env.own(scope.key), inheritedOf(ctx.store, scope))
        const fromSnapshot = diff(snapshotRendered(rec), latest)
        return ok(
          scope.kind === "device"
            ? { from_snapshot: fromSnapshot, from_device: diff(snapshotRendered(rec), latest) }
            : { from_snapshot: fromSnapshot }
        )
      })
    )

    r.post(
      `${base}/rollout`,
      withScope((ctx, scope) => {
        const when = first(ctx.body["when"])
        if (when === undefined) return validationError("when", "Is required")
        if (when !== "Immediate" && when !== "Connect") {
          return validationError("when", "Must be one of Immediate, Connect")
        }
        ctx.store.env.snapshot(scope.key, inheritedOf(ctx.store, scope), ctx.user.id)
        for (const below of descendants(ctx.store, scope)) {
          ctx.store.env.snapshot(below.key, inheritedOf(ctx.store, below), ctx.user.id)
        }
        return ok({ success: true })
      })
    )

    r.put(
      `${base}/:key`,
      withScope((ctx, scope) => {
        const key = ctx.p["key"]!
        const bad = keyError(key, "key") ?? valueError(ctx.body["value"], "value")
        return bad ?? apply(ctx, scope, [{ op: "Set", key, value: ctx.body["value"] as string }])
      })
    )

    r.del(
      `${base}/:key`,
      withScope((ctx, scope) => {
        const key = ctx.p["key"]!
        const bad = keyError(key, "key")
        if (bad) return bad
        if (!ctx.store.env.own(scope.key).has(key)) return notFound(`Environment variable ${key}`)
        return apply(ctx, scope, [{ op: "Unset", key }])
      })
    )
  }
}
