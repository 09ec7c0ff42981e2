import { Input } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/** `org` (id or slug): an organization's Logic; without it, your sandbox's. */
export const org = /*#__PURE__*/ Schema.optional(Input.Org)

/** A Logic function or run id (Particle's are UUIDs). */
export const Id = Input.NonEmpty
