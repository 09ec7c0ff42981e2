/**
 * The events of a Particle event stream, decoded with `effect/Schema`, and what happens to the ones that
 * cannot be decoded.
 *
 * On the wire each event is `event: <name>` + `data: <JSON>` (see the README). The JSON carries `data`,
 * `ttl`, `published_at` and `coreid` (plus `userid`, `productID` and `version` on product and org streams);
 * the name comes from the `event:` line.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

/**
 * `ttl` as Particle sends it: a number, or (in older documentation examples) the string `"60"`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Ttl: Schema.Schema<number, number | string> = Schema.Union(Schema.Number, Schema.NumberFromString)

/**
 * One event of a Particle event stream.
 *
 * - `name`: the full event name (from the SSE `event:` line);
 * - `data`: the payload as published (a string; `null` when published without data);
 * - `ttl`: seconds (accepted as a number or a numeric string);
 * - `published_at`: decoded to a `Date`;
 * - `coreid`: the device ID (`"particle-internal"` for cloud-generated events, the user ID for events
 *   published through the API);
 * - `userid`, `productID`, `version`: present on product and org streams.
 *
 * `_tag` is `"Event"`, so that events and {@link MalformedEvent}s and connection `Status`es can be told
 * apart in `streamWithStatus`; it is added by the decoder, not read from the wire.
 *
 * @example
 * ```ts
 * import { Event } from "@effect-particle/events"
 * import { Schema } from "effect"
 *
 * const event = Schema.decodeUnknownSync(Event.ParticleEvent)({
 *   name: "temperature",
 *   data: "25.34",
 *   ttl: 60,
 *   published_at: "2015-07-18T00:12:18.174Z",
 *   coreid: "0123456789abcdef01234567"
 * })
 * // event.published_at instanceof Date
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const ParticleEvent = Schema.Struct({
  name: Schema.String,
  data: Schema.NullOr(Schema.String),
  ttl: Ttl,
  published_at: Schema.Date,
  coreid: Schema.String,
  userid: Schema.optional(Schema.String),
  productID: Schema.optional(Schema.Number),
  version: Schema.optional(Schema.Number)
}).pipe(Schema.attachPropertySignature("_tag", "Event")).annotations({ identifier: "ParticleEvent" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ParticleEvent extends Schema.Schema.Type<typeof ParticleEvent> {}

/**
 * Why an event could not be delivered as a {@link ParticleEvent}:
 *
 * - `InvalidJson`: the `data:` payload is not JSON;
 * - `InvalidEvent`: it is JSON but not a Particle event (a required field is missing or has the wrong type;
 *   `issue` names it);
 * - `LineTooLong` / `EventTooLarge`: a line, or the data of one event, exceeded `maxEventSize`; the parser
 *   dropped it without buffering it (memory stays bounded), `data` holds its first 1,024 characters;
 * - `MissingData`: an `event:` line followed by a blank line with no `data:` (the SSE spec dispatches
 *   nothing);
 * - `Truncated`: the connection ended in the middle of an event.
 *
 * @since 0.1.0
 * @category models
 */
export type MalformedReason =
  | "InvalidJson"
  | "InvalidEvent"
  | "LineTooLong"
  | "EventTooLarge"
  | "MissingData"
  | "Truncated"

/**
 * An event that could not be decoded. It is never dropped silently: by default the stream logs it (a warning
 * with its name, reason and the start of its data) and goes on; `streamWithStatus` also emits it as an item;
 * with `onMalformed: "fail"` the stream fails with it.
 *
 * `name` is the SSE `event:` name ("" if none was seen), `data` the raw `data:` text (at most 1,024
 * characters for the oversize reasons).
 *
 * @since 0.1.0
 * @category errors
 */
export class MalformedEvent extends Schema.TaggedError<MalformedEvent>("@effect-particle/events/MalformedEvent")(
  "MalformedEvent",
  {
    name: Schema.String,
    data: Schema.String,
    reason: Schema.Literal("InvalidJson", "InvalidEvent", "LineTooLong", "EventTooLarge", "MissingData", "Truncated"),
    issue: Schema.String,
    message: Schema.String
  }
) {}

/**
 * Builds a {@link MalformedEvent} with a readable message.
 *
 * @since 0.1.0
 * @category constructors
 */
export const malformed = (name: string, data: string, reason: MalformedReason, issue: string): MalformedEvent =>
  new MalformedEvent({
    name,
    data,
    reason,
    issue,
    message: `Malformed event${name === "" ? "" : ` "${name}"`}: ${issue}`
  })

const decodeSchema = Schema.decodeUnknownEither(ParticleEvent, { onExcessProperty: "ignore" })

const schemaIssue = (error: ParseResult.ParseError): string => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  if (issue === undefined) return "does not match the ParticleEvent schema"
  const path = issue.path.map(String).join(".")
  return `${path === "" ? "the event" : path} ${issue._tag === "Missing" ? "is missing" : issue.message}`
}

/**
 * The fast path of {@link decode}: builds the same value as the schema for well-formed events without
 * running the schema machinery (a property test checks that both agree). Anything unusual (a string `ttl`,
 * a wrong type, a bad date) returns `undefined` and goes through the schema, which also names the issue.
 */
const digits = (s: string, from: number, count: number): number => {
  let value = 0
  for (let i = from; i < from + count; i++) {
    const digit = s.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

/**
 * Milliseconds of an ISO-8601 timestamp. Particle's own format (`2015-07-18T00:12:18.174Z`) is read digit by
 * digit, several times faster than `Date.parse`; anything else (days past 28, where a month's length
 * matters; years below 100, which `Date.UTC` maps to 19xx) goes to `Date.parse`.
 */
const isoMillis = (s: string): number => {
  if (
    s.length === 24 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && s.charCodeAt(10) === 84 &&
    s.charCodeAt(13) === 58 && s.charCodeAt(16) === 58 && s.charCodeAt(19) === 46 && s.charCodeAt(23) === 90
  ) {
    const year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2)
    const hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2), millis = digits(s, 20, 3)
    if (
      year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour >= 0 && hour <= 23 &&
      minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && millis >= 0
    ) return Date.UTC(year, month - 1, day, hour, minute, second, millis)
  }
  return Date.parse(s)
}

/**
 * Events are built by a constructor rather than as object literals: V8 pretenures literals allocated at a
 * hot site into the old generation, where a stream's short-lived events then wait for a full GC. Every event
 * has the same fields in the same order (one hidden class); the optional ones are added after.
 */
class Decoded {
  readonly _tag = "Event"
  constructor(
    readonly name: string,
    readonly data: string | null,
    readonly ttl: number,
    readonly published_at: Date | string,
    readonly coreid: string
  ) {}
}

/** The fields of a well-formed event, checked (`undefined` for anything unusual, left to the schema). */
const fast = (name: string, json: unknown, raw: boolean): ParticleEvent | RawEvent | undefined => {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return undefined
  const o = json as Record<string, unknown>
  const data = o.data
  const ttl = o.ttl
  const publishedAt = o.published_at
  const coreid = o.coreid
  if ((data !== null && typeof data !== "string") || typeof ttl !== "number" || typeof publishedAt !== "string") {
    return undefined
  }
  if (typeof coreid !== "string") return undefined
  const userid = o.userid
  const productID = o.productID
  const version = o.version
  if (
    (userid !== undefined && typeof userid !== "string") ||
    (productID !== undefined && typeof productID !== "number") ||
    (version !== undefined && typeof version !== "number")
  ) return undefined
  let published: Date | string = publishedAt
  if (!raw) {
    const millis = isoMillis(publishedAt)
    if (Number.isNaN(millis)) return undefined
    published = new Date(millis)
  }
  const out = new Decoded(name, data, ttl, published, coreid) as Mutable
  if (userid !== undefined) out.userid = userid
  if (productID !== undefined) out.productID = productID
  if (version !== undefined) out.version = version
  return out as ParticleEvent | RawEvent
}

interface Mutable {
  userid?: string
  productID?: number
  version?: number
}

/**
 * Decodes one SSE message (its `event:` name and its `data:` text) into a {@link ParticleEvent}, or a
 * {@link MalformedEvent} saying why not. Never throws.
 *
 * @example
 * ```ts
 * import { Event } from "@effect-particle/events"
 * import { Either } from "effect"
 *
 * const result = Event.decode("temperature", "not json")
 * // Either.isLeft(result) && result.left.reason === "InvalidJson"
 * ```
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode = (name: string, data: string): Either.Either<ParticleEvent, MalformedEvent> =>
  toEither(decodeItem(name, data, false)) as Either.Either<ParticleEvent, MalformedEvent>

const toEither = <A extends { readonly _tag: string }>(
  item: A | MalformedEvent
): Either.Either<A, MalformedEvent> =>
  item._tag === "MalformedEvent" ? Either.left(item as MalformedEvent) : Either.right(item as A)

/**
 * {@link decode} (or {@link decodeRaw} with `raw: true`) returning the event or the {@link MalformedEvent}
 * itself, with no `Either` allocated around it: what the stream decodes every event with. Tell them apart by
 * `_tag`. Never throws.
 *
 * @example
 * ```ts
 * import { Event } from "@effect-particle/events"
 *
 * const item = Event.decodeItem("t", "not json", false)
 * // item._tag === "MalformedEvent" && item.reason === "InvalidJson"
 * ```
 *
 * @since 0.2.0
 * @category decoding
 */
export const decodeItem = (name: string, data: string, raw: boolean): ParticleEvent | RawEvent | MalformedEvent => {
  let json: unknown
  try {
    json = JSON.parse(data)
  } catch {
    return malformed(name, data, "InvalidJson", "the data is not JSON")
  }
  const event = fast(name, json, raw)
  if (event !== undefined) return event
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return malformed(name, data, "InvalidEvent", "the data is not a JSON object")
  }
  const decoded: Either.Either<ParticleEvent | RawEvent, ParseResult.ParseError> = (raw
    ? decodeRawSchema
    : decodeSchema)({ ...(json as object), name })
  return Either.isRight(decoded)
    ? decoded.right
    : malformed(name, data, "InvalidEvent", schemaIssue(decoded.left))
}

/**
 * An event as {@link ParticleEvent}, with `published_at` kept as the string Particle sent (an ISO-8601
 * timestamp, not parsed): what `stream({ raw: true })` emits, with no `Date` built per event.
 *
 * @example
 * ```ts
 * import { Event } from "@effect-particle/events"
 * import { Schema } from "effect"
 *
 * const event = Schema.decodeUnknownSync(Event.RawEvent)({
 *   name: "temperature",
 *   data: "25.34",
 *   ttl: 60,
 *   published_at: "2015-07-18T00:12:18.174Z",
 *   coreid: "0123456789abcdef01234567"
 * })
 * // event.published_at === "2015-07-18T00:12:18.174Z"
 * ```
 *
 * @since 0.2.0
 * @category schemas
 */
export const RawEvent = Schema.Struct({
  name: Schema.String,
  data: Schema.NullOr(Schema.String),
  ttl: Ttl,
  published_at: Schema.String,
  coreid: Schema.String,
  userid: Schema.optional(Schema.String),
  productID: Schema.optional(Schema.Number),
  version: Schema.optional(Schema.Number)
}).pipe(Schema.attachPropertySignature("_tag", "Event")).annotations({ identifier: "RawEvent" })

/**
 * @since 0.2.0
 * @category models
 */
export interface RawEvent extends Schema.Schema.Type<typeof RawEvent> {}

const decodeRawSchema = Schema.decodeUnknownEither(RawEvent, { onExcessProperty: "ignore" })

/**
 * {@link decode} keeping `published_at` as the string Particle sent ({@link RawEvent}). Never throws.
 *
 * @example
 * ```ts
 * import { Event } from "@effect-particle/events"
 * import { Either } from "effect"
 *
 * const result = Event.decodeRaw("t", `{"data":"1","ttl":60,"published_at":"2024-05-01T12:34:56.789Z","coreid":"x"}`)
 * // Either.isRight(result) && result.right.published_at === "2024-05-01T12:34:56.789Z"
 * ```
 *
 * @since 0.2.0
 * @category decoding
 */
export const decodeRaw = (name: string, data: string): Either.Either<RawEvent, MalformedEvent> =>
  toEither(decodeItem(name, data, true)) as Either.Either<RawEvent, MalformedEvent>

/**
 * The schema-only decoder (no fast path), for tests and for users who want to decode stored events.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeWithSchema = (name: string, json: unknown): Either.Either<ParticleEvent, ParseResult.ParseError> =>
  decodeSchema(typeof json === "object" && json !== null && !Array.isArray(json) ? { ...json, name } : json)
