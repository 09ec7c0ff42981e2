/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { Limit, list } from "./internal/input.js"
import { LibraryListDocument, Scope, Sort } from "./Library.js"

/**
 * The options of `listLibraries` and `streamLibraries` (particle-api-js names): `filter` (a search term),
 * `sort` (`Library.Sort`), `architectures` (platform names, e.g. `["argon", "boron"]`), `category`,
 * `scope` (`Library.Scope`, default `all`), `excludeScopes`; arrays are sent comma-joined.
 *
 * @example
 * ```ts
 * import { listLibraries } from "@effect-particle/libraries"
 *
 * const page = listLibraries({ filter: "sensor", architectures: ["argon", "boron"], excludeScopes: ["private"] })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const LibraryFilters = /*#__PURE__*/ Schema.Struct({
  filter: Schema.optional(Schema.String),
  sort: Schema.optional(Sort),
  architectures: Schema.optional(Schema.Union(Input.NonEmpty, Schema.Array(Input.NonEmpty))),
  category: Schema.optional(Input.NonEmpty),
  scope: Schema.optional(Scope),
  excludeScopes: Schema.optional(Schema.Union(Scope, Schema.Array(Scope)))
})

/**
 * Lists one page of firmware libraries, decoded from the JSON:API document into plain records
 * (`Library.Library`). `streamLibraries` walks every page.
 *
 * Options: the filters of {@link LibraryFilters}, `page` (from 1) and `limit` (1–100, Particle's default
 * is 10), sent in particle-api-js's order.
 *
 * Errors:
 * - `BadRequest`: filters the cloud refuses (its JSON:API message is the error's message).
 * - `InvalidInput`: an unknown `scope` or `sort`, a `limit` outside 1–100, a bad `page`.
 *
 * @example
 * ```ts
 * import { listLibraries } from "@effect-particle/libraries"
 * import { Effect } from "effect"
 *
 * const popular = listLibraries({ scope: "official", sort: "-installs", limit: 20 }).pipe(
 *   Effect.map((libs) => libs.map((l) => `${l.name} (${l.installs} installs)`))
 * )
 * ```
 *
 * @since 0.1.0
 * @category libraries
 */
export const listLibraries = /*#__PURE__*/ Operation.make({
  name: "listLibraries",
  summary: "List one page of firmware libraries",
  method: "GET",
  routes: [{ path: "/v1/libraries" }],
  input: Schema.Struct({ ...LibraryFilters.fields, page: Schema.optional(Input.Page), limit: Schema.optional(Limit) }),
  query: (i) => ({
    page: i.page,
    filter: i.filter,
    limit: i.limit,
    sort: i.sort,
    architectures: list(i.architectures),
    category: i.category,
    scope: i.scope,
    excludeScopes: list(i.excludeScopes)
  }),
  response: Operation.json(LibraryListDocument),
  errors: [ParticleError.BadRequest]
})
