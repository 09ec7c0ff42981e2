import { Sse } from "@effect-particle/events"
import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { type SseIssue, SseParser } from "../src/internal/sse.js"

type Msg = readonly [event: string, data: string]

const parseChunks = (chunks: ReadonlyArray<Uint8Array>, maxLength?: number) => {
  const messages: Array<Msg> = []
  const issues: Array<SseIssue> = []
  const parser = new SseParser(
    { onMessage: (e, d) => messages.push([e, d]), onIssue: (i) => issues.push(i) },
    maxLength
  )
  for (const c of chunks) parser.push(c)
  parser.end()
  return { messages, issues }
}

const enc = (s: string) => new TextEncoder().encode(s)
const splitAt = (bytes: Uint8Array, points: ReadonlyArray<number>): Array<Uint8Array> => {
  const sorted = [...new Set(points)].sort((a, b) => a - b)
  const out: Array<Uint8Array> = []
  let last = 0
  for (const p of sorted) {
    out.push(bytes.subarray(last, p))
    last = p
  }
  out.push(bytes.subarray(last))
  return out
}

// ---------------------------------------------------------------------------------------------------------
// a corpus model: messages with every line ending, comments, multi-line data, unknown fields, unicode
// ---------------------------------------------------------------------------------------------------------

type Line = { readonly text: string }
interface Model {
  readonly lines: ReadonlyArray<Line>
  readonly expected: ReadonlyArray<Msg>
}

const valueChar = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(..."abcXYZ019{}\":,. /_-") },
  { weight: 2, arbitrary: fc.constantFrom("é", "ß", "€", "中", "😀", "🌡️", "\u00a0", "\u2028") }
)
const value = fc.array(valueChar, { maxLength: 12 }).map((cs) => cs.join(""))
const noLeadingSpace = value.map((v) => v.replace(/^ +/, ""))

const fieldLine = (field: string, v: string, compact: boolean) => ({
  text: compact ? `${field}:${v}` : `${field}: ${v}`
})

const messageArb = fc.record({
  event: fc.option(noLeadingSpace.filter((v) => v.length > 0), { nil: undefined }),
  data: fc.array(noLeadingSpace, { minLength: 1, maxLength: 3 }),
  compact: fc.boolean(),
  eventAfterData: fc.boolean(),
  noise: fc.array(
    fc.constantFrom(":ok", ":", ": keep-alive", "id: 7", "retry: 1000", "foo: bar", "unknownfield"),
    { maxLength: 2 }
  ),
  blankLinesBefore: fc.integer({ min: 0, max: 2 })
})

const modelArb: fc.Arbitrary<Model> = fc.array(messageArb, { minLength: 1, maxLength: 8 }).map((msgs) => {
  const lines: Array<Line> = [{ text: ":ok" }, { text: "" }]
  const expected: Array<Msg> = []
  for (const m of msgs) {
    for (let i = 0; i < m.blankLinesBefore; i++) lines.push({ text: "" })
    const dataLines = m.data.map((d) => fieldLine("data", d, m.compact))
    const eventLine = m.event === undefined ? [] : [fieldLine("event", m.event, m.compact)]
    const body = m.eventAfterData ? [...dataLines, ...eventLine] : [...eventLine, ...dataLines]
    // noise goes in the middle of the message
    body.splice(1, 0, ...m.noise.map((text) => ({ text })))
    lines.push(...body, { text: "" })
    expected.push([m.event ?? "message", m.data.join("\n")])
  }
  return { lines, expected }
})

const terminators = ["\n", "\r\n", "\r"] as const

/** Serialises lines with the given terminators; never lets a lone CR be followed by an empty LF line (that is CRLF). */
const serialise = (lines: ReadonlyArray<Line>, ends: ReadonlyArray<number>): string => {
  let out = ""
  let prev = ""
  lines.forEach((line, i) => {
    let end: string = terminators[ends[i % ends.length]! % 3]!
    if (prev === "\r" && line.text === "" && end === "\n") end = "\r\n"
    out += line.text + end
    prev = end
  })
  return out
}

const corpusArb = fc.record({
  model: modelArb,
  ends: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 16 })
})

describe("SSE parser", () => {
  it("parses Particle's wire format", () => {
    const { messages, issues } = parseChunks([
      enc(
        ":ok\n\nevent: temperature\ndata: {\"data\":\"25.34\",\"ttl\":60,\"published_at\":\"2015-07-18T00:12:18.174Z\",\"coreid\":\"0123456789abcdef01234567\"}\n\n\n"
      )
    ])
    expect(messages).toEqual([[
      "temperature",
      "{\"data\":\"25.34\",\"ttl\":60,\"published_at\":\"2015-07-18T00:12:18.174Z\",\"coreid\":\"0123456789abcdef01234567\"}"
    ]])
    expect(issues).toEqual([])
  })

  it("handles LF, CRLF and lone CR, field:value and field: value, comments, unknown fields", () => {
    const text =
      ":ok\r\n\r\nevent:a\rdata:1\r\rid: 9\nretry: 5\nfoo\nevent: b\r\n: comment\r\ndata: 2\r\ndata:3\r\n\r\n"
    const { messages, issues } = parseChunks([enc(text)])
    expect(messages).toEqual([["a", "1"], ["b", "2\n3"]])
    expect(issues).toEqual([])
  })

  it("strips only one space after the colon, and a leading BOM", () => {
    const { messages } = parseChunks([enc("\uFEFFevent:  x\ndata:  y\n\n")])
    expect(messages).toEqual([[" x", " y"]])
  })

  it("names an event without an event: line \"message\" (SSE default) instead of dropping it", () => {
    expect(parseChunks([enc("data: {}\n\n")]).messages).toEqual([["message", "{}"]])
  })

  it("a colon-less \"data\" line adds an empty data line", () => {
    expect(parseChunks([enc("event: e\ndata\ndata: x\n\n")]).messages).toEqual([["e", "\nx"]])
  })

  it("does not lose the event when CRLF is split across chunks (particle-api-js bug 3)", () => {
    const { messages } = parseChunks([enc("event: e\r"), enc("\ndata: 1\r"), enc("\n\r"), enc("\n")])
    expect(messages).toEqual([["e", "1"]])
  })

  it("decodes a UTF-8 character split across chunks", () => {
    const bytes = enc("event: t\ndata: 🌡️ 21 °C\n\n")
    for (let i = 0; i <= bytes.length; i++) {
      expect(parseChunks(splitAt(bytes, [i])).messages).toEqual([["t", "🌡️ 21 °C"]])
    }
  })

  it("gives the same messages fed byte by byte", () => {
    const text = ":ok\n\nevent: a\r\ndata: é€😀\r\n\r\nevent: b\rdata: 2\r\r"
    const bytes = enc(text)
    const one = Array.from(bytes, (b) => Uint8Array.of(b))
    expect(parseChunks(one)).toEqual(parseChunks([bytes]))
    expect(parseChunks(one).messages).toEqual([["a", "é€😀"], ["b", "2"]])
  })

  it("reports an event: with no data: (MissingData) and an event cut off by the end (Truncated)", () => {
    const { messages, issues } = parseChunks([enc("event: lonely\n\nevent: cut\ndata: {\"a\"")])
    expect(messages).toEqual([])
    expect(issues.map((i) => [i.reason, i.event])).toEqual([["MissingData", "lonely"], ["Truncated", "cut"]])
  })

  it("skips an oversize line without buffering it, reports it, and goes on", () => {
    const max = 100
    const long = "x".repeat(1000)
    const bytes = enc(`event: big\ndata: ${long}\n\nevent: ok\ndata: 1\n\n`)
    for (const size of [1, 7, 64, 1000, bytes.length]) {
      const messages: Array<Msg> = []
      const issues: Array<SseIssue> = []
      const parser = new SseParser({ onMessage: (e, d) => messages.push([e, d]), onIssue: (i) => issues.push(i) }, max)
      for (let i = 0; i < bytes.length; i += size) {
        parser.push(bytes.subarray(i, i + size))
        expect((parser as unknown as { tail: string }).tail.length).toBeLessThanOrEqual(max + size)
      }
      parser.end()
      expect(messages).toEqual([["ok", "1"]])
      expect(issues.map((i) => [i.reason, i.event])).toEqual([["LineTooLong", "big"]])
      expect(issues[0]!.data.startsWith("data: xxx")).toBe(true)
    }
  })

  it("drops an event whose data lines add up past the limit (EventTooLarge)", () => {
    const line = `data: ${"y".repeat(40)}\n`
    const { messages, issues } = parseChunks([enc(`event: many\n${line.repeat(10)}\nevent: next\ndata: 2\n\n`)], 100)
    expect(messages).toEqual([["next", "2"]])
    expect(issues.map((i) => i.reason)).toEqual(["EventTooLarge"])
  })

  it("ignores an oversize comment line", () => {
    const { messages, issues } = parseChunks([enc(`:${"k".repeat(500)}\nevent: a\ndata: 1\n\n`)], 100)
    expect(messages).toEqual([["a", "1"]])
    expect(issues).toEqual([])
  })

  it("is exposed as Sse.makeParser", () => {
    const got: Array<Msg> = []
    const p = Sse.makeParser({ onMessage: (e, d) => got.push([e, d]), onIssue: () => {} })
    p.push(enc("event: t\r"))
    p.push(enc("\ndata: {}\n\n"))
    p.end()
    expect(got).toEqual([["t", "{}"]])
  })

  it("property: any corpus, split at every single point, gives the model's messages", () => {
    fc.assert(
      fc.property(corpusArb, ({ ends, model }) => {
        const bytes = enc(serialise(model.lines, ends))
        const whole = parseChunks([bytes])
        expect(whole.messages).toEqual(model.expected)
        expect(whole.issues).toEqual([])
        for (let i = 0; i <= bytes.length; i++) {
          expect(parseChunks(splitAt(bytes, [i])).messages).toEqual(model.expected)
        }
      }),
      { numRuns: 150 }
    )
  })

  it("property: any corpus, split at random points, gives the model's messages", () => {
    fc.assert(
      fc.property(
        corpusArb.chain(({ ends, model }) => {
          const bytes = enc(serialise(model.lines, ends))
          return fc.tuple(
            fc.constant(bytes),
            fc.constant(model.expected),
            fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 })
          )
        }),
        ([bytes, expected, points]) => {
          const result = parseChunks(splitAt(bytes, points))
          expect(result.messages).toEqual(expected)
          expect(result.issues).toEqual([])
        }
      ),
      { numRuns: 500 }
    )
  })
})
