import { errB, noContent, ok, type Ctx, type Reply, type Router } from "../http.js"
import { mkLibrary, type ClientRecord, type IntegrationRecord, type LibraryRecord, type ProductRecord } from "../store.js"
import { asBool, asInt, asStringList, first, nowIso, randomToken, slugify } from "../util.js"
import { isReply, resolveProduct } from "./common.js"

// ------------------------------------------------------------------ libraries (JSON:API)
const libDoc = (ctx: Ctx, lib: LibraryRecord, v = lib.versions[lib.versions.length - 1]!) => ({
  type: "libraries",
  id: lib.name,
  links: { download: `${ctx.engine.url}/__sim/library-archives/${lib.name}/${v.version}.tar.gz` },
  attributes: {
    name: lib.name, version: v.version, installs: lib.installs, ...v.attributes,
    visibility: lib.visibility, official: lib.official, verified: lib.verified, mine: lib.owner === ctx.user?.username
  }
})

const visibleLib = (ctx: Ctx, lib: LibraryRecord) => lib.visibility === "public" || lib.owner === ctx.user!.username
const libErr = (status: number, message: string): Reply => ({ status, json: { errors: [{ message }] } })

const readTarName = (data: Uint8Array): { name: string; version: string } | undefined => {
  // The simulator accepts either a real tar (library.properties inside, uncompressed) or a text blob with
  // `name=` and `version=` lines: it scans the bytes for them.
  const text = Buffer.from(data).toString("latin1")
  const name = /(?:^|\n|\0)name\s*=\s*([A-Za-z0-9_.-]+)/.exec(text)?.[1]
  const version = /(?:^|\n|\0)version\s*=\s*([0-9]+\.[0-9]+\.[0-9]+)/.exec(text)?.[1]
  return name && version ? { name, version } : undefined
}

const cmpVersion = (a: string, b: string) => {
  const pa = a.split(".").map(Number)
  const pb = b.split(".").map(Number)
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0)
  return 0
}

const contribute = (ctx: Ctx): Reply => {
  const file = ctx.parts?.find((p) => p.filename !== undefined)
  if (!file) return libErr(400, "A library archive (multipart field `archive`) is required")
  const meta = readTarName(file.data)
  if (!meta) return libErr(400, "library.properties is missing a valid name and version")
  if (ctx.p["name"] !== undefined && ctx.p["name"].toLowerCase() !== meta.name.toLowerCase()) return libErr(400, "Library name does not match the URL")
  const key = meta.name.toLowerCase()
  let lib = ctx.store.libraries.get(key)
  if (lib && lib.owner !== ctx.user!.username) return libErr(403, "This library name is owned by someone else")
  if (lib) {
    const latest = lib.versions[lib.versions.length - 1]!.version
    if (cmpVersion(meta.version, latest) <= 0) return libErr(400, `This version is not valid. Version must be greater than or equal to ${latest.replace(/\d+$/, (d) => String(Number(d) + 1))}`)
    lib.versions.push({ version: meta.version, archive: file.data, created: nowIso(), attributes: { ...lib.versions[0]!.attributes } })
    lib.visibility = "private"
  } else {
    lib = mkLibrary(meta.name, ctx.user!.username, "private", false, [])
    lib.versions.push({ version: meta.version, archive: file.data, created: nowIso(), attributes: { license: "MIT", author: ctx.user!.username, sentence: "", paragraph: null, category: "Other", url: "", repository: "", architectures: [], dependencies: null } })
    ctx.store.libraries.set(key, lib)
  }
  return ok({ data: libDoc(ctx, lib) }, 201)
}

const registerLibraries = (r: Router) => {
  r.get("/v1/libraries", (ctx) => {
    const q = ctx.query
    const filter = first(q["filter"])?.toLowerCase()
    const scope = first(q["scope"]) ?? "all"
    const exclude = asStringList(q["excludeScopes"] ?? q["exclude_scopes"]) ?? []
    const page = Math.max(1, asInt(q["page"]) ?? 1)
    const limit = Math.min(100, Math.max(1, asInt(q["limit"]) ?? 10))
    const sort = first(q["sort"]) ?? "name"
    const me = ctx.user!.username
    let libs = [...ctx.store.libraries.values()].filter((l) => visibleLib(ctx, l))
    const inScope = (l: LibraryRecord, s: string) =>
      s === "all" ? true : s === "official" ? l.official : s === "public" ? l.visibility === "public" : s === "mine" ? l.owner === me : s === "private" ? l.visibility === "private" && l.owner === me : true
    libs = libs.filter((l) => inScope(l, scope) && !exclude.some((s) => inScope(l, s)))
    if (filter) libs = libs.filter((l) => l.name.toLowerCase().includes(filter))
    const desc = sort.startsWith("-")
    const key = sort.replace(/^-/, "")
    libs.sort((a, b) => {
      const c = key === "installs" || key === "popularity" ? a.installs - b.installs : a.name.localeCompare(b.name)
      return desc ? -c : c
    })
    return ok({ data: libs.slice((page - 1) * limit, page * limit).map((l) => libDoc(ctx, l)) })
  })
  r.get("/v1/libraries/:name", (ctx) => {
    const lib = ctx.store.libraries.get(ctx.p["name"]!.toLowerCase())
    if (!lib || !visibleLib(ctx, lib)) return libErr(404, `Library ${ctx.p["name"]} not found`)
    const version = first(ctx.query["version"])
    const v = version === undefined ? undefined : lib.versions.find((x) => x.version === version)
    if (version !== undefined && !v) return libErr(404, `Version ${version} of library ${lib.name} not found`)
    return ok({ data: libDoc(ctx, lib, v) })
  })
  r.get("/v1/libraries/:name/versions", (ctx) => {
    const lib = ctx.store.libraries.get(ctx.p["name"]!.toLowerCase())
    if (!lib || !visibleLib(ctx, lib)) return libErr(404, `Library ${ctx.p["name"]} not found`)
    const page = Math.max(1, asInt(ctx.query["page"]) ?? 1)
    const limit = Math.min(100, Math.max(1, asInt(ctx.query["limit"]) ?? 10))
    const versions = [...lib.versions].reverse().slice((page - 1) * limit, page * limit)
    return ok({ data: versions.map((v) => libDoc(ctx, lib, v)) })
  })
  r.post("/v1/libraries", contribute)
  r.post("/v1/libraries/:name", contribute)
  r.patch("/v1/libraries/:name", (ctx) => {
    const lib = ctx.store.libraries.get(ctx.p["name"]!.toLowerCase())
    if (!lib || !visibleLib(ctx, lib)) return libErr(404, `Library ${ctx.p["name"]} not found`)
    if (lib.owner !== ctx.user!.username) return libErr(403, "You do not own this library")
    const vis = first(ctx.body["visibility"])
    if (vis !== "public") return libErr(400, "visibility must be public")
    lib.visibility = "public"
    return ok({ data: libDoc(ctx, lib) })
  })
  r.del("/v1/libraries/:name", (ctx) => {
    const lib = ctx.store.libraries.get(ctx.p["name"]!.toLowerCase())
    if (!lib || !visibleLib(ctx, lib)) return libErr(404, `Library ${ctx.p["name"]} not found`)
    if (lib.owner !== ctx.user!.username) return libErr(403, "You do not own this library")
    ctx.store.libraries.delete(lib.name.toLowerCase())
    return noContent()
  })
}

// ------------------------------------------------------------------ integrations & webhooks
type Scope = { owner: string; productId: number | undefined; orgId: string | undefined }
const integrationScope = (ctx: Ctx): Scope | Reply => {
  if (ctx.p["product"] !== undefined) {
    const p = resolveProduct(ctx, ctx.p["product"]!)
    if (isReply(p)) return p
    return { owner: ctx.user!.username, productId: p.id, orgId: undefined }
  }
  if (ctx.p["org"] !== undefined) {
    const org = ctx.store.findOrg(ctx.p["org"]!)
    if (!org || !org.members.includes(ctx.user!.username)) return errB(404, "Organization not found")
    return { owner: ctx.user!.username, productId: undefined, orgId: org.id }
  }
  return { owner: ctx.user!.username, productId: undefined, orgId: undefined }
}
const inScope = (i: IntegrationRecord, s: Scope) =>
  s.productId !== undefined ? i.productId === s.productId : s.orgId !== undefined ? i.orgId === s.orgId : i.owner === s.owner && i.productId === undefined && i.orgId === undefined

const integrationJson = (i: IntegrationRecord, withLogs = false) => {
  const out: Record<string, unknown> = { id: i.id, ...i.fields, created_at: i.created_at }
  if (withLogs) out["logs"] = []
  return out
}

const integrationFields = (ctx: Ctx, legacy: boolean): Record<string, unknown> | Reply => {
  const b = { ...ctx.body }
  delete b["access_token"]
  const type = legacy ? "Webhook" : (first(b["integration_type"]) ?? "Webhook")
  if (!["Webhook", "AzureIotHub", "GoogleCloudPubSub", "GoogleMaps", "GoogleSheets"].includes(type)) return errB(400, `Unknown integration_type ${type}`)
  const event = first(b["event"])
  if (!event) return errB(400, "event is required")
  if (type === "Webhook") {
    const url = first(b["url"])
    if (!url) return errB(400, "url is required")
    if (!/^https?:\/\//.test(url)) return errB(400, "url must be an http or https URL")
    b["requestType"] = (first(b["requestType"]) ?? "POST").toUpperCase()
  }
  if (b["deviceid"] !== undefined && b["deviceID"] === undefined) b["deviceID"] = b["deviceid"]
  if (b["deviceId"] !== undefined && b["deviceID"] === undefined) b["deviceID"] = b["deviceId"]
  delete b["deviceid"]
  delete b["deviceId"]
  return { ...b, integration_type: type }
}

const registerIntegrations = (r: Router) => {
  for (const base of ["/v1", "/v1/products/:product", "/v1/orgs/:org"]) {
    for (const kind of ["integrations", "webhooks"] as const) {
      const legacy = kind === "webhooks"
      r.get(`${base}/${kind}`, (ctx) => {
        const s = integrationScope(ctx)
        if (isReply(s)) return s
        return ok([...ctx.store.integrations.values()].filter((i) => inScope(i, s) && (!legacy || i.fields["integration_type"] === "Webhook")).map((i) => integrationJson(i)))
      })
      r.post(`${base}/${kind}`, (ctx) => {
        const s = integrationScope(ctx)
        if (isReply(s)) return s
        const fields = integrationFields(ctx, legacy)
        if (isReply(fields)) return fields
        const id = ctx.store.newIntegrationId()
        const rec: IntegrationRecord = { id, owner: s.owner, productId: s.productId, orgId: s.orgId, legacyWebhook: legacy, fields, created_at: nowIso() }
        ctx.store.integrations.set(id, rec)
        const body: Record<string, unknown> = { ok: true, id, ...fields, created_at: rec.created_at }
        if (fields["integration_type"] === "Webhook") body["hookUrl"] = `https://api.particle.io/v1/webhooks/${id}`
        else body["integrationUrl"] = `https://api.particle.io/v1/integrations/${id}`
        return ok(body, 201)
      })
      const find = (ctx: Ctx): IntegrationRecord | Reply => {
        const s = integrationScope(ctx)
        if (isReply(s)) return s
        const i = ctx.store.integrations.get(ctx.p["id"]!)
        if (!i || !inScope(i, s)) return errB(404, "Integration not found")
        return i
      }
      r.get(`${base}/${kind}/:id`, (ctx) => {
        const i = find(ctx)
        if (isReply(i)) return i
        return ok(legacy ? integrationJson(i, true) : { integration: integrationJson(i, true) })
      })
      r.put(`${base}/${kind}/:id`, (ctx) => {
        const i = find(ctx)
        if (isReply(i)) return i
        const fields = integrationFields(ctx, legacy)
        if (isReply(fields)) return fields
        i.fields = fields
        return ok({ integration: integrationJson(i) })
      })
      r.post(`${base}/${kind}/:id/test`, (ctx) => {
        const i = find(ctx)
        if (isReply(i)) return i
        return ok({ pass: true, data: null })
      })
      r.del(`${base}/${kind}/:id`, (ctx) => {
        const i = find(ctx)
        if (isReply(i)) return i
        ctx.store.integrations.delete(i.id)
        return legacy ? ok({ ok: true }) : noContent()
      })
    }
  }
}

// ------------------------------------------------------------------ OAuth clients
const clientJson = (c: ClientRecord, withSecret: boolean) => {
  const out: Record<string, unknown> = { name: c.name, type: c.type, id: c.id }
  if (c.redirect_uri !== undefined) out["redirect_uri"] = c.redirect_uri
  if (c.scope !== undefined) out["scope"] = c.scope
  if (withSecret) out["secret"] = c.secret
  return out
}

const registerClients = (r: Router) => {
  for (const base of ["/v1/clients", "/v1/products/:product/clients"]) {
    const scope = (ctx: Ctx): { product: ProductRecord | undefined } | Reply => {
      if (ctx.p["product"] === undefined) return { product: undefined }
      const p = resolveProduct(ctx, ctx.p["product"]!)
      return isReply(p) ? p : { product: p }
    }
    const mine = (ctx: Ctx, c: ClientRecord, p: ProductRecord | undefined) => (p ? c.productId === p.id : c.productId === undefined && c.owner === ctx.user!.username)
    r.get(base, (ctx) => {
      const s = scope(ctx)
      if (isReply(s)) return s
      return ok({ ok: true, clients: [...ctx.store.clients.values()].filter((c) => mine(ctx, c, s.product)).map((c) => clientJson(c, false)) })
    })
    r.post(base, (ctx) => {
      const s = scope(ctx)
      if (isReply(s)) return s
      const name = first(ctx.body["name"])
      const type = first(ctx.body["type"])
      if (!name) return errB(400, "name is required")
      if (type !== "installed" && type !== "web") return errB(400, "type must be installed or web")
      const redirect = first(ctx.body["redirect_uri"])
      if (type === "web" && !redirect) return errB(400, "redirect_uri is required for web clients")
      const c: ClientRecord = { id: `${slugify(name).slice(0, 30)}-${++ctx.store.clientCounter}`, name, type, secret: randomToken(), owner: ctx.user!.username, productId: s.product?.id }
      if (redirect !== undefined) c.redirect_uri = redirect
      const sc = first(ctx.body["scope"])
      if (sc !== undefined) c.scope = sc
      ctx.store.clients.set(c.id, c)
      return ok({ ok: true, client: clientJson(c, true) })
    })
    r.put(`${base}/:clientId`, (ctx) => {
      const s = scope(ctx)
      if (isReply(s)) return s
      const c = ctx.store.clients.get(ctx.p["clientId"]!)
      if (!c || !mine(ctx, c, s.product)) return errB(404, "Client not found")
      const name = first(ctx.body["name"])
      if (name !== undefined) c.name = name
      const sc = first(ctx.body["scope"])
      if (sc === "none") delete c.scope
      else if (sc !== undefined) c.scope = sc
      return ok({ ok: true, client: clientJson(c, false) })
    })
    r.del(`${base}/:clientId`, (ctx) => {
      const s = scope(ctx)
      if (isReply(s)) return s
      const c = ctx.store.clients.get(ctx.p["clientId"]!)
      if (!c || !mine(ctx, c, s.product)) return errB(404, "Client not found")
      ctx.store.clients.delete(c.id)
      return noContent()
    })
  }
}

// ------------------------------------------------------------------ build targets & Device OS
const VERSIONS = ["6.2.1", "6.1.1", "5.8.0", "4.2.0", "2.3.1"]
const PLATFORMS: Record<string, number> = { Photon: 6, P1: 8, Electron: 10, Argon: 12, Boron: 13, BSoM: 23, B5SoM: 25, P2: 32 }
const targetsFor = (v: string) => (v.startsWith("2.") ? [6, 8, 10, 12, 13, 23, 25] : v.startsWith("4.") ? [12, 13, 23, 25, 32] : [13, 23, 25, 32])

const registerFirmwareMeta = (r: Router) => {
  r.get("/v1/build_targets", (ctx) => {
    const featured = asBool(ctx.query["featured"]) === true
    const versions = featured ? VERSIONS.slice(0, 3) : VERSIONS
    const defaults: Record<string, string> = {}
    for (const id of Object.values(PLATFORMS)) defaults[String(id)] = VERSIONS.find((v) => targetsFor(v).includes(id))!
    return ok({
      targets: versions.map((version) => ({ platforms: targetsFor(version), prereleases: [], firmware_vendor: "Particle", version })),
      platforms: PLATFORMS,
      default_versions: defaults
    })
  }, { auth: false })
  const osVersions = () => VERSIONS.flatMap((version, i) => targetsFor(version).map((platform_id) => ({
    version, platform_id, internal_version: 6000 - i * 100, release_date: `202${5 - Math.min(i, 4)}-01-15T00:00:00.000Z`, module_version: 6000 - i * 100
  })))
  r.get("/v1/device-os/versions", (ctx) => {
    const pid = asInt(ctx.query["platform_id"])
    const iv = asInt(ctx.query["internal_version"])
    const page = Math.max(1, asInt(ctx.query["page"]) ?? 1)
    const perPage = Math.max(1, asInt(ctx.query["per_page"] ?? ctx.query["perPage"]) ?? 100)
    const list = osVersions().filter((v) => (pid === undefined || v.platform_id === pid) && (iv === undefined || v.internal_version === iv))
    return ok(list.slice((page - 1) * perPage, page * perPage))
  })
  r.get("/v1/device-os/versions/:version", (ctx) => {
    const pid = asInt(ctx.query["platform_id"])
    const v = osVersions().find((x) => x.version === ctx.p["version"] && (pid === undefined || x.platform_id === pid))
    if (!v) return errB(404, "Device OS version not found")
    return ok(v)
  })
}

export const registerMisc = (r: Router): void => {
  registerLibraries(r)
  registerIntegrations(r)
  registerClients(r)
  registerFirmwareMeta(r)
  void asStringList
}
