/**
 * Schemas of firmware libraries. The libraries endpoints answer JSON:API documents
 * (`{ data: { type, id, links, attributes } }`); these schemas decode them into plain records (the
 * attributes, with `id` and the archive's `download` link beside them).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

const optionalText = Schema.optional(Schema.NullOr(Schema.String))

const Attributes = Schema.Struct({
  name: Schema.optional(Schema.String),
  version: Schema.String,
  installs: Schema.optional(Schema.Number),
  license: optionalText,
  author: optionalText,
  sentence: optionalText,
  paragraph: optionalText,
  category: optionalText,
  url: optionalText,
  repository: optionalText,
  architectures: Schema.optional(Schema.NullOr(Schema.Array(Schema.String))),
  /** Library names to versions. */
  dependencies: Schema.optional(Schema.NullOr(Schema.Record({ key: Schema.String, value: Schema.String }))),
  /** `public` or `private`. */
  visibility: Schema.optional(Schema.String),
  official: Schema.optional(Schema.Boolean),
  verified: Schema.optional(Schema.Boolean),
  mine: Schema.optional(Schema.Boolean)
})

const Resource = Schema.Struct({
  type: Schema.optional(Schema.String),
  id: Schema.String,
  links: Schema.optional(Schema.Struct({ download: Schema.optional(Schema.String) })),
  attributes: Attributes
})

const Plain = Schema.Struct({
  id: Schema.String,
  ...Attributes.fields,
  name: Schema.String,
  /** The URL of the version's `.tar.gz` (fetch it with `downloadFile`). */
  download: Schema.optional(Schema.String)
})

/**
 * A library version as a plain record: `id`, `name` (the attributes' name, else the id), `version`,
 * `author`, `license`, `sentence`, `visibility`, `official`, `verified`, `mine`, …, and `download`, the
 * archive's URL (JSON:API's `links.download`).
 *
 * @example
 * ```ts
 * import { getLibrary } from "@effect-particle/libraries"
 * import { Effect } from "effect"
 *
 * const label = getLibrary({ name: "neopixel" }).pipe(Effect.map((lib) => `${lib.name}@${lib.version} by ${lib.author}`))
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Library: Schema.Schema<Library, Schema.Schema.Encoded<typeof Resource>> = /*#__PURE__*/ Schema.transform(
  Resource,
  Plain,
  {
    strict: true,
    decode: (r) => ({
      ...r.attributes,
      id: r.id,
      name: r.attributes.name ?? r.id,
      ...(r.links?.download !== undefined ? { download: r.links.download } : {})
    }),
    encode: ({ download, id, ...attributes }) => ({
      type: "libraries",
      id,
      ...(download !== undefined ? { links: { download } } : {}),
      attributes
    })
  }
)

/**
 * @example
 * ```ts
 * import type { Library } from "@effect-particle/libraries"
 *
 * const label = (lib: Library.Library) => `${lib.name}@${lib.version} (${lib.visibility ?? "?"})`
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Library extends Schema.Schema.Type<typeof Plain> {}

/**
 * A JSON:API document holding one library, decoded to the library.
 *
 * @example
 * ```ts
 * import { Library } from "@effect-particle/libraries"
 * import { Schema } from "effect"
 *
 * const lib = Schema.decodeUnknownSync(Library.LibraryDocument)({
 *   data: { type: "libraries", id: "neopixel", attributes: { name: "neopixel", version: "0.0.10" } }
 * })
 * // { id: "neopixel", name: "neopixel", version: "0.0.10" }
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const LibraryDocument: Schema.Schema<Library, any> = /*#__PURE__*/ Schema.transform(
  Schema.Struct({ data: Library }),
  Schema.typeSchema(Library),
  { strict: true, decode: (d) => d.data, encode: (data) => ({ data }) }
)

/**
 * A JSON:API document holding a list of libraries, decoded to the list.
 *
 * @example
 * ```ts
 * import { Library } from "@effect-particle/libraries"
 * import { Schema } from "effect"
 *
 * const libs = Schema.decodeUnknownSync(Library.LibraryListDocument)({ data: [] }) // []
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const LibraryListDocument: Schema.Schema<ReadonlyArray<Library>, any> = /*#__PURE__*/ Schema.transform(
  Schema.Struct({ data: Schema.Array(Library) }),
  Schema.typeSchema(Schema.Array(Library)),
  { strict: true, decode: (d) => d.data, encode: (data) => ({ data }) }
)

/**
 * The library scopes of `listLibraries`: `all` (public libraries and your private ones), `official`,
 * `verified`, `featured`, `public`, `private` (your private ones), `mine` (yours, public and private).
 *
 * @example
 * ```ts
 * import { listLibraries } from "@effect-particle/libraries"
 *
 * const official = listLibraries({ scope: "official" })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Scope = /*#__PURE__*/ Schema.Literal(
  "all",
  "official",
  "verified",
  "featured",
  "public",
  "private",
  "mine"
)

/**
 * @example
 * ```ts
 * import type { Library } from "@effect-particle/libraries"
 *
 * const scope: Library.Scope = "mine"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Scope = typeof Scope.Type

/**
 * The sort keys of `listLibraries` (`-` first for descending): `name`, `installs`, `popularity`,
 * `published`, `updated`, `created`, `official`, `verified`.
 *
 * @example
 * ```ts
 * import { Library } from "@effect-particle/libraries"
 * import { Schema } from "effect"
 *
 * Schema.is(Library.Sort)("-installs") // true
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Sort = /*#__PURE__*/ Schema.String.pipe(
  Schema.pattern(/^-?(name|installs|popularity|published|updated|created|official|verified)$/, {
    message: () =>
      "must be name, installs, popularity, published, updated, created, official or verified, with - for descending"
  })
)

/**
 * A library name: letters, digits, `_`, `-` and `.`, starting with a letter or a digit (names are
 * case-insensitive).
 *
 * @example
 * ```ts
 * import { Library } from "@effect-particle/libraries"
 * import { Schema } from "effect"
 *
 * Schema.is(Library.Name)("neopixel") // true
 * Schema.is(Library.Name)("no spaces") // false
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Name = /*#__PURE__*/ Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, {
    message: () => "must be a library name (letters, digits, _, - and ., at most 64 characters)"
  })
)
