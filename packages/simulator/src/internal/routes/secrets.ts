/**
 * Secrets family: list, get, set (`PUT` with `{secret: {value}}` as particle-cli sends it, or `{value}`) and
 * delete (204), in the sandbox (`/v1/secrets`) and per org (`/v1/orgs/:org/secrets`). The value is never in an
 * answer; a secret a Logic function declares cannot be deleted (400, particle-cli's fixture).
 */
import type { AuthedCtx, RouteTable } from "../context.js"
import { errB, noContent, ok, type Reply } from "../reply.js"
import { ENV_KEY_MESSAGE } from "../store/env.js"
import type { Store } from "../store/index.js"
import { MAX_SECRET_NAME_LENGTH, MAX_SECRET_VALUE_BYTES, SECRET_NAME, type SecretRecord } from "../store/secrets.js"
import { isObject, isReply, type Namespace, namespaceOf, notFound, validationError } from "./namespaces.js"

const IN_USE = "This secret cannot be deleted as it is being used by integrations or Logic Functions."

const usedBy = (store: Store, ns: Namespace, name: string): Array<string> =>
  store.logic.inNamespace(ns.key).filter((f) => f.secrets?.includes(name) === true).map((f) => f.id)

const secretJson = (store: Store, ns: Namespace, s: SecretRecord) => ({
  name: s.name,
  created_at: s.created_at,
  updated_at: s.updated_at,
  created_by: s.created_by,
  updated_by: s.updated_by,
  last_accessed_at: s.last_accessed_at,
  integrations: [],
  logic_functions: usedBy(store, ns, s.name)
})

const nameError = (name: string): Reply | undefined => {
  if (name.length > MAX_SECRET_NAME_LENGTH) {
    return validationError("name", `Must be at most ${MAX_SECRET_NAME_LENGTH} characters`)
  }
  return SECRET_NAME.test(name) ? undefined : validationError("name", ENV_KEY_MESSAGE)
}

const withNamespace = (f: (ctx: AuthedCtx, ns: Namespace) => Reply) => (ctx: AuthedCtx): Reply => {
  const ns = namespaceOf(ctx)
  return isReply(ns) ? ns : f(ctx, ns)
}

export const registerSecrets = (r: RouteTable): void => {
  for (const base of ["/v1", "/v1/orgs/:org"]) {
    r.get(
      `${base}/secrets`,
      withNamespace((ctx, ns) =>
        ok({ secrets: ctx.store.secrets.list(ns.key).map((s) => secretJson(ctx.store, ns, s)) })
      )
    )

    r.get(
      `${base}/secrets/:name`,
      withNamespace((ctx, ns) => {
        const s = ctx.store.secrets.get(ns.key, ctx.p["name"]!)
        return s ? ok({ secret: secretJson(ctx.store, ns, s) }) : notFound("Secret")
      })
    )

    r.put(
      `${base}/secrets/:name`,
      withNamespace((ctx, ns) => {
        const name = ctx.p["name"]!
        const bad = nameError(name)
        if (bad) return bad
        const wrapped = isObject(ctx.body["secret"])
        const value = wrapped ? (ctx.body["secret"] as Record<string, unknown>)["value"] : ctx.body["value"]
        const at = wrapped ? "secret.value" : "value"
        if (value === undefined || value === "") return validationError(at, "Is required")
        if (typeof value !== "string") return validationError(at, "Must be a string")
        if (Buffer.byteLength(value) > MAX_SECRET_VALUE_BYTES) {
          return validationError(at, `Must be at most ${MAX_SECRET_VALUE_BYTES} bytes`)
        }
        const set = ctx.store.secrets.set(ns.key, name, value, ctx.user.id)
        if (set === "full") {
          return validationError("name", "Too many secrets")
        }
        return ok({ secret: secretJson(ctx.store, ns, set.secret) }, set.created ? 201 : 200)
      })
    )

    r.del(
      `${base}/secrets/:name`,
      withNamespace((ctx, ns) => {
        const name = ctx.p["name"]!
        if (!ctx.store.secrets.get(ns.key, name)) return notFound("Secret")
        if (usedBy(ctx.store, ns, name).length > 0) return errB(400, IN_USE)
        ctx.store.secrets.remove(ns.key, name)
        return noContent()
      })
    )
  }
}
