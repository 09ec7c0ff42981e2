/**
 * Schemas of a product's (or an organization's) team: its members, human and API users.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A team member's role.
 *
 * @example
 * ```ts
 * import { Team } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Team.Role)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Role = /*#__PURE__*/ Schema.Struct({ id: Schema.optional(Schema.String), name: Schema.String })

/**
 * A team member: a person (`username` is their email, with a `role`), or an API user (`is_programmatic`,
 * `friendly_name` and `scopes`).
 *
 * @example
 * ```ts
 * import { Team } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Team.TeamMember)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const TeamMember = /*#__PURE__*/ Schema.Struct({
  _id: Schema.optional(Schema.String),
  username: Schema.String,
  role: Schema.optional(Role),
  /** An API user (created with scopes; it has one non-expiring token). */
  is_programmatic: Schema.optional(Schema.Boolean),
  friendly_name: Schema.optional(Schema.String),
  scopes: Schema.optional(Schema.Array(Schema.String)),
  product_id: Schema.optional(Schema.NullOr(Schema.Number)),
  no_mfa: Schema.optional(Schema.Boolean),
  scim_provisioned: Schema.optional(Schema.Boolean),
  no_password: Schema.optional(Schema.Boolean)
})

/**
 * @example
 * ```ts
 * import type { Team } from "@effect-particle/products"
 *
 * const isApiUser = (member: Team.TeamMember) => member.is_programmatic === true
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type TeamMember = typeof TeamMember.Type

/**
 * The answer of `listTeamMembers`: `{ ok, team: [...] }` (Particle's docs; particle-api-js types a bare
 * array, which the cloud does not send).
 *
 * @example
 * ```ts
 * import { Team } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Team.TeamList)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const TeamList = /*#__PURE__*/ Schema.Struct({
  ok: Schema.optional(Schema.Boolean),
  team: Schema.Array(TeamMember)
})

/**
 * @example
 * ```ts
 * import type { Team } from "@effect-particle/products"
 *
 * const usernames = (list: Team.TeamList) => list.team.map((m) => m.username)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type TeamList = typeof TeamList.Type

/**
 * The answer of `inviteTeamMember`: `{ ok, invited: { username } }`.
 *
 * @example
 * ```ts
 * import { Team } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Team.Invitation)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Invitation = /*#__PURE__*/ Schema.Struct({
  ok: Schema.optional(Schema.Boolean),
  invited: Schema.Struct({ username: Schema.String })
})

/**
 * @example
 * ```ts
 * import type { Team } from "@effect-particle/products"
 *
 * const invited = (answer: Team.Invitation) => answer.invited.username
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Invitation = typeof Invitation.Type

/**
 * The roles a member can be invited with.
 *
 * @example
 * ```ts
 * import { Team } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const value = Schema.decodeUnknownSync(Team.RoleName)("Developer")
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const RoleName = /*#__PURE__*/ Schema.Literal("Administrator", "Developer", "View-only", "Support")
