/** Bearer-token validation with the exact messages of Particle's oauth2 fork (`lib/authorise.js`). */
import { first } from "./coerce.js"
import { oauthError, type Reply } from "./reply.js"
import type { TokenRecord, UserRecord } from "./store/types.js"
import type { UserStore } from "./store/users.js"

export interface Credentials {
  method: string
  authorization: string | undefined
  query: Record<string, unknown>
  bodyKind: string
  body: Record<string, unknown>
}

export const authenticate = (c: Credentials, users: UserStore): { user: UserRecord; token: TokenRecord } | Reply => {
  const header = c.authorization
  const queryToken = c.query["access_token"]
  const bodyToken = c.bodyKind === "form" || c.bodyKind === "json" ? c.body["access_token"] : undefined
  const count = (header !== undefined ? 1 : 0) + (queryToken !== undefined ? 1 : 0) + (bodyToken !== undefined ? 1 : 0)
  if (count > 1) {
    return oauthError(
      "invalid_request",
      "Only one method may be used to authenticate at a time (Auth header,  GET or POST)."
    )
  }
  if (count === 0) return oauthError("invalid_request", "The access token was not found")
  let token: string
  if (header !== undefined) {
    const m = /^Bearer\s(\S+)/.exec(header)
    if (!m) return oauthError("invalid_request", "Malformed auth header")
    token = m[1]!
  } else if (queryToken !== undefined) {
    token = first(queryToken) ?? ""
  } else {
    if (c.method === "GET") {
      return oauthError("invalid_request", "Method cannot be GET When putting the token in the body.")
    }
    if (c.bodyKind !== "form") {
      return oauthError(
        "invalid_request",
        "When putting the token in the body, content type must be application/x-www-form-urlencoded."
      )
    }
    token = first(bodyToken) ?? ""
  }
  const rec = users.token(token)
  const user = rec ? users.get(rec.username) : undefined
  if (!rec || !user) return oauthError("invalid_token", "The access token provided is invalid.")
  if (rec.expiresAt !== null && rec.expiresAt <= Date.now()) {
    return oauthError("invalid_token", "The access token provided has expired.")
  }
  return { user, token: rec }
}

/** `Authorization: Basic` credentials, when present. */
export const basicCredentials = (authorization: string | undefined): { user: string; pass: string } | undefined => {
  if (!authorization) return undefined
  const m = /^Basic\s+(\S+)/i.exec(authorization)
  if (!m) return undefined
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8")
  const i = decoded.indexOf(":")
  if (i === -1) return undefined
  return { user: decoded.slice(0, i), pass: decoded.slice(i + 1) }
}
