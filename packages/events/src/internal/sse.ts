/**
 * An incremental parser for `text/event-stream` (the WHATWG server-sent events format), bytes in, messages
 * out.
 *
 * Design, for speed and for correctness across any chunking:
 * - each chunk is decoded once with a streaming `TextDecoder` (`{ stream: true }`), so a UTF-8 character
 *   split across chunks is completed by the next chunk, never replaced by U+FFFD;
 * - lines are found with `String.prototype.indexOf` (native, vectorised) from the last scanned position:
 *   bytes are never re-scanned and never concatenated one by one. A chunk without `\r` (Particle sends LF)
 *   takes a fast path that only looks for `\n`;
 * - only the incomplete last line of a chunk is kept (one string concatenation per chunk);
 * - a chunk that ends in `\r` sets a flag so that a `\n` at the start of the next chunk is the second half of
 *   that CRLF, not a blank line (particle-api-js loses an event there);
 * - field values are `slice`s of the decoded chunk; no regular expression runs per line or per event.
 *
 * Memory is bounded by `maxLength`: a line, or the data of one event, longer than that is dropped (the
 * parser stops buffering it and skips to the next line end) and reported through `onIssue`.
 *
 * @internal
 */

/** Something the parser dropped, reported instead of silently discarded. */
export interface SseIssue {
  readonly reason: "LineTooLong" | "EventTooLarge" | "MissingData" | "Truncated"
  /** The `event:` name seen so far for the affected message ("" if none). */
  readonly event: string
  /** The start of what was dropped (at most 1,024 characters). */
  readonly data: string
}

export interface SseHandler {
  /** A complete message: `event` is "message" when the server sent no `event:` line (SSE default). */
  readonly onMessage: (event: string, data: string) => void
  readonly onIssue: (issue: SseIssue) => void
}

/** Default bound of one line and of the data of one event, in UTF-16 code units (1 MiB). */
export const DEFAULT_MAX_LENGTH = 1024 * 1024

const LF = 10
const CR = 13
const COLON = 58
const SPACE = 32

const PREVIEW = 1024

export class SseParser {
  private readonly decoder = new TextDecoder("utf-8")
  private readonly whole = new TextDecoder("utf-8")
  /** Continuation bytes the streaming decoder waits for (0: none, -1: unknown). */
  private pending = 0
  /** The last chunk was ASCII: the next one is decoded by the whole-text decoder. */
  private ascii = true
  /** Event names seen on this connection, as strings of their own (see `nameOf`). */
  private readonly names = new Map<string, string>()
  private lastName = ""
  /** The incomplete last line of the previous chunk(s). Never contains a line terminator. */
  private tail = ""
  /** The previous chunk ended with `\r`: a leading `\n` belongs to that CRLF. */
  private skipLF = false
  /** Inside a line longer than `maxLength`: drop characters up to the next line end. */
  private discarding = false
  private discardPreview = ""
  private event = ""
  private data = ""
  private hasData = false
  /** The current event is already broken (too large): drop it at its blank line. */
  private broken = false
  /** The `id:` of the last event, kept per the SSE spec (Particle sends none). */
  lastEventId = ""

  constructor(
    private readonly handler: SseHandler,
    private readonly maxLength: number = DEFAULT_MAX_LENGTH
  ) {}

  /** Feeds a chunk of bytes; complete messages are passed to the handler before it returns. */
  push(bytes: Uint8Array): void {
    this.text(this.decode(bytes))
  }

  /**
   * Decodes a chunk. ASCII text (most Particle streams) is decoded in its middle by a non-streaming
   * `TextDecoder`, which makes one-byte strings (faster to scan and parse, half the memory), with only the
   * bytes at its edges (a character split with the previous or the next chunk) through the streaming one.
   * Other text, and anything unusual (invalid UTF-8 at an edge), goes through the streaming decoder alone:
   * on Node 20 it is the faster one for text that becomes a two-byte string anyway.
   */
  private decode(bytes: Uint8Array): string {
    const length = bytes.length
    if (length === 0) return ""
    if (this.pending === -1 || !this.ascii) {
      // the streaming decoder alone: its state is unknown (until a chunk ends in ASCII), or the text is not
      // ASCII (V8 then makes two-byte strings either way, and the streaming decoder is the faster one)
      const text = this.decoder.decode(bytes, { stream: true })
      this.pending = bytes[length - 1]! < 0x80 ? 0 : -1
      // as many characters as bytes: ASCII (or invalid bytes), which the whole-text decoder reads faster
      this.ascii = text.length === length
      return text
    }
    let start = 0
    let head = ""
    if (this.pending > 0) {
      // the continuation bytes of the character split with the previous chunk
      const need = Math.min(this.pending, length)
      for (; start < need; start++) if ((bytes[start]! & 0xc0) !== 0x80) break
      if (start < this.pending) {
        // invalid, or still incomplete: the streaming decoder takes the whole chunk
        this.pending = -1
        return this.decode(bytes)
      }
      head = this.decoder.decode(bytes.subarray(0, start), { stream: true })
      this.pending = 0
    }
    // the last lead byte, if its character is not complete in this chunk
    let end = length
    for (let i = length - 1; i >= start && i >= length - 3; i--) {
      const b = bytes[i]!
      if (b < 0x80) break
      if (b >= 0xc0) {
        const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2
        if (length - i < size) {
          end = i
          this.pending = size - (length - i)
        }
        break
      }
    }
    const middle = end === start
      ? ""
      : this.whole.decode(start === 0 && end === length ? bytes : bytes.subarray(start, end))
    if (middle.length !== end - start) this.ascii = false
    if (end === length) return head === "" ? middle : head + middle
    // the start of the split character: kept by the streaming decoder for the next chunk
    const tail = this.decoder.decode(bytes.subarray(end), { stream: true })
    return head + middle + tail
  }

  /**
   * The stream ended. A message without its closing blank line is not dispatched (SSE spec) and is reported
   * as `Truncated`.
   */
  end(): void {
    const rest = this.decoder.decode()
    this.pending = 0
    if (rest.length > 0) this.text(rest)
    const pendingLine = this.discarding || (this.tail.length > 0 && this.tail.charCodeAt(0) !== COLON)
    if (!this.broken && (this.hasData || this.event !== "" || pendingLine)) {
      this.handler.onIssue({
        reason: "Truncated",
        event: this.event,
        data: preview(this.hasData ? this.data : this.discarding ? this.discardPreview : this.tail)
      })
    }
    this.tail = ""
    this.discarding = false
    this.discardPreview = ""
    this.skipLF = false
    this.reset()
  }

  /** Feeds decoded text (exposed for tests). */
  text(chunk: string): void {
    let start = 0
    if (chunk.length === 0) return
    if (this.skipLF) {
      this.skipLF = false
      if (chunk.charCodeAt(0) === LF) start = 1
    }
    if (this.tail.length > 0) {
      // complete the pending line with the start of this chunk, without copying the whole chunk onto it
      const nl = chunk.indexOf("\n", start)
      // the first line end: a CR before the first LF is found without scanning the rest of the chunk
      const first = nl === -1 || chunk.lastIndexOf("\r", nl) >= start ? chunk.indexOf("\r", start) : nl
      if (first === -1) {
        const text = this.tail + (start === 0 ? chunk : chunk.slice(start))
        this.tail = ""
        this.scan(text, 0, text.length - chunk.length + start)
        return
      }
      let next = first + 1
      if (chunk.charCodeAt(first) === CR && next < chunk.length && chunk.charCodeAt(next) === LF) next++
      const line = this.tail + chunk.slice(start, next)
      const scanFrom = this.tail.length
      this.tail = ""
      this.scan(line, 0, scanFrom)
      // a CR ending that line is the end of this chunk only if nothing follows it
      if (next < chunk.length) this.skipLF = false
      start = next
      if (start === chunk.length) return
    }
    this.scan(chunk, start, start)
  }

  /** Dispatches the complete lines of `text` from `pos` (no line end before `scanFrom`), keeps the rest. */
  private scan(text: string, pos: number, scanFrom: number): void {
    const length = text.length
    const max = this.maxLength
    if (text.indexOf("\r", scanFrom) === -1) {
      // fast path: LF only
      let nl = text.indexOf("\n", scanFrom)
      while (nl !== -1) {
        if (this.discarding) this.endDiscard()
        else if (nl - pos > max) this.tooLong(text, pos)
        else this.line(text, pos, nl)
        pos = nl + 1
        nl = text.indexOf("\n", pos)
      }
    } else {
      let nl = text.indexOf("\n", scanFrom)
      let cr = text.indexOf("\r", scanFrom)
      while (nl !== -1 || cr !== -1) {
        let end: number
        let next: number
        if (cr === -1 || (nl !== -1 && nl < cr)) {
          end = nl
          next = nl + 1
        } else {
          end = cr
          if (cr + 1 < length) {
            next = text.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1
          } else {
            next = cr + 1
            this.skipLF = true
          }
        }
        if (this.discarding) this.endDiscard()
        else if (end - pos > max) this.tooLong(text, pos)
        else this.line(text, pos, end)
        pos = next
        if (nl !== -1 && nl < pos) nl = text.indexOf("\n", pos)
        if (cr !== -1 && cr < pos) cr = text.indexOf("\r", pos)
      }
    }
    if (pos < length) {
      if (this.discarding) return
      if (length - pos > max) {
        this.discarding = true
        this.discardPreview = text.slice(pos, pos + PREVIEW)
      } else {
        this.tail = pos === 0 ? text : text.slice(pos)
      }
    }
  }

  private tooLong(text: string, pos: number): void {
    this.discardPreview = text.slice(pos, pos + PREVIEW)
    this.reportLong()
  }

  private endDiscard(): void {
    this.discarding = false
    this.reportLong()
  }

  private reportLong(): void {
    const preview = this.discardPreview
    this.discardPreview = ""
    // a comment line does not belong to any event
    if (preview.charCodeAt(0) === COLON) return
    this.handler.onIssue({ reason: "LineTooLong", event: this.event, data: preview })
    // the event this line belonged to is incomplete: drop it silently at its blank line (already reported)
    this.broken = true
    this.data = ""
  }

  private line(text: string, pos: number, end: number): void {
    if (pos === end) {
      this.dispatch()
      return
    }
    const c = text.charCodeAt(pos)
    if (c === COLON) return // comment (":ok", keep-alives)
    // fast paths for the two fields Particle sends
    if (c === 100 && text.startsWith("data:", pos)) {
      let v = pos + 5
      if (v < end && text.charCodeAt(v) === SPACE) v++
      this.addData(text.slice(v, end))
      return
    }
    if (c === 101 && text.startsWith("event:", pos)) {
      let v = pos + 6
      if (v < end && text.charCodeAt(v) === SPACE) v++
      // the name of the previous event again (the usual case): no slice, no lookup
      const last = this.lastName
      this.event = end - v === last.length && last.length > 0 && text.startsWith(last, v)
        ? last
        : (this.lastName = this.nameOf(text.slice(v, end)))
      return
    }
    // general case: "field:value", "field: value", or "field" alone (value "")
    let colon = text.indexOf(":", pos)
    if (colon === -1 || colon > end) colon = end
    const field = text.slice(pos, colon)
    let v = colon + 1
    if (v < end && text.charCodeAt(v) === SPACE) v++
    const value = v < end ? text.slice(v, end) : ""
    switch (field) {
      case "data":
        this.addData(value)
        return
      case "event":
        this.event = this.nameOf(value)
        return
      case "id":
        if (value.indexOf("\u0000") === -1) this.lastEventId = value
        return
      default:
        // "retry" and unknown fields are ignored (SSE spec)
        return
    }
  }

  /**
   * The name as a string of its own: a slice of the decoded read would keep the whole read (up to 64 KiB)
   * alive for as long as an event that carries it is kept. The names of a connection repeat, so the first
   * copy of each (up to 256 of them) is reused.
   */
  private nameOf(slice: string): string {
    const known = this.names.get(slice)
    if (known !== undefined) return known
    const own = copy(slice)
    if (this.names.size < MAX_NAMES) this.names.set(own, own)
    return own
  }

  private addData(value: string): void {
    if (this.broken) return
    if (this.hasData) {
      if (this.data.length + value.length + 1 > this.maxLength) {
        this.handler.onIssue({ reason: "EventTooLarge", event: this.event, data: preview(this.data) })
        this.broken = true
        this.data = ""
        return
      }
      this.data += "\n" + value
    } else {
      this.data = value
      this.hasData = true
    }
  }

  private dispatch(): void {
    if (this.broken) {
      this.reset()
      return
    }
    if (this.hasData) {
      const event = this.event
      const data = this.data
      this.reset()
      this.handler.onMessage(event === "" ? "message" : event, data)
      return
    }
    if (this.event !== "") {
      // "event:" with no "data:": the SSE spec dispatches nothing; we report it
      this.handler.onIssue({ reason: "MissingData", event: this.event, data: "" })
    }
    this.reset()
  }

  private reset(): void {
    this.event = ""
    this.data = ""
    this.hasData = false
    this.broken = false
  }
}

const preview = (s: string): string => copy(s.length > PREVIEW ? s.slice(0, PREVIEW) : s)

const MAX_NAMES = 256

/** A flat copy of a string (not a slice of, nor a rope over, another one). */
const copy = (s: string): string => s.length < 13 ? s : JSON.parse(JSON.stringify(s))
