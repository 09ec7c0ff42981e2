/** Team members and API users (product and org scope), and product customers. */
import { basicCredentials } from "../bearer.js"
import { asBool, asStringList, first } from "../coerce.js"
import { type AuthedCtx, type Ctx, publicRoute, type RouteTable } from "../context.js"
import { randomToken } from "../ids.js"
import { errB, isReply, NO_STORE, oauthError, ok, type Reply } from "../reply.js"
import { ADMIN_ROLE, DEVELOPER_ROLE } from "../store/products.js"
import type { OrgRecord, ProductRecord, TeamMember } from "../store/types.js"
import { DEFAULT_TOKEN_LIFETIME_S } from "../store/users.js"
import {
  pageMeta,
  pageParams,
  productDenied,
  productNotFound,
  resolveOrg,
  resolveProduct,
  withProduct
} from "./shared.js"

const EMAIL = /^[^\s@/]+@[^\s@/]+$/
const MAX_TEAM = 1000
const ROLES = new Map([
  ["Administrator", ADMIN_ROLE],
  ["Developer", DEVELOPER_ROLE],
  ["View-only", { id: "000000000000000000000004", name: "View-only" }],
  ["Support", { id: "000000000000000000000005", name: "Support" }]
])

/** A team as the routes see it, backed by a product's team or an org's members. */
interface Team {
  list(): Array<TeamMember>
  get(username: string): TeamMember | undefined
  add(m: TeamMember): boolean
  update(m: TeamMember): void
  remove(username: string): boolean
}

const productTeam = (ctx: AuthedCtx, p: ProductRecord): Team => ({
  list: () => [...p.team.values()],
  get: (u) => p.team.get(u),
  add: (m) => ctx.store.products.addTeamMember(p, m),
  update: (m) => ctx.store.products.updateTeamMember(p, m),
  remove: (u) => ctx.store.products.removeTeamMember(p, u)
})

const orgTeam = (ctx: AuthedCtx, org: OrgRecord): Team => {
  const view = (username: string): TeamMember => ({ username, role: ADMIN_ROLE })
  return {
    list: () => [...org.members].map(view),
    get: (u) => (org.members.has(u) ? view(u) : undefined),
    add: (m) => ctx.store.orgs.addMember(org, m.username),
    update: () => undefined,
    remove: (u) => ctx.store.orgs.dropMember(org, u)
  }
}

const teamRoutes = (r: RouteTable, base: string, teamOf: (ctx: AuthedCtx) => Team | Reply): void => {
  const withTeam = (f: (ctx: AuthedCtx, t: Team) => Reply) => (ctx: AuthedCtx): Reply => {
    const t = teamOf(ctx)
    return isReply(t) ? t : f(ctx, t)
  }
  r.get(`${base}/team`, withTeam((_ctx, t) => ok({ ok: true, team: t.list() })))
  r.post(
    `${base}/team`,
    withTeam((ctx, t) => {
      const friendly = first(ctx.body["friendly_name"])
      if (friendly !== undefined) {
        const scopes = asStringList(ctx.body["scopes"]) ?? []
        const username = `${friendly.toLowerCase().replace(/[^a-z0-9]+/g, "-")}+${
          randomToken().slice(0, 10)
        }@api.particle.io`
        ctx.store.users.create({ username, password: randomToken() })
        const tok = ctx.store.users.issueToken({ username, expiresInSeconds: 0, scopes })
        t.add({ username, is_programmatic: true, friendly_name: friendly, scopes })
        return ok({ ok: true, created: { username, is_programmatic: true, tokens: [{ token: tok.token }] } })
      }
      const username = first(ctx.body["username"])
      if (!username) return errB(400, "username is required")
      if (!EMAIL.test(username)) return errB(400, "username must be the email address of a Particle user")
      const roleName = first(ctx.body["role"])
      const role = roleName === undefined ? DEVELOPER_ROLE : ROLES.get(roleName)
      if (role === undefined) return errB(400, "role must be one of Administrator, Developer, View-only, Support")
      if (t.list().length >= MAX_TEAM) return errB(400, `A team holds at most ${MAX_TEAM} members`)
      if (!t.add({ _id: ctx.store.objectIds.next(), username, role })) return errB(400, "User is already a team member")
      return ok({ ok: true, invited: { username } })
    })
  )
  r.put(
    `${base}/team/:username`,
    withTeam((ctx, t) => {
      const found = t.get(ctx.p["username"]!)
      if (!found) return errB(404, "Team member not found")
      const m: TeamMember = { ...found }
      if (ctx.body["friendly_name"] !== undefined) m["friendly_name"] = first(ctx.body["friendly_name"])
      const scopes = asStringList(ctx.body["scopes"])
      if (scopes) m["scopes"] = scopes
      t.update(m)
      if (m["is_programmatic"] === true) {
        // an API user has one token, rotated when its scopes change
        ctx.store.users.revokeAll(m.username)
        const tok = ctx.store.users.issueToken({ username: m.username, expiresInSeconds: 0, scopes: scopes ?? [] })
        return ok({ ok: true, updated: { ...m, tokens: [{ token: tok.token }] } })
      }
      return ok({ ok: true, updated: m })
    })
  )
  r.del(
    `${base}/team/:username`,
    withTeam((ctx, t) => (t.remove(ctx.p["username"]!) ? ok({ ok: true }) : errB(404, "Team member not found")))
  )
}

/**
 * `POST /v1/products/:p/customers`: with the product's client credentials (body, as particle-api-js sends
 * them with `grant_type=client_credentials`, or Basic), or a team member's bearer token. Answers 201 with a
 * token for the new customer (`Cache-Control: no-store`, as every token answer).
 */
const createCustomer = (ctx: Ctx): Reply => {
  const p = ctx.store.products.find(ctx.p["product"]!)
  if (!p) return productNotFound()
  const b = ctx.body
  const basic = basicCredentials(ctx.req.headers.authorization)
  const clientId = basic?.user ?? first(b["client_id"])
  const clientSecret = basic?.pass ?? first(b["client_secret"])
  if (clientId !== undefined) {
    const c = ctx.store.clients.get(clientId)
    if (!c || c.secret !== clientSecret || c.productId !== p.id) {
      return oauthError("invalid_client", "Client credentials are invalid")
    }
  } else {
    const a = ctx.authenticate()
    if (isReply(a)) return a
    if (!ctx.store.isTeamMember(p, a.user.username)) return productDenied()
  }
  const email = b["email"]
  const password = b["password"]
  if (typeof email !== "string" || email.trim() === "") return errB(400, "email is required")
  if (email.length > 254) return errB(400, "email must be at most 254 characters")
  if (password !== undefined && (typeof password !== "string" || password.length > 1024)) {
    return errB(400, "password must be a string of at most 1024 characters")
  }
  if (!password && asBool(b["no_password"]) !== true) return errB(400, "password is required (or no_password=true)")
  if (p.customers.has(email) || ctx.store.users.has(email)) return errB(400, "Customer already exists")
  const client = clientId ?? "particle"
  ctx.store.users.create({ username: email, password: typeof password === "string" ? password : "" })
  ctx.store.products.addCustomer(p, email, typeof password === "string" && password !== "" ? password : undefined)
  const tok = ctx.store.users.issueToken({
    username: email,
    expiresInSeconds: DEFAULT_TOKEN_LIFETIME_S,
    client,
    customerOf: p.id
  })
  const refresh = ctx.store.users.issueRefresh({
    username: email,
    client,
    scopes: [],
    lifetimeSeconds: DEFAULT_TOKEN_LIFETIME_S
  })
  return {
    status: 201,
    json: {
      token_type: "bearer",
      access_token: tok.token,
      refresh_token: refresh,
      expires_in: DEFAULT_TOKEN_LIFETIME_S
    },
    headers: { ...NO_STORE }
  }
}

export const registerTeamAndCustomers = (r: RouteTable): void => {
  teamRoutes(r, "/v1/products/:product", (ctx) => {
    const p = resolveProduct(ctx, ctx.p["product"]!)
    return isReply(p) ? p : productTeam(ctx, p)
  })
  teamRoutes(r, "/v1/orgs/:org", (ctx) => {
    const org = resolveOrg(ctx)
    return isReply(org) ? org : orgTeam(ctx, org)
  })

  r.post("/v1/products/:product/customers", publicRoute(createCustomer))
  r.get(
    "/v1/products/:product/customers",
    withProduct((ctx, p) => {
      const { page, perPage } = pageParams(ctx, 25, 1000)
      const all = [...p.customers.values()]
      const slice = all.slice((page - 1) * perPage, page * perPage)
      const devs = slice.flatMap((c) => ctx.store.devices.ownedBy(c.username))
      return ok({
        customers: slice.map((c) => ({
          id: c.id,
          username: c.username,
          devices: ctx.store.devices.ownedIds(c.username)
        })),
        devices: devs.map((d) => ({
          id: d.id,
          product_id: p.id,
          last_ip_address: d.lastIp,
          firmware_version: d.firmwareVersion,
          online: d.online
        })),
        meta: pageMeta(page, perPage, all.length)
      })
    })
  )
  r.put(
    "/v1/products/:product/customers/:email",
    withProduct((ctx, p) => {
      const c = p.customers.get(ctx.p["email"]!)
      if (!c) return errB(404, "Customer not found")
      const pw = first(ctx.body["password"])
      if (!pw) return errB(400, "password is required")
      c.password = pw
      const u = ctx.store.users.get(c.username)
      if (u) u.password = pw
      return ok({ ok: true })
    })
  )
  r.del(
    "/v1/products/:product/customers/:email",
    withProduct((ctx, p) => {
      const c = p.customers.get(ctx.p["email"]!)
      if (!c) return errB(404, "Customer not found")
      ctx.store.products.removeCustomer(p, c.username)
      ctx.store.deleteUser(c.username)
      return ok({ ok: true })
    })
  )
}
