/**
 * @since 0.1.0
 */
import { Operation } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { BuildTargets } from "./BuildTarget.js"

/**
 * Lists the Device OS versions the cloud compiler can build against, per platform.
 *
 * Options: `onlyFeatured` (sends `featured=true`) limits the list to the featured versions.
 *
 * The token is sent as particle-api-js sends it, although Particle no longer requires one here, so
 * `Unauthorized` means the token itself is bad (every error is listed in the README table).
 *
 * @example
 * ```ts
 * import { listBuildTargets } from "@effect-particle/firmware"
 * import { Effect } from "effect"
 *
 * const versionsForBoron = listBuildTargets({ onlyFeatured: true }).pipe(
 *   Effect.map((r) => r.targets.filter((t) => t.platforms.includes(13)).map((t) => t.version))
 * )
 * ```
 *
 * @since 0.1.0
 * @category build targets
 */
export const listBuildTargets = /*#__PURE__*/ Operation.make({
  name: "listBuildTargets",
  summary: "List the Device OS versions the compiler builds against",
  method: "GET",
  routes: [{ path: "/v1/build_targets" }],
  input: Schema.Struct({ onlyFeatured: Schema.optional(Schema.Boolean) }),
  query: (i) => ({ featured: i.onlyFeatured === true ? true : undefined }),
  response: Operation.json(BuildTargets)
})
