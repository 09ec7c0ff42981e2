/**
 * Logic family: functions (create 201, get, update, delete 204, list with `today_stats`, daily stats), their
 * runs and run logs, and `execute`, in the sandbox (`/v1/logic/…`) and per org (`/v1/orgs/:org/logic/…`).
 *
 * Functions really run (see `store/logic-vm.ts`): `execute` runs the posted code once (no run is recorded, as
 * Particle documents); an event published in the simulator that matches an enabled Event trigger of an enabled
 * function starts a run (prefix match on the event name; in the trigger's product, or else among the events the
 * namespace's owner sees); a Scheduled trigger runs once its cron time has come, checked whenever the simulator
 * handles a Logic request or an event (missed occurrences run once). Events a Logic function publishes start no
 * Logic runs, so functions cannot loop through each other.
 */
import type { AuthedCtx, RouteTable, Services } from "../context.js"
import type { SimEvent } from "../events.js"
import { uuid } from "../ids.js"
import { noContent, ok, type Reply } from "../reply.js"
import type { Store } from "../store/index.js"
import { compile, runCompiled, type VmHost, type VmLog, type VmResult } from "../store/logic-vm.js"
import {
  LOGIC_VM_LIMITS,
  type LogicFunctionRecord,
  type LogicRunRecord,
  type LogicTriggerRecord,
  MAX_FUNCTIONS_PER_NAMESPACE,
  MAX_TRIGGERS_PER_FUNCTION,
  nextFire,
  parseCron
} from "../store/logic.js"
import { SECRET_NAME } from "../store/secrets.js"
import { resolveScopeValue } from "./ledger.js"
import {
  apiError,
  cleanJson,
  isObject,
  isReply,
  microIso,
  type Namespace,
  namespaceOf,
  notFound,
  orgNamespace,
  productInNamespace,
  sandboxOf,
  validationError
} from "./namespaces.js"

const MAX_NAME = 128
const MAX_DESCRIPTION = 1024
const MAX_EVENT_NAME = 64
const MAX_EVENT_DATA = 16 * 1024

// ---------------------------------------------------------------------------------------------------- JSON

const triggerJson = (fn: LogicFunctionRecord, t: LogicTriggerRecord) => {
  const out: Record<string, unknown> = {
    id: t.id,
    type: t.type,
    logic_function_id: fn.id,
    enabled: t.enabled,
    version: t.version
  }
  if (t.type === "Event") {
    out["event_name"] = t.event_name
    if (t.product_id !== undefined) out["product_id"] = t.product_id
  } else {
    out["cron"] = t.cron
    out["start_at"] = t.start_at
    out["end_at"] = t.end_at ?? null
    out["last_scheduled_at"] = t.last_scheduled_at ?? null
    out["next_unscheduled_at"] = t.nextAt === undefined ? null : new Date(t.nextAt).toISOString()
  }
  return out
}

const functionJson = (store: Store, fn: LogicFunctionRecord, stats = false) => {
  const out: Record<string, unknown> = {
    id: fn.id,
    owner_id: fn.ownerId,
    version: fn.version,
    enabled: fn.enabled,
    name: fn.name,
    description: fn.description,
    template_slug: fn.template_slug,
    source: { type: "JavaScript", code: fn.code },
    created_at: fn.created_at,
    updated_at: fn.updated_at,
    created_by: fn.created_by,
    updated_by: fn.updated_by,
    logic_triggers: fn.triggers.map((t) => triggerJson(fn, t)),
    api_username: fn.api_username,
    secrets: fn.secrets,
    use_env: fn.use_env
  }
  if (fn.namespace.startsWith("org:")) out["org_slug"] = store.orgs.get(fn.namespace.slice(4))?.slug
  if (stats) out["today_stats"] = store.logic.today(fn)
  return out
}

const runJson = (r: LogicRunRecord) => ({
  id: r.id,
  owner_id: r.owner_id,
  logic_function_id: r.logic_function_id,
  logic_trigger_type: r.logic_trigger_type,
  logic_trigger_id: r.logic_trigger_id,
  status: r.status,
  started_at: r.started_at,
  finished_at: r.finished_at,
  log_filename: r.log_filename
})

// ---------------------------------------------------------------------------------------------------- running

interface EventInfo {
  readonly publishedAt: string
  readonly eventName: string
  readonly eventData?: string | undefined
  readonly deviceId?: string | undefined
  readonly productId?: number | undefined
  readonly userId?: string | undefined
}

const namespaceOfFunction = (store: Store, fn: LogicFunctionRecord): Namespace | undefined => {
  if (fn.namespace.startsWith("org:")) {
    const org = store.orgs.get(fn.namespace.slice(4))
    return org ? orgNamespace(org) : undefined
  }
  return sandboxOf(fn.namespace.slice(5), fn.ownerUsername ?? "")
}

/** What `main(context)` gets: function and trigger info, the declared secrets, the namespace's variables, the event or schedule. */
const contextFor = (store: Store, ns: Namespace, o: {
  readonly logicFunctionId: string
  readonly secrets: ReadonlyArray<string> | null
  readonly useEnv: boolean | null
  readonly event?: EventInfo | undefined
  readonly scheduled?: { readonly scheduledAt: number; readonly trigger: LogicTriggerRecord } | undefined
}) => {
  const secrets: Record<string, string | null> = {}
  for (const name of o.secrets ?? []) secrets[name] = store.secrets.read(ns.key, name)
  const env: Record<string, string> = {}
  if (o.useEnv !== false) { for (const [k, v] of store.env.own(ns.key)) env[k] = v }
  const context: Record<string, unknown> = {
    functionInfo: { ownerId: ns.kind === "org" ? `org:${ns.id}` : `user:${ns.id}`, logicFunctionId: o.logicFunctionId },
    trigger: { ...(o.event ? { triggerEventId: uuid() } : {}), triggeredAt: new Date().toISOString() },
    secrets,
    env
  }
  if (o.event) context["event"] = o.event
  if (o.scheduled) {
    context["scheduled"] = {
      scheduledAt: new Date(o.scheduled.scheduledAt).toISOString(),
      startAt: o.scheduled.trigger.start_at,
      ...(o.scheduled.trigger.end_at ? { endAt: o.scheduled.trigger.end_at } : {})
    }
  }
  return context
}

/** `Particle.publish` and `Particle.ledger` of a run, against the store the run started in. */
const hostFor = (
  sim: Services,
  store: Store,
  ns: Namespace,
  username: string,
  event: EventInfo | undefined
): VmHost => ({
  publish: (p) => {
    if (sim.store !== store) return "The simulator was reset"
    if (p.name.length === 0 || p.name.length > MAX_EVENT_NAME) {
      return `Event name must be 1 to ${MAX_EVENT_NAME} characters`
    }
    if (p.data !== null && p.data.length > MAX_EVENT_DATA) {
      return `Event data must be at most ${MAX_EVENT_DATA} characters`
    }
    const product = p.productId === undefined ? undefined : store.products.get(p.productId)
    if (p.productId !== undefined && (!product || !productInNamespace(store, ns, product, username))) {
      return `Product ${p.productId} not found`
    }
    const device = p.asDeviceId === undefined ? undefined : store.devices.get(p.asDeviceId)
    if (p.asDeviceId !== undefined && (!device || !product || device.productId !== product.id)) {
      return `Device ${p.asDeviceId} not found in the product`
    }
    const apiUser = ns.kind === "user" ? store.users.get(username) : undefined
    store.logic.publishing++
    try {
      sim.publish({
        name: p.name,
        data: p.data,
        device,
        productId: product?.id,
        apiUser: apiUser?.id === ns.id ? apiUser : undefined,
        orgId: ns.kind === "org" && product === undefined ? ns.id : undefined
      })
    } finally {
      store.logic.publishing--
    }
    return undefined
  },
  ledger: (r) => {
    if (sim.store !== store) return { error: "The simulator was reset" }
    const def = typeof r.name === "string" ? store.ledgers.get(ns.key, r.name) : undefined
    if (!def) return { error: `Ledger ${String(r.name)} not found` }
    let raw: string | undefined
    if (def.scope === "Owner") raw = ns.id
    else if (def.scope === "Product") {
      raw = r.scope?.productId !== undefined
        ? String(r.scope.productId)
        : event?.productId !== undefined
        ? String(event.productId)
        : undefined
    } else raw = r.scope?.deviceId ?? event?.deviceId
    if (raw === undefined) {
      return {
        error: `Ledger ${def.name} is ${def.scope}-scoped: pass a ${def.scope === "Product" ? "productId" : "deviceId"}`
      }
    }
    const scope = resolveScopeValue(store, ns, username, def.scope, raw)
    if (isReply(scope)) return { error: `Scope value ${raw} not found for ledger ${def.name}` }
    if (r.op === "get") {
      const i = store.ledgers.instance(def, scope.value)
      return { value: i ? { updatedAt: i.updated_at, data: i.data } : { updatedAt: null, data: {} } }
    }
    if (r.op === "delete") {
      store.ledgers.remove(def, scope.value)
      return { value: null }
    }
    if (def.archived_at !== null) return { error: `Ledger ${def.name} is archived` }
    if (!isObject(r.data)) return { error: "Ledger data must be an object" }
    let data: Record<string, unknown>
    try {
      data = cleanJson(r.data) as Record<string, unknown>
    } catch {
      return { error: "Ledger data is nested too deeply" }
    }
    const set = store.ledgers.set(def, scope.value, data, r.mode === "Merge" ? "Merge" : "Replace", true)
    if (set === "too-large") return { error: "Ledger data is too large" }
    if (set === "full" || set === "missing") return { error: `Ledger ${def.name} has too many instances` }
    return { value: null }
  }
})

const run = (
  sim: Services,
  store: Store,
  script: string,
  context: unknown,
  ns: Namespace,
  username: string,
  event: EventInfo | undefined
): Promise<VmResult> =>
  runCompiled(script, JSON.stringify(context), hostFor(sim, store, ns, username, event), LOGIC_VM_LIMITS)

/** Queues a recorded run of a function; false when the queue is full. */
const startRun = (
  sim: Services,
  fn: LogicFunctionRecord,
  trigger: LogicTriggerRecord,
  o: { event?: EventInfo; scheduledAt?: number }
): boolean => {
  const store = sim.store
  const ns = namespaceOfFunction(store, fn)
  if (!ns) return false
  return store.logic.queue.enqueue(async () => {
    if (!store.logic.has(fn)) return
    const startedMs = Date.now()
    const context = contextFor(store, ns, {
      logicFunctionId: fn.id,
      secrets: fn.secrets,
      useEnv: fn.use_env,
      event: o.event,
      scheduled: o.scheduledAt === undefined ? undefined : { scheduledAt: o.scheduledAt, trigger }
    })
    const result = await run(sim, store, fn.script, context, ns, fn.ownerUsername ?? "", o.event)
    const finishedMs = Date.now()
    const id = uuid()
    const status = result.status === "Exception" ? "Failure" : result.status
    const logs: Array<VmLog> = [...result.logs]
    if (result.error !== undefined) {
      logs.push({ level: "Error", timestamp: new Date(finishedMs).toISOString(), args: [result.error] })
    }
    store.logic.recordRun(fn, {
      id,
      owner_id: fn.ownerId,
      logic_function_id: fn.id,
      logic_trigger_type: trigger.type,
      logic_trigger_id: trigger.id,
      status,
      started_at: microIso(startedMs),
      finished_at: microIso(finishedMs),
      log_filename:
        `${fn.ownerId}/function-${fn.id}/${trigger.type}-${trigger.id}/${startedMs}:${finishedMs}_${id}.json`,
      logs
    })
  })
}

/** Starts the runs of every scheduled trigger whose time has come. */
const runDue = (sim: Services): void => {
  for (const { at, fn, trigger } of sim.store.logic.due(Date.now())) startRun(sim, fn, trigger, { scheduledAt: at })
}

const eventInfo = (store: Store, ev: SimEvent): EventInfo => ({
  publishedAt: ev.published_at,
  eventName: ev.name,
  eventData: ev.data ?? undefined,
  deviceId: ev.device?.id ?? ev.coreid,
  productId: ev.productId,
  userId: ev.device?.owner !== undefined
    ? store.users.get(ev.device.owner)?.id
    : ev.apiUser !== undefined
    ? store.users.get(ev.apiUser)?.id
    : undefined
})

const triggerMatches = (store: Store, fn: LogicFunctionRecord, t: LogicTriggerRecord, ev: SimEvent): boolean => {
  if (t.type !== "Event" || !t.enabled || t.event_name === undefined || !ev.name.startsWith(t.event_name)) return false
  if (t.product_id !== undefined) return ev.productId === t.product_id
  if (fn.namespace.startsWith("org:")) {
    const orgId = fn.namespace.slice(4)
    const p = ev.productId !== undefined ? store.products.get(ev.productId) : undefined
    return ev.orgId === orgId || p?.orgId === orgId
  }
  const username = fn.ownerUsername
  return username !== undefined && (ev.device?.owner === username || ev.apiUser === username)
}

/** Every published event: scheduled triggers that are due, then the Event triggers it matches. Never throws, never waits. */
export const logicOnEvent = (sim: Services, ev: SimEvent): void => {
  const store = sim.store
  runDue(sim)
  if (store.logic.publishing > 0) return
  for (const fn of store.logic.all()) {
    if (!fn.enabled) continue
    for (const t of fn.triggers) {
      if (triggerMatches(store, fn, t, ev)) startRun(sim, fn, t, { event: eventInfo(store, ev) })
    }
  }
}

// ---------------------------------------------------------------------------------------------------- validation

const stringField = (
  v: unknown,
  at: string,
  o: { required?: boolean; max: number; nullable?: boolean }
): string | null | undefined | Reply => {
  if (v === undefined) return o.required ? validationError(at, "Is required") : undefined
  if (v === null && o.nullable) return null
  if (typeof v !== "string") return validationError(at, "Must be a string")
  if (o.required && v.length === 0) return validationError(at, "Is required")
  return v.length > o.max ? validationError(at, `Must be at most ${o.max} characters`) : v
}

const dateField = (v: unknown, at: string): string | null | undefined | Reply => {
  if (v === undefined || v === null) return v
  if (typeof v !== "string" || Number.isNaN(Date.parse(v))) return validationError(at, "Must be a valid ISO 8601 date")
  return new Date(Date.parse(v)).toISOString()
}

const triggersOf = (
  ctx: AuthedCtx,
  ns: Namespace,
  raw: unknown,
  version: number,
  existing: ReadonlyArray<LogicTriggerRecord>
): Array<LogicTriggerRecord> | Reply => {
  if (!Array.isArray(raw)) return validationError("logic_function.logic_triggers", "Must be an array")
  if (raw.length > MAX_TRIGGERS_PER_FUNCTION) {
    return validationError("logic_function.logic_triggers", `Must contain at most ${MAX_TRIGGERS_PER_FUNCTION} items`)
  }
  const out: Array<LogicTriggerRecord> = []
  for (const [i, t] of raw.entries()) {
    const at = (f: string) => `logic_function.logic_triggers[${i}]${f === "" ? "" : "." + f}`
    if (!isObject(t)) return validationError(at(""), "Must be an object")
    if (t["type"] !== "Event" && t["type"] !== "Scheduled") {
      return validationError(at("type"), "Must be one of Event, Scheduled")
    }
    if (t["enabled"] !== undefined && typeof t["enabled"] !== "boolean") {
      return validationError(at("enabled"), "Must be a boolean")
    }
    const kept = typeof t["id"] === "string"
      ? existing.find((x) => x.id === t["id"] && x.type === t["type"])
      : undefined
    const base = { id: kept?.id ?? uuid(), enabled: t["enabled"] !== false, version }
    if (t["type"] === "Event") {
      const name = stringField(t["event_name"] ?? t["event"], at("event_name"), { required: true, max: MAX_EVENT_NAME })
      if (isReply(name)) return name
      let productId: number | undefined
      if (t["product_id"] !== undefined && t["product_id"] !== null) {
        const p = typeof t["product_id"] === "number" || typeof t["product_id"] === "string"
          ? ctx.store.products.find(String(t["product_id"]))
          : undefined
        if (!p || !productInNamespace(ctx.store, ns, p, ctx.user.username)) {
          return validationError(at("product_id"), "Product not found")
        }
        productId = p.id
      }
      out.push({ ...base, type: "Event", event_name: name as string, product_id: productId })
    } else {
      const cron = stringField(t["cron"], at("cron"), { required: true, max: 128 })
      if (isReply(cron)) return cron
      const parsed = parseCron(cron as string)
      if (typeof parsed === "string") return validationError(at("cron"), `Invalid cron expression: ${parsed}`)
      const start = dateField(t["start_at"], at("start_at"))
      if (isReply(start)) return start
      const end = dateField(t["end_at"], at("end_at"))
      if (isReply(end)) return end
      const startAt = start ?? kept?.start_at ?? new Date().toISOString()
      if (typeof end === "string" && Date.parse(end) < Date.parse(startAt)) {
        return validationError(at("end_at"), "Must not be before start_at")
      }
      const trigger: LogicTriggerRecord = {
        ...base,
        type: "Scheduled",
        cron: cron as string,
        cronParsed: parsed,
        start_at: startAt,
        end_at: end ?? null,
        last_scheduled_at: kept?.last_scheduled_at ?? null
      }
      trigger.nextAt = nextFire(trigger, Date.now())
      out.push(trigger)
    }
  }
  return out
}

interface Fields {
  name?: string
  description?: string
  enabled?: boolean
  code?: string
  script?: string
  template_slug?: string | null
  api_username?: string | null
  secrets?: Array<string> | null
  use_env?: boolean | null
  triggers?: Array<LogicTriggerRecord>
}

/** The fields of a `{logic_function: …}` body; on create, `name` and `source.code` are required. */
const fieldsOf = (
  ctx: AuthedCtx,
  ns: Namespace,
  existing: LogicFunctionRecord | undefined,
  version: number
): Fields | Reply => {
  const b = ctx.body["logic_function"]
  if (!isObject(b)) return validationError("logic_function", "Is required")
  const out: Fields = {}
  const name = stringField(b["name"], "logic_function.name", { required: existing === undefined, max: MAX_NAME })
  if (isReply(name)) return name
  if (typeof name === "string") out.name = name
  const description = stringField(b["description"], "logic_function.description", {
    max: MAX_DESCRIPTION,
    nullable: true
  })
  if (isReply(description)) return description
  if (description !== undefined) out.description = description ?? ""
  if (b["enabled"] !== undefined) {
    if (typeof b["enabled"] !== "boolean") return validationError("logic_function.enabled", "Must be a boolean")
    out.enabled = b["enabled"]
  }
  const source = b["source"]
  if (source !== undefined || existing === undefined) {
    if (!isObject(source)) return validationError("logic_function.source", "Is required")
    if (source["type"] !== undefined && source["type"] !== "JavaScript") {
      return validationError("logic_function.source.type", "Must be JavaScript")
    }
    const code = stringField(source["code"], "logic_function.source.code", { required: true, max: 256 * 1024 })
    if (isReply(code)) return code
    const compiled = compile(code as string)
    if ("error" in compiled) return validationError("logic_function.source.code", compiled.error)
    out.code = code as string
    out.script = compiled.script
  }
  for (const f of ["template_slug", "api_username"] as const) {
    const v = stringField(b[f], `logic_function.${f}`, { max: MAX_NAME, nullable: true })
    if (isReply(v)) return v
    if (v !== undefined) out[f] = v
  }
  if (b["secrets"] !== undefined) {
    const s = b["secrets"]
    if (
      s !== null &&
      (!Array.isArray(s) || s.length > 100 || !s.every((x) => typeof x === "string" && SECRET_NAME.test(x)))
    ) {
      return validationError("logic_function.secrets", "Must be an array of secret names")
    }
    out.secrets = s === null ? null : [...new Set(s as Array<string>)]
  }
  if (b["use_env"] !== undefined) {
    if (b["use_env"] !== null && typeof b["use_env"] !== "boolean") {
      return validationError("logic_function.use_env", "Must be a boolean")
    }
    out.use_env = b["use_env"] as boolean | null
  }
  if (b["logic_triggers"] !== undefined) {
    const triggers = triggersOf(ctx, ns, b["logic_triggers"], version, existing?.triggers ?? [])
    if (isReply(triggers)) return triggers
    out.triggers = triggers
  }
  return out
}

// ---------------------------------------------------------------------------------------------------- routes

const withNamespace =
  <R extends Reply | Promise<Reply>>(f: (ctx: AuthedCtx, ns: Namespace) => R) => (ctx: AuthedCtx): Reply | R => {
    runDue(ctx.sim)
    const ns = namespaceOf(ctx)
    return isReply(ns) ? ns : f(ctx, ns)
  }

const withFunction = (f: (ctx: AuthedCtx, ns: Namespace, fn: LogicFunctionRecord) => Reply) =>
  withNamespace((ctx, ns) => {
    const fn = ctx.store.logic.get(ns.key, ctx.p["id"]!)
    if (!fn) return notFound("Logic function")
    if (ns.kind === "user") fn.ownerUsername = ctx.user.username
    return f(ctx, ns, fn)
  })

const withRun = (f: (ctx: AuthedCtx, fn: LogicFunctionRecord, run: LogicRunRecord) => Reply) =>
  withFunction((ctx, _ns, fn) => {
    const r = ctx.store.logic.run(fn, ctx.p["runId"]!)
    return r ? f(ctx, fn, r) : notFound("Logic run")
  })

const execute = async (ctx: AuthedCtx, ns: Namespace): Promise<Reply> => {
  const b = ctx.body
  const source = b["source"]
  if (!isObject(source)) return validationError("source", "Is required")
  if (source["type"] !== undefined && source["type"] !== "JavaScript") {
    return validationError("source.type", "Must be JavaScript")
  }
  const code = stringField(source["code"], "source.code", { required: true, max: 256 * 1024 })
  if (isReply(code)) return code
  const e = b["event"]
  if (e !== undefined && !isObject(e)) return validationError("event", "Must be an object")
  const ev = (e ?? {}) as Record<string, unknown>
  const text = (
    v: unknown
  ) => (v === undefined || v === null || v === "" ? undefined : typeof v === "string" ? v : JSON.stringify(v))
  const productId = ev["product_id"] === undefined || ev["product_id"] === null || ev["product_id"] === ""
    ? undefined
    : Number(ev["product_id"])
  const event: EventInfo = {
    publishedAt: new Date().toISOString(),
    eventName: text(ev["event_name"]) ?? "",
    eventData: text(ev["event_data"]),
    deviceId: text(ev["device_id"]),
    productId: productId === undefined || !Number.isFinite(productId) ? undefined : productId,
    userId: text(ev["user_id"])
  }
  const secrets = Array.isArray(b["secrets"])
    ? (b["secrets"] as Array<unknown>).filter((s): s is string => typeof s === "string" && SECRET_NAME.test(s))
    : null
  const compiled = compile(code as string)
  if ("error" in compiled) return ok({ result: { status: "Exception", err: compiled.error, logs: [] } })
  const context = contextFor(ctx.store, ns, {
    logicFunctionId: "",
    secrets,
    useEnv: b["use_env"] === false ? false : null,
    event
  })
  const store = ctx.store
  const result = await new Promise<VmResult | undefined>((resolve) => {
    const queued = store.logic.queue.enqueue(async () =>
      resolve(await run(ctx.sim, store, compiled.script, context, ns, ctx.user.username, event))
    )
    if (!queued) resolve(undefined)
  })
  if (result === undefined) return apiError(503, "service_unavailable", "Too many Logic runs in progress; try again")
  return ok({
    result: { status: result.status, ...(result.error !== undefined ? { err: result.error } : {}), logs: result.logs }
  })
}

export const registerLogic = (r: RouteTable): void => {
  for (const base of ["/v1", "/v1/orgs/:org"]) {
    r.post(`${base}/logic/execute`, withNamespace(execute))

    r.get(
      `${base}/logic/functions`,
      withNamespace((ctx, ns) => {
        const stats = ctx.query["today_stats"] === "true"
        return ok({
          logic_functions: ctx.store.logic.inNamespace(ns.key).map((fn) => functionJson(ctx.store, fn, stats))
        })
      })
    )

    r.post(
      `${base}/logic/functions`,
      withNamespace((ctx, ns) => {
        if (ctx.store.logic.inNamespace(ns.key).length >= MAX_FUNCTIONS_PER_NAMESPACE) {
          return validationError("logic_function", `Must not exceed ${MAX_FUNCTIONS_PER_NAMESPACE} logic functions`)
        }
        const id = uuid()
        const fields = fieldsOf(ctx, ns, undefined, 1)
        if (isReply(fields)) return fields
        const now = microIso()
        const by = `user:${ctx.user.id}`
        const fn: LogicFunctionRecord = {
          id,
          namespace: ns.key,
          ownerId: ns.kind === "org" ? `org:${ns.id}` : `user:${ns.id}`,
          ownerUsername: ns.kind === "user" ? ctx.user.username : undefined,
          version: 1,
          enabled: fields.enabled ?? true,
          name: fields.name!,
          description: fields.description ?? "",
          template_slug: fields.template_slug ?? null,
          code: fields.code!,
          script: fields.script!,
          created_at: now,
          updated_at: now,
          created_by: by,
          updated_by: by,
          triggers: fields.triggers ?? [],
          api_username: fields.api_username ?? null,
          secrets: fields.secrets ?? null,
          use_env: fields.use_env ?? null
        }
        ctx.store.logic.add(fn)
        return ok({ logic_function: functionJson(ctx.store, fn) }, 201)
      })
    )

    r.get(
      `${base}/logic/functions/:id`,
      withFunction((ctx, _ns, fn) => ok({ logic_function: functionJson(ctx.store, fn) }))
    )

    r.put(
      `${base}/logic/functions/:id`,
      withFunction((ctx, ns, fn) => {
        const fields = fieldsOf(ctx, ns, fn, fn.version + 1)
        if (isReply(fields)) return fields
        fn.version++
        if (fields.name !== undefined) fn.name = fields.name
        if (fields.description !== undefined) fn.description = fields.description
        if (fields.enabled !== undefined) fn.enabled = fields.enabled
        if (fields.code !== undefined && fields.script !== undefined) {
          fn.code = fields.code
          fn.script = fields.script
        }
        if (fields.template_slug !== undefined) fn.template_slug = fields.template_slug
        if (fields.api_username !== undefined) fn.api_username = fields.api_username
        if (fields.secrets !== undefined) fn.secrets = fields.secrets
        if (fields.use_env !== undefined) fn.use_env = fields.use_env
        if (fields.triggers !== undefined) fn.triggers = fields.triggers
        for (const t of fn.triggers) t.version = fn.version
        fn.updated_at = microIso()
        fn.updated_by = `user:${ctx.user.id}`
        return ok({ logic_function: functionJson(ctx.store, fn, true) }, 201)
      })
    )

    r.del(
      `${base}/logic/functions/:id`,
      withFunction((ctx, _ns, fn) => {
        ctx.store.logic.remove(fn)
        return noContent()
      })
    )

    r.get(
      `${base}/logic/functions/:id/stats`,
      withFunction((ctx, _ns, fn) => ok({ logic_function_stats: ctx.store.logic.statsOf(fn) }))
    )

    r.get(
      `${base}/logic/functions/:id/runs`,
      withFunction((ctx, _ns, fn) => ok({ logic_runs: ctx.store.logic.runsOf(fn).map(runJson) }))
    )

    r.get(`${base}/logic/functions/:id/runs/:runId`, withRun((_ctx, _fn, run) => ok({ logic_run: runJson(run) })))

    r.get(
      `${base}/logic/functions/:id/runs/:runId/logs`,
      withRun((_ctx, _fn, run) => ok({ logic_run_logs: { logs: run.logs } }))
    )
  }
}
