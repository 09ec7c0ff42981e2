/**
 * Libraries family (JSON:API): list, get (a version or `latest`), versions, contribute (a real `.tar.gz`,
 * unpacked and its `library.properties` read), publish, delete. Errors are JSON:API documents
 * `{"errors":[{"message":…}]}`.
 */
import { asInt, asStringList, first, nowIso } from "../coerce.js"
import { authed, type AuthedCtx, type AuthedHandler, type RouteTable } from "../context.js"
import { LIBRARY_NAME, readLibraryArchive } from "../library-archive.js"
import { noContent, ok, type Reply } from "../reply.js"
import { compareVersions, defaultLibraryAttributes, MAX_LIBRARIES, MAX_VERSIONS } from "../store/libraries.js"
import type { LibraryRecord, LibraryVersion } from "../store/types.js"

const latestOf = (lib: LibraryRecord): LibraryVersion => lib.versions[lib.versions.length - 1]!

const libDoc = (ctx: AuthedCtx, lib: LibraryRecord, v = latestOf(lib)) => ({
  type: "libraries",
  id: lib.name,
  links: { download: `${ctx.sim.url}/__sim/library-archives/${encodeURIComponent(lib.name)}/${v.version}.tar.gz` },
  attributes: {
    name: lib.name,
    version: v.version,
    installs: lib.installs,
    ...v.attributes,
    visibility: lib.visibility,
    official: lib.official,
    verified: lib.verified,
    mine: lib.owner === ctx.user.username
  }
})

const visible = (ctx: AuthedCtx, lib: LibraryRecord) => lib.visibility === "public" || lib.owner === ctx.user.username
/** A JSON:API error document. */
const libErr = (status: number, message: string): Reply => ({ status, json: { errors: [{ message }] } })

/** The next patch version after `v`: what Particle's "must be greater than or equal to" message names. */
const nextPatch = (v: string) => v.replace(/\d+$/, (d) => String(Number(d) + 1))

const contribute = (ctx: AuthedCtx): Reply => {
  if (ctx.bodyError !== undefined) return libErr(400, `The upload is not valid: ${ctx.bodyError}`)
  const file = ctx.parts?.find((p) => p.filename !== undefined) ??
    ctx.parts?.find((p) => p.name === "archive" || p.name === "file")
  if (!file) return libErr(400, "A library archive is required: a multipart file part holding a .tar.gz")
  const read = readLibraryArchive(file.data)
  if (typeof read === "string") return libErr(400, `The library archive is not valid: ${read}`)
  const meta = read.properties
  const urlName = ctx.p["name"]
  if (urlName !== undefined && urlName.toLowerCase() !== meta.name.toLowerCase()) {
    return libErr(400, `The library name in library.properties (${meta.name}) does not match the URL (${urlName})`)
  }
  const libs = ctx.store.libraries
  const attributes: Record<string, unknown> = {
    ...defaultLibraryAttributes(meta.name, ctx.user.username),
    author: meta.author ?? ctx.user.username,
    license: meta.license ?? null,
    sentence: meta.sentence ?? "",
    paragraph: meta.paragraph ?? null,
    url: meta.url ?? "",
    repository: meta.repository ?? "",
    architectures: meta.architectures ?? [],
    dependencies: meta.dependencies ?? null
  }
  const version: LibraryVersion = { version: meta.version, archive: file.data, created: nowIso(), attributes }
  let lib = libs.get(meta.name)
  if (lib) {
    if (lib.owner !== ctx.user.username) return libErr(403, `The library name ${meta.name} is owned by someone else`)
    const latest = latestOf(lib).version
    if (compareVersions(meta.version, latest) <= 0) {
      return libErr(400, `This version is not valid. Version must be greater than or equal to ${nextPatch(latest)}`)
    }
    if (lib.versions.length >= MAX_VERSIONS) {
      return libErr(400, `A library holds at most ${MAX_VERSIONS} versions in the simulator`)
    }
    libs.addVersion(lib, version)
    lib.visibility = "private"
  } else {
    if (libs.size >= MAX_LIBRARIES) return libErr(400, `The simulator holds at most ${MAX_LIBRARIES} libraries`)
    lib = libs.add({
      name: meta.name,
      owner: ctx.user.username,
      visibility: "private",
      official: false,
      verified: false,
      installs: 0,
      versions: []
    })
    libs.addVersion(lib, version)
  }
  return ok({ data: libDoc(ctx, lib) }, 201)
}

const withLibrary = (f: (ctx: AuthedCtx, lib: LibraryRecord) => Reply): AuthedHandler => (ctx) => {
  const name = ctx.p["name"]!
  const lib = LIBRARY_NAME.test(name) ? ctx.store.libraries.get(name) : undefined
  return lib && visible(ctx, lib) ? f(ctx, lib) : libErr(404, `Library ${name.slice(0, 100)} not found`)
}
const owned = (f: (ctx: AuthedCtx, lib: LibraryRecord) => Reply) =>
  withLibrary((ctx, lib) =>
    lib.owner === ctx.user.username ? f(ctx, lib) : libErr(403, `You do not own the library ${lib.name}`)
  )

const SCOPES = ["all", "official", "verified", "featured", "public", "private", "mine"]

const pageOf = (ctx: AuthedCtx) => ({
  page: Math.max(1, asInt(ctx.query["page"]) ?? 1),
  limit: Math.min(100, Math.max(1, asInt(ctx.query["limit"]) ?? 10))
})

const list = (ctx: AuthedCtx): Reply => {
  const q = ctx.query
  const filter = first(q["filter"])?.toLowerCase()
  const scope = first(q["scope"]) ?? "all"
  if (!SCOPES.includes(scope)) return libErr(400, `scope must be one of ${SCOPES.join(", ")}`)
  const exclude = asStringList(q["excludeScopes"] ?? q["exclude_scopes"]) ?? []
  const architectures = asStringList(q["architectures"]) ?? []
  const category = first(q["category"])
  const { limit, page } = pageOf(ctx)
  const sort = first(q["sort"]) ?? "name"
  const me = ctx.user.username
  const inScope = (l: LibraryRecord, s: string) =>
    s === "all" ?
      true
      : s === "official" || s === "featured" ?
      l.official
      : s === "verified" ?
      l.verified
      : s === "public" ?
      l.visibility === "public"
      : s === "mine" ?
      l.owner === me
      : s === "private" ?
      l.visibility === "private" && l.owner === me
      : false
  let libs = ctx.store.libraries.all().filter((l) =>
    visible(ctx, l) && inScope(l, scope) && !exclude.some((s) => inScope(l, s))
  )
  if (filter) libs = libs.filter((l) => l.name.toLowerCase().includes(filter))
  if (category) libs = libs.filter((l) => latestOf(l).attributes["category"] === category)
  if (architectures.length > 0) {
    libs = libs.filter((l) => {
      const archs = latestOf(l).attributes["architectures"]
      const list = Array.isArray(archs) ? archs.map(String) : []
      return list.length === 0 || list.includes("*") || architectures.some((a) => list.includes(a))
    })
  }
  const desc = sort.startsWith("-")
  const key = sort.replace(/^-/, "")
  libs.sort((a, b) => {
    const c = key === "installs" || key === "popularity" ?
      a.installs - b.installs
      : key === "published" || key === "updated" || key === "created" ?
      latestOf(a).created.localeCompare(latestOf(b).created)
      : key === "official" ?
      Number(a.official) - Number(b.official)
      : key === "verified" ?
      Number(a.verified) - Number(b.verified)
      : 0
    return (desc ? -c : c) || a.name.localeCompare(b.name)
  })
  return ok({ data: libs.slice((page - 1) * limit, page * limit).map((l) => libDoc(ctx, l)) })
}

export const registerLibraries = (r: RouteTable): void => {
  r.get("/v1/libraries", list)
  r.get(
    "/v1/libraries/:name",
    withLibrary((ctx, lib) => {
      const version = first(ctx.query["version"])
      if (version === undefined || version === "" || version === "latest") return ok({ data: libDoc(ctx, lib) })
      const v = lib.versions.find((x) => x.version === version)
      if (!v) return libErr(404, `Version ${version.slice(0, 40)} of library ${lib.name} not found`)
      return ok({ data: libDoc(ctx, lib, v) })
    })
  )
  r.get(
    "/v1/libraries/:name/versions",
    withLibrary((ctx, lib) => {
      const { limit, page } = pageOf(ctx)
      const versions = [...lib.versions].reverse().slice((page - 1) * limit, page * limit)
      return ok({ data: versions.map((v) => libDoc(ctx, lib, v)) })
    })
  )
  // the handler reads the body itself, so that even a malformed upload gets a JSON:API error
  r.post("/v1/libraries", authed(contribute, { rawBody: true }))
  r.post("/v1/libraries/:name", authed(contribute, { rawBody: true }))
  r.patch(
    "/v1/libraries/:name",
    owned((ctx, lib) => {
      if (first(ctx.body["visibility"]) !== "public") return libErr(400, "visibility must be public")
      lib.visibility = "public"
      return ok({ data: libDoc(ctx, lib) })
    })
  )
  r.del(
    "/v1/libraries/:name",
    owned((ctx, lib) => {
      const force = ctx.body["force"]
      if (lib.visibility === "public" && (force === undefined || force === null || force === "" || force === false)) {
        return libErr(400, `${lib.name} is public: deleting a public library needs force`)
      }
      ctx.store.libraries.remove(lib)
      return noContent()
    })
  )
}
