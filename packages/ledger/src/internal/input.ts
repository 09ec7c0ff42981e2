import { Input } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/** Lowercase letters, digits and dashes, 1 to 32 characters: Particle's rule for ledger names. */
export const LedgerName = /*#__PURE__*/ Schema.String.pipe(
  Schema.pattern(/^[a-z0-9-]{1,32}$/, {
    message: () => "must be 1 to 32 lowercase letters, digits and dashes (Particle's rule for ledger names)"
  })
)

/** `org` (id or slug): an organization's ledgers; without it, your sandbox's. */
export const org = /*#__PURE__*/ Schema.optional(Input.Org)
