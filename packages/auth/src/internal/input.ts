import { Input } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

/** A string with something besides whitespace in it (a username, an email, a name). */
export const NonBlank = /*#__PURE__*/ Schema.String.pipe(
  Schema.filter((s) => s.trim().length > 0 || "must not be empty")
).annotations({ message: () => "must be a non-empty string" })

/** A username for HTTP Basic credentials: non-empty, without `:` (RFC 7617 cannot carry one). */
export const BasicUsername = /*#__PURE__*/ NonBlank.pipe(
  Schema.filter((s) => !s.includes(":") || "must not contain \":\" (HTTP Basic credentials cannot carry one)")
)

/**
 * An OAuth client ID as Particle's token endpoint accepts it (`/^[a-z0-9-_]{3,40}$/i`, from its oauth2
 * fork): anything else is answered `invalid_client`, so it is caught before any request.
 */
export const ClientId = /*#__PURE__*/ Schema.String.pipe(
  Schema.pattern(/^[a-z0-9_-]{3,40}$/i, {
    message: () => "must be 3 to 40 letters, digits, \"-\" or \"_\" (an OAuth client ID)"
  })
)

/** Particle's documented client for personal use (`-u particle:particle`). */
export const DEFAULT_CLIENT_ID = "particle"
export const DEFAULT_CLIENT_SECRET = "particle"

/** `clientId` / `clientSecret`, defaulting to `particle` / `particle`. */
export const defaultClient = {
  clientId: /*#__PURE__*/ Schema.optionalWith(ClientId, { default: () => DEFAULT_CLIENT_ID }),
  clientSecret: /*#__PURE__*/ Schema.optionalWith(Input.Secret, {
    default: () => Redacted.make(DEFAULT_CLIENT_SECRET)
  })
}

/** `clientId` / `clientSecret` of a real OAuth client (client-credentials grants have no default client). */
export const requiredClient = {
  clientId: ClientId,
  clientSecret: Input.Secret
}

/** A token lifetime in seconds: an integer ≥ 0, where 0 asks for a token that never expires. */
export const TokenDuration = /*#__PURE__*/ Schema.Number.pipe(
  Schema.int({ message: () => "must be a whole number of seconds ≥ 0 (0 = never expires)" }),
  Schema.greaterThanOrEqualTo(0, { message: () => "must be a whole number of seconds ≥ 0 (0 = never expires)" })
)

/** particle-api-js's default token lifetime (`tokenDuration`, 90 days), which it sends with every login. */
export const DEFAULT_TOKEN_DURATION = 7_776_000

/** JSON `invalidate_tokens: true` only when asked, as particle-api-js sends it. */
export const invalidateTokens = (asked: boolean | undefined): true | undefined => (asked === true ? true : undefined)

/** Base64 of the UTF-8 bytes of `text`, without Node built-ins (the browser bundle must not import them). */
export const base64 = (text: string): string => {
  const bytes = new TextEncoder().encode(text)
  let binary = ""
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}
