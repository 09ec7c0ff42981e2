/** Libraries family (JSON:API): list, get, versions, contribute, publish, delete. */
import { asInt, asStringList, first, nowIso } from "../coerce.js"
import type { AuthedCtx, AuthedHandler, RouteTable } from "../context.js"
import { noContent, ok, type Reply } from "../reply.js"
import { defaultLibraryAttributes, mkLibrary } from "../store/libraries.js"
import type { LibraryRecord } from "../store/types.js"

const libDoc = (ctx: AuthedCtx, lib: LibraryRecord, v = lib.versions[lib.versions.length - 1]!) => ({
  type: "libraries",
  id: lib.name,
  links: { download: `${ctx.sim.url}/__sim/library-archives/${lib.name}/${v.version}.tar.gz` },
  attributes: {
    name: lib.name, version: v.version, installs: lib.installs, ...v.attributes,
    visibility: lib.visibility, official: lib.official, verified: lib.verified, mine: lib.owner === ctx.user.username
  }
})

const visible = (ctx: AuthedCtx, lib: LibraryRecord) => lib.visibility === "public" || lib.owner === ctx.user.username
const libErr = (status: number, message: string): Reply => ({ status, json: { errors: [{ message }] } })

/** The simulator accepts a real tar (library.properties inside, uncompressed) or a text blob with `name=` / `version=` lines. */
const readProperties = (data: Uint8Array): { name: string; version: string } | undefined => {
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

const contribute = (ctx: AuthedCtx): Reply => {
  const file = ctx.parts?.find((p) => p.filename !== undefined)
  if (!file) return libErr(400, "A library archive (multipart field `archive`) is required")
  const meta = readProperties(file.data)
  if (!meta) return libErr(400, "library.properties is missing a valid name and version")
  if (ctx.p["name"] !== undefined && ctx.p["name"].toLowerCase() !== meta.name.toLowerCase()) return libErr(400, "Library name does not match the URL")
  const libs = ctx.store.libraries
  let lib = libs.get(meta.name)
  if (lib && lib.owner !== ctx.user.username) return libErr(403, "This library name is owned by someone else")
  if (lib) {
    const latest = lib.versions[lib.versions.length - 1]!.version
    if (cmpVersion(meta.version, latest) <= 0) return libErr(400, `This version is not valid. Version must be greater than or equal to ${latest.replace(/\d+$/, (d) => String(Number(d) + 1))}`)
    libs.addVersion(lib, { version: meta.version, archive: file.data, created: nowIso(), attributes: { ...lib.versions[0]!.attributes } })
    lib.visibility = "private"
  } else {
    lib = libs.add(mkLibrary(meta.name, ctx.user.username, "private", false, []))
    libs.addVersion(lib, { version: meta.version, archive: file.data, created: nowIso(), attributes: { ...defaultLibraryAttributes(meta.name, ctx.user.username), sentence: "", url: "", repository: "" } })
  }
  return ok({ data: libDoc(ctx, lib) }, 201)
}

const withLibrary = (f: (ctx: AuthedCtx, lib: LibraryRecord) => Reply): AuthedHandler => (ctx) => {
  const lib = ctx.store.libraries.get(ctx.p["name"]!)
  return lib && visible(ctx, lib) ? f(ctx, lib) : libErr(404, `Library ${ctx.p["name"]} not found`)
}
const owned = (f: (ctx: AuthedCtx, lib: LibraryRecord) => Reply) => withLibrary((ctx, lib) =>
  lib.owner === ctx.user.username ? f(ctx, lib) : libErr(403, "You do not own this library"))

const list = (ctx: AuthedCtx): Reply => {
  const q = ctx.query
  const filter = first(q["filter"])?.toLowerCase()
  const scope = first(q["scope"]) ?? "all"
  const exclude = asStringList(q["excludeScopes"] ?? q["exclude_scopes"]) ?? []
  const page = Math.max(1, asInt(q["page"]) ?? 1)
  const limit = Math.min(100, Math.max(1, asInt(q["limit"]) ?? 10))
  const sort = first(q["sort"]) ?? "name"
  const me = ctx.user.username
  const inScope = (l: LibraryRecord, s: string) =>
    s === "all" ? true : s === "official" ? l.official : s === "public" ? l.visibility === "public" : s === "mine" ? l.owner === me : s === "private" ? l.visibility === "private" && l.owner === me : true
  let libs = ctx.store.libraries.all().filter((l) => visible(ctx, l) && inScope(l, scope) && !exclude.some((s) => inScope(l, s)))
  if (filter) libs = libs.filter((l) => l.name.toLowerCase().includes(filter))
  const desc = sort.startsWith("-")
  const key = sort.replace(/^-/, "")
  libs.sort((a, b) => {
    const c = key === "installs" || key === "popularity" ? a.installs - b.installs : a.name.localeCompare(b.name)
    return desc ? -c : c
  })
  return ok({ data: libs.slice((page - 1) * limit, page * limit).map((l) => libDoc(ctx, l)) })
}

export const registerLibraries = (r: RouteTable): void => {
  r.get("/v1/libraries", list)
  r.get("/v1/libraries/:name", withLibrary((ctx, lib) => {
    const version = first(ctx.query["version"])
    const v = version === undefined ? undefined : lib.versions.find((x) => x.version === version)
    if (version !== undefined && !v) return libErr(404, `Version ${version} of library ${lib.name} not found`)
    return ok({ data: libDoc(ctx, lib, v) })
  }))
  r.get("/v1/libraries/:name/versions", withLibrary((ctx, lib) => {
    const page = Math.max(1, asInt(ctx.query["page"]) ?? 1)
    const limit = Math.min(100, Math.max(1, asInt(ctx.query["limit"]) ?? 10))
    const versions = [...lib.versions].reverse().slice((page - 1) * limit, page * limit)
    return ok({ data: versions.map((v) => libDoc(ctx, lib, v)) })
  }))
  r.post("/v1/libraries", contribute)
  r.post("/v1/libraries/:name", contribute)
  r.patch("/v1/libraries/:name", owned((ctx, lib) => {
    if (first(ctx.body["visibility"]) !== "public") return libErr(400, "visibility must be public")
    lib.visibility = "public"
    return ok({ data: libDoc(ctx, lib) })
  }))
  r.del("/v1/libraries/:name", owned((ctx, lib) => {
    ctx.store.libraries.remove(lib)
    return noContent()
  }))
}
