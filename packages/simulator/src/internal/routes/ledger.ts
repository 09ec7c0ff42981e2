/**
 * Ledger family: definitions (create 201, get, update, archive 204, list with `scope` / `archived` / paging)
 * and instances (get, set with `set_mode` Replace or Merge → 201, delete 204, list with paging, versions with
 * `replaced_before` / `replaced_after`), in the sandbox (`/v1/ledgers`) and per org (`/v1/orgs/:org/ledgers`).
 */
import { asBool, first } from "../coerce.js"
import type { AuthedCtx, RouteTable } from "../context.js"
import { isDeviceId } from "../ids.js"
import { noContent, ok, type Reply } from "../reply.js"
import type { Store } from "../store/index.js"
import {
  LEDGER_DIRECTIONS,
  LEDGER_NAME,
  LEDGER_SCOPES,
  type LedgerDefinitionRecord,
  type LedgerDirection,
  type LedgerInstanceRecord,
  type LedgerScope,
  type LedgerVersionRecord,
  MAX_DESCRIPTION_LENGTH,
  MAX_LEDGER_DATA_BYTES
} from "../store/ledger.js"
import {
  apiError,
  cleanJson,
  deviceInNamespace,
  isObject,
  isReply,
  type Namespace,
  namespaceOf,
  notFound,
  productInNamespace,
  validationError
} from "./namespaces.js"
import { pageMeta, pageParams } from "./shared.js"

const VERSIONS_PAGE = 25

export const definitionJson = (d: LedgerDefinitionRecord) => ({
  scope: d.scope,
  name: d.name,
  description: d.description,
  direction: d.direction,
  updated_at: d.updated_at,
  created_at: d.created_at,
  archived_at: d.archived_at
})

/** The owner, product or device an instance belongs to, as `{type, value, name}`, or why the value is not one. */
export const resolveScopeValue = (
  store: Store,
  ns: Namespace,
  username: string,
  scope: LedgerScope,
  value: string
): { value: string; name: string } | Reply => {
  if (scope === "Owner") {
    const ok = value === ns.id || (ns.org !== undefined && value === ns.org.slug)
    return ok ? { value: ns.id, name: ns.name } : notFound(`Scope value ${value}`)
  }
  if (scope === "Product") {
    const p = store.products.find(value)
    return p && productInNamespace(store, ns, p, username)
      ? { value: String(p.id), name: p.name }
      : notFound(`Scope value ${value}`)
  }
  const d = isDeviceId(value) ? store.devices.get(value) : undefined
  return d && deviceInNamespace(store, ns, d, username)
    ? { value: d.id, name: d.name }
    : notFound(`Scope value ${value}`)
}

const scopeNameOf = (store: Store, ns: Namespace, scope: LedgerScope, value: string): string | undefined =>
  scope === "Owner" ? ns.name : scope === "Product" ? store.products.find(value)?.name : store.devices.get(value)?.name

const instanceJson = (
  store: Store,
  ns: Namespace,
  d: LedgerDefinitionRecord,
  i: LedgerInstanceRecord | (LedgerVersionRecord & { scopeValue: string })
) => {
  const scope: Record<string, unknown> = { type: d.scope, value: i.scopeValue }
  const name = scopeNameOf(store, ns, d.scope, i.scopeValue)
  if (name !== undefined) scope["name"] = name
  const out: Record<string, unknown> = {
    name: d.name,
    scope,
    size_bytes: i.size_bytes,
    data: i.data,
    version: i.version,
    updated_at: i.updated_at,
    created_at: i.created_at
  }
  if ("replaced_at" in i) out["replaced_at"] = i.replaced_at
  return out
}

/** The definition object of a create / update body: `{ledger: …}` (particle-api-js) or `{definition: …}` (docs). */
const definitionBody = (ctx: AuthedCtx): { body: Record<string, unknown>; path: string } | Reply => {
  const b = ctx.body
  if (isObject(b["ledger"])) return { body: b["ledger"], path: "ledger" }
  if (isObject(b["definition"])) return { body: b["definition"], path: "definition" }
  return validationError("ledger", "Is required")
}

const isScope = (v: unknown): v is LedgerScope =>
  typeof v === "string" && (LEDGER_SCOPES as ReadonlyArray<string>).includes(v)
const isDirection = (v: unknown): v is LedgerDirection =>
  typeof v === "string" && (LEDGER_DIRECTIONS as ReadonlyArray<string>).includes(v)

const description = (v: unknown, path: string): string | Reply => {
  if (v === undefined || v === null) return ""
  if (typeof v !== "string") return validationError(path, "Must be a string")
  if (v.length > MAX_DESCRIPTION_LENGTH) {
    return validationError(path, `Must be at most ${MAX_DESCRIPTION_LENGTH} characters`)
  }
  return v
}

const withLedger =
  (f: (ctx: AuthedCtx, ns: Namespace, d: LedgerDefinitionRecord) => Reply) => (ctx: AuthedCtx): Reply => {
    const ns = namespaceOf(ctx)
    if (isReply(ns)) return ns
    const d = ctx.store.ledgers.get(ns.key, ctx.p["name"]!)
    return d ? f(ctx, ns, d) : notFound("Ledger")
  }

const withScopeValue = (f: (ctx: AuthedCtx, ns: Namespace, d: LedgerDefinitionRecord, value: string) => Reply) =>
  withLedger((ctx, ns, d) => {
    const v = resolveScopeValue(ctx.store, ns, ctx.user.username, d.scope, ctx.p["scopeValue"]!)
    return isReply(v) ? v : f(ctx, ns, d, v.value)
  })

const dateQuery = (ctx: AuthedCtx, name: string): number | undefined | Reply => {
  const v = first(ctx.query[name])
  if (v === undefined || v === "") return undefined
  const t = Date.parse(v)
  return Number.isNaN(t) ? validationError(name, "Must be a valid ISO 8601 date") : t
}

export const registerLedger = (r: RouteTable): void => {
  for (const base of ["/v1", "/v1/orgs/:org"]) {
    r.get(`${base}/ledgers`, (ctx) => {
      const ns = namespaceOf(ctx)
      if (isReply(ns)) return ns
      const scope = first(ctx.query["scope"])
      if (scope !== undefined && !isScope(scope)) {
        return validationError("scope", `Must be one of ${LEDGER_SCOPES.join(", ")}`)
      }
      const archived = asBool(ctx.query["archived"])
      const { page, perPage } = pageParams(ctx, 100, 100)
      const all = ctx.store.ledgers.definitionsOf(ns.key).filter((d) =>
        (scope === undefined || d.scope === scope) && (archived === undefined || (d.archived_at !== null) === archived)
      )
      const slice = all.slice((page - 1) * perPage, page * perPage)
      return ok({ ledgers: slice.map(definitionJson), meta: pageMeta(page, perPage, all.length) })
    })

    r.post(`${base}/ledgers`, (ctx) => {
      const ns = namespaceOf(ctx)
      if (isReply(ns)) return ns
      const def = definitionBody(ctx)
      if (isReply(def)) return def
      const { body, path } = def
      const name = body["name"]
      if (typeof name !== "string" || !LEDGER_NAME.test(name)) {
        return validationError(
          `${path}.name`,
          "Must only contain lowercase letters, numbers, and dashes, and be 1 to 32 characters long"
        )
      }
      if (!isScope(body["scope"])) return validationError(`${path}.scope`, `Must be one of ${LEDGER_SCOPES.join(", ")}`)
      const direction = body["direction"] ?? "Downstream"
      if (!isDirection(direction)) {
        return validationError(`${path}.direction`, `Must be one of ${LEDGER_DIRECTIONS.join(", ")}`)
      }
      const desc = description(body["description"], `${path}.description`)
      if (isReply(desc)) return desc
      const created = ctx.store.ledgers.create({
        namespace: ns.key,
        name,
        scope: body["scope"],
        direction,
        description: desc
      })
      if (created === "taken") return apiError(409, "conflict", `A ledger named ${name} already exists`)
      if (created === "full") return validationError(path, "Too many ledgers")
      return ok({ ledger: definitionJson(created) }, 201)
    })

    r.get(`${base}/ledgers/:name`, withLedger((_ctx, _ns, d) => ok({ ledger: definitionJson(d) })))

    r.put(
      `${base}/ledgers/:name`,
      withLedger((ctx, _ns, d) => {
        const def = definitionBody(ctx)
        if (isReply(def)) return def
        const { body, path } = def
        if (body["name"] !== undefined && body["name"] !== d.name) {
          return validationError(`${path}.name`, "Must not change")
        }
        if (body["scope"] !== undefined && body["scope"] !== d.scope) {
          return validationError(`${path}.scope`, "Must not change")
        }
        if (body["direction"] !== undefined && !isDirection(body["direction"])) {
          return validationError(`${path}.direction`, `Must be one of ${LEDGER_DIRECTIONS.join(", ")}`)
        }
        const desc = body["description"] === undefined
          ? d.description
          : description(body["description"], `${path}.description`)
        if (isReply(desc)) {
          return desc
        }
        d.description = desc
        if (isDirection(body["direction"])) d.direction = body["direction"]
        d.updated_at = new Date().toISOString()
        return ok({ ledger: definitionJson(d) }, 201)
      })
    )

    r.del(
      `${base}/ledgers/:name`,
      withLedger((ctx, _ns, d) => {
        ctx.store.ledgers.archive(d)
        return noContent()
      })
    )

    r.get(
      `${base}/ledgers/:name/instances`,
      withLedger((ctx, ns, d) => {
        const { page, perPage } = pageParams(ctx, 100, 100)
        const all = ctx.store.ledgers.instancesOf(d)
        const slice = all.slice((page - 1) * perPage, page * perPage)
        return ok({
          instances: slice.map((i) => instanceJson(ctx.store, ns, d, i)),
          meta: pageMeta(page, perPage, all.length)
        })
      })
    )

    r.get(
      `${base}/ledgers/:name/instances/:scopeValue`,
      withScopeValue((ctx, ns, d, value) => {
        const i = ctx.store.ledgers.instance(d, value)
        return i ? ok({ instance: instanceJson(ctx.store, ns, d, i) }) : notFound("Ledger instance")
      })
    )

    r.put(
      `${base}/ledgers/:name/instances/:scopeValue`,
      withScopeValue((ctx, ns, d, value) => {
        if (d.archived_at !== null) return apiError(400, "invalid_request", `Ledger ${d.name} is archived`)
        const mode = first(ctx.query["set_mode"]) ?? "Replace"
        if (mode !== "Replace" && mode !== "Merge") return validationError("set_mode", "Must be one of Replace, Merge")
        const b = ctx.body
        const wrapped = isObject(b["instance"])
        const data = wrapped ? (b["instance"] as Record<string, unknown>)["data"] : b["data"]
        const at = wrapped ? "instance.data" : "data"
        if (data === undefined) return validationError(at, "Is required")
        if (!isObject(data)) return validationError(at, "Must be an object")
        let clean: Record<string, unknown>
        try {
          clean = cleanJson(data) as Record<string, unknown>
        } catch {
          return validationError(at, "Must not be nested more than 64 levels deep")
        }
        const set = ctx.store.ledgers.set(d, value, clean, mode)
        if (set === "missing") return notFound("Ledger instance")
        if (set === "too-large") return validationError(at, `Must be at most ${MAX_LEDGER_DATA_BYTES} bytes`)
        if (set === "full") return apiError(400, "invalid_request", `Ledger ${d.name} has too many instances`)
        return ok({ instance: instanceJson(ctx.store, ns, d, set) }, 201)
      })
    )

    r.del(
      `${base}/ledgers/:name/instances/:scopeValue`,
      withScopeValue((ctx, _ns, d, value) =>
        ctx.store.ledgers.remove(d, value) ? noContent() : notFound("Ledger instance")
      )
    )

    r.get(
      `${base}/ledgers/:name/instances/:scopeValue/versions`,
      withScopeValue((ctx, ns, d, value) => {
        const i = ctx.store.ledgers.instance(d, value)
        if (!i) return notFound("Ledger instance")
        const before = dateQuery(ctx, "replaced_before")
        if (isReply(before)) return before
        const after = dateQuery(ctx, "replaced_after")
        if (isReply(after)) return after
        const matching = i.versions.filter((v) => {
          const t = Date.parse(v.replaced_at)
          return (before === undefined || t < before) && (after === undefined || t > after)
        }).reverse()
        const versions = matching.slice(0, VERSIONS_PAGE).map((v) =>
          instanceJson(ctx.store, ns, d, { ...v, scopeValue: i.scopeValue })
        )
        return ok({ versions, meta: { has_more: matching.length > VERSIONS_PAGE } })
      })
    )

    r.get(
      `${base}/ledgers/:name/instances/:scopeValue/versions/:version`,
      withScopeValue((ctx, ns, d, value) => {
        const i = ctx.store.ledgers.instance(d, value)
        if (!i) return notFound("Ledger instance")
        const n = Number(ctx.p["version"])
        if (n === i.version) return ok({ instance: instanceJson(ctx.store, ns, d, i) })
        const v = i.versions.find((x) => x.version === n)
        return v
          ? ok({ instance: instanceJson(ctx.store, ns, d, { ...v, scopeValue: i.scopeValue }) })
          : notFound("Ledger instance version")
      })
    )
  }
}
