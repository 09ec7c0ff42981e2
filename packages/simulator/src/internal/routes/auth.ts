/**
 * Auth family: the token endpoint (`auth-token.ts`), access tokens (`auth-tokens.ts`), the user account and
 * MFA (`auth-user.ts`), and OAuth clients (`auth-clients.ts`).
 */
import { publicRoute, type RouteTable } from "../context.js"
import { registerClients } from "./auth-clients.js"
import { oauthToken } from "./auth-token.js"
import { registerAccessTokens } from "./auth-tokens.js"
import { registerUser } from "./auth-user.js"

export const registerAuth = (r: RouteTable): void => {
  r.post("/oauth/token", publicRoute(oauthToken, { rawBody: true }))
  registerAccessTokens(r)
  registerUser(r)
  registerClients(r)
}
