import * as Either from "effect/Either"
import * as E from "../ParticleError.js"

/**
 * A route of an operation. `path` is a template under the base URL: `{field}` is a required placeholder,
 * `{/field}` an optional path segment (`/value` when the field is set, nothing otherwise). A route applies
 * when `when` (if any) holds and every required placeholder has a value; the first that applies wins.
 * `url` names an input field holding an absolute URL (downloads), to which the token is only sent when it
 * points under the base URL.
 */
export type Route<I> =
  | { readonly path: string; readonly when?: ((input: I) => boolean) | undefined }
  | { readonly url: string; readonly when?: ((input: I) => boolean) | undefined }

type Segment = string | { readonly field: string; readonly optional: boolean }

export interface CompiledRoute {
  readonly template: string
  readonly segments: ReadonlyArray<Segment>
  readonly required: ReadonlyArray<string>
  readonly when: ((input: any) => boolean) | undefined
  /** the field holding an absolute URL, for `url` routes */
  readonly urlField: string | undefined
}

const placeholder = /\{(\/?)(\w+)\}/g

export const compile = (route: Route<any>): CompiledRoute => {
  if ("url" in route) {
    return { template: `{${route.url}}`, segments: [], required: [route.url], when: route.when, urlField: route.url }
  }
  const template = route.path
  const segments: Array<Segment> = []
  const required: Array<string> = []
  let last = 0
  for (const m of template.matchAll(placeholder)) {
    if (m.index > last) segments.push(template.slice(last, m.index))
    const optional = m[1] === "/"
    segments.push({ field: m[2]!, optional })
    if (!optional) required.push(m[2]!)
    last = m.index + m[0].length
  }
  if (last < template.length) segments.push(template.slice(last))
  return { template, segments, required, when: route.when, urlField: undefined }
}

/** Own properties only: a polluted `Object.prototype` must never pick a route or fill a placeholder. */
const own = (input: unknown, field: string): unknown =>
  typeof input === "object" && input !== null && Object.hasOwn(input, field)
    ? (input as Record<string, unknown>)[field]
    : undefined

const present = (value: unknown) => value !== undefined && value !== null

const segmentOf = (field: string, value: unknown): Either.Either<string, E.InvalidInput> => {
  if (typeof value !== "string" && typeof value !== "number") {
    return Either.left(E.invalidInput(field, "must be a string or a number"))
  }
  const text = String(value)
  if (text === "") return Either.left(E.invalidInput(field, "is required"))
  // a dot segment would be resolved away by the URL and reach another endpoint
  if (text === "." || text === "..") return Either.left(E.invalidInput(field, "must not be \".\" or \"..\""))
  return Either.right(encodeURIComponent(text))
}

export interface Selected {
  /** the path under the base URL, or the absolute URL of a `url` route */
  readonly target: string
  readonly template: string
  readonly absolute: boolean
}

/** Picks the first applicable route and fills it, URL-encoding every value as one path segment. */
export const select = (
  routes: ReadonlyArray<CompiledRoute>,
  input: unknown
): Either.Either<Selected, E.InvalidInput> => {
  const route = routes.find((r) =>
    (r.when === undefined || r.when(input)) && r.required.every((field) => present(own(input, field)))
  )
  if (route === undefined) {
    const fallback = routes[routes.length - 1]
    const missing = fallback?.required.find((field) => !present(own(input, field)))
    return Either.left(E.invalidInput(missing ?? "options", missing ? "is required" : "select no endpoint"))
  }
  if (route.urlField !== undefined) {
    const value = own(input, route.urlField)
    if (typeof value !== "string") return Either.left(E.invalidInput(route.urlField, "must be an absolute http(s) URL"))
    let url: URL
    try {
      url = new URL(value)
    } catch {
      return Either.left(E.invalidInput(route.urlField, "must be an absolute http(s) URL"))
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return Either.left(E.invalidInput(route.urlField, "must be an absolute http(s) URL"))
    }
    return Either.right({ target: url.href, template: route.template, absolute: true })
  }
  let target = ""
  for (const segment of route.segments) {
    if (typeof segment === "string") {
      target += segment
      continue
    }
    const value = own(input, segment.field)
    if (segment.optional && !present(value)) continue
    const encoded = segmentOf(segment.field, value)
    if (Either.isLeft(encoded)) return Either.left(encoded.left)
    target += segment.optional ? "/" + encoded.right : encoded.right
  }
  return Either.right({ target, template: route.template, absolute: false })
}
