/**
 * The incremental server-sent-events parser used by `stream`: bytes in, messages out, correct across any
 * chunking (CRLF or a UTF-8 character split between chunks), bounded in memory. Exposed for other SSE
 * sources and for benchmarks.
 *
 * @since 0.1.0
 */
import * as internal from "./internal/sse.js"

/**
 * What the parser reports instead of dropping silently: an oversize line or event (`LineTooLong`,
 * `EventTooLarge`), an `event:` without `data:` (`MissingData`), or an event cut off by the end of the
 * stream (`Truncated`).
 *
 * @since 0.1.0
 * @category models
 */
export type Issue = internal.SseIssue

/**
 * Callbacks of a {@link Parser}: `onMessage(event, data)` for each complete message (`event` is
 * `"message"` when the server sent no `event:` line, as the SSE spec says; multi-line `data:` is joined
 * with `\n`), `onIssue` for what was dropped.
 *
 * @since 0.1.0
 * @category models
 */
export type Handler = internal.SseHandler

/**
 * A parser for one connection: `push(bytes)` for each chunk, `end()` when the body ends.
 *
 * @since 0.1.0
 * @category models
 */
export interface Parser {
  readonly push: (bytes: Uint8Array) => void
  readonly end: () => void
}

/**
 * Default bound of one line, and of the data of one event: 1 MiB (in UTF-16 code units).
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_MAX_LENGTH: number = internal.DEFAULT_MAX_LENGTH

/**
 * Makes a parser.
 *
 * @example
 * ```ts
 * import { Sse } from "@effect-particle/events"
 *
 * const parser = Sse.makeParser({
 *   onMessage: (event, data) => console.log(event, data),
 *   onIssue: (issue) => console.warn(issue.reason)
 * })
 * parser.push(new TextEncoder().encode(":ok\n\nevent: temp\r"))
 * parser.push(new TextEncoder().encode("\ndata: {\"data\":\"21\"}\n\n")) // logs: temp {"data":"21"}
 * parser.end()
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeParser = (handler: Handler, options: { readonly maxLength?: number | undefined } = {}): Parser => {
  const parser = new internal.SseParser(handler, options.maxLength ?? internal.DEFAULT_MAX_LENGTH)
  return { push: (bytes) => parser.push(bytes), end: () => parser.end() }
}
