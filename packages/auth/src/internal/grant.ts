import { Operation } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import { Token } from "../Token.js"

/** `POST /oauth/token`: form-encoded only, never with a Bearer token (`auth: false`). */
export const TOKEN_PATH = "/oauth/token"

/** What every grant posts besides its own fields: the grant type and the client's credentials. */
export const grantForm = (
  grant: string,
  client: { readonly clientId: string; readonly clientSecret: Redacted.Redacted<string> },
  fields: { readonly [key: string]: string | number | undefined }
): Operation.Body =>
  Operation.formBody({
    ...fields,
    grant_type: grant,
    client_id: client.clientId,
    client_secret: Redacted.value(client.clientSecret)
  })

/** The token answer of every grant. */
export const tokenResponse = /*#__PURE__*/ Operation.json(Token)
