import * as Effect from "effect/Effect"
import { readFileSync } from "node:fs"
import { describe, expect, it, vi } from "vitest"
import { main } from "./example.js"

// The README's example is test/example.ts, verbatim; here it runs: a receiver on 127.0.0.1 gets the
// webhook's request, and the hook-response comes back on the event stream.
describe("README example", () => {
  it("is the code of test/example.ts", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
    const example = readFileSync(new URL("./example.ts", import.meta.url), "utf8")
    expect(readme).toContain("```ts\n" + example + "\nEffect.runPromise(main)\n```")
  })

  it("runs: the receiver gets the rendered JSON, the hook-response is printed from the stream", async () => {
    const lines: Array<string> = []
    const spy = vi.spyOn(console, "log").mockImplementation((...args: Array<unknown>) =>
      void lines.push(args.join(" "))
    )
    try {
      await Effect.runPromise(main)
    } finally {
      spy.mockRestore()
    }
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^integration \d+ → http:\/\/127\.0\.0\.1:\d+\/readings$/)
    const received = /^receiver got POST \/readings (.*)$/.exec(lines[1]!)
    expect(received).not.toBeNull()
    expect(JSON.parse(received![1]!)).toEqual({ room: "kitchen", celsius: "21.5", device: "5f0000000000000000000001" })
    const response = /^hook-response\/readings\/kitchen\/0: (.*)$/.exec(lines[2]!)
    expect(response).not.toBeNull()
    expect(JSON.parse(response![1]!)).toEqual({
      stored: true,
      reading: { room: "kitchen", celsius: "21.5", device: "5f0000000000000000000001" }
    })
  })
})
