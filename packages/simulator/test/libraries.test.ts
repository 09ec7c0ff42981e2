/**
 * Libraries: real .tar.gz archives (written by the simulator, read by GNU tar; written by GNU tar, read by
 * the simulator), uploads unpacked and their library.properties read, JSON:API errors for every bad upload.
 */
import { execFileSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { makeLibraryArchive, parseProperties, readLibraryArchive } from "../src/internal/library-archive.js"
import { readTar, readTarGz, writeTar, writeTarGz } from "../src/internal/tar.js"
import { call, multipart, type Sim } from "./helpers.js"

let sim: Sim
let dir: string
beforeAll(async () => {
  sim = await Simulator.start()
  dir = mkdtempSync(join(tmpdir(), "sim-libraries-"))
})
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await sim.close()
})
beforeEach(() => sim.reset())

const text = (s: string) => new TextEncoder().encode(s)
const upload = (data: Uint8Array, path = "/v1/libraries") =>
  call(sim, "POST", path, {
    body: multipart([{ name: "file", filename: "archive.tar.gz", data, contentType: "application/gzip" }])
  })

/** A library directory packed by GNU tar (`tar czf`), as particle-cli's upload packs one. */
const gnuTarGz = (name: string, properties: string, extra: Record<string, string> = {}): Uint8Array => {
  const root = mkdtempSync(join(dir, "lib-"))
  mkdirSync(join(root, "src"))
  writeFileSync(join(root, "library.properties"), properties)
  writeFileSync(join(root, "src", `${name}.cpp`), "int x;\n")
  for (const [file, content] of Object.entries(extra)) writeFileSync(join(root, file), content)
  const out = join(dir, `${name}-${Date.now()}.tar.gz`)
  execFileSync("tar", ["czf", out, "-C", root, "."])
  return new Uint8Array(readFileSync(out))
}

describe("tar and gzip", () => {
  it("writeTar / readTar round-trip files, directories and long paths (ustar prefix)", () => {
    const long = `${"d".repeat(90)}/${"e".repeat(60)}/file.txt`
    const tar = writeTar([
      { path: "a.txt", data: text("hello") },
      { path: "dir", type: "directory", data: new Uint8Array(0) },
      { path: long, data: text("x".repeat(1500)) },
      { path: "empty", data: new Uint8Array(0) }
    ])
    expect(tar.length % 512).toBe(0)
    const entries = readTar(tar)
    expect(Array.isArray(entries)).toBe(true)
    expect((entries as Array<{ path: string; type: string }>).map((e) => [e.path, e.type])).toEqual([
      ["a.txt", "file"],
      ["dir", "directory"],
      [long, "file"],
      ["empty", "file"]
    ])
    expect(new TextDecoder().decode((entries as Array<{ data: Uint8Array }>)[2]!.data)).toBe("x".repeat(1500))
  })

  it("GNU tar extracts what the simulator writes (tar xzf), library.properties included", () => {
    const archive = makeLibraryArchive({ name: "blinker", version: "1.2.3", author: "Me", sentence: "Blinks" })
    const file = join(dir, "blinker.tar.gz")
    writeFileSync(file, archive)
    const out = mkdtempSync(join(dir, "x-"))
    execFileSync("tar", ["xzf", file, "-C", out])
    const props = parseProperties(readFileSync(join(out, "library.properties"), "utf8"))
    expect(props.get("name")).toBe("blinker")
    expect(props.get("version")).toBe("1.2.3")
    expect(props.get("sentence")).toBe("Blinks")
    expect(readFileSync(join(out, "src", "blinker.h"), "utf8")).toContain("BLINKER_VERSION \"1.2.3\"")
    const listing = execFileSync("tar", ["tzf", file], { encoding: "utf8" }).trim().split("\n")
    expect(listing).toEqual(
      expect.arrayContaining(["library.properties", "README.md", "src/blinker.cpp", "examples/usage/usage.ino"])
    )
  })

  it("the simulator reads what GNU tar writes (a ./-prefixed archive), and refuses what is not a library", () => {
    const ok = readLibraryArchive(
      gnuTarGz("gnulib", "name=gnulib\nversion=0.1.0\nauthor=GNU\n# comment\narchitectures=argon, boron\n")
    )
    expect(typeof ok).toBe("object")
    expect((ok as { properties: unknown }).properties).toMatchObject({
      name: "gnulib",
      version: "0.1.0",
      author: "GNU",
      architectures: ["argon", "boron"]
    })
    expect(readTarGz(text("plain text"))).toMatch(/not gzip/)
    expect(readTarGz(new Uint8Array([0x1f, 0x8b, 1, 2, 3]))).toMatch(/not valid gzip/)
    expect(readTarGz(new Uint8Array(gzipSync(text("not a tar archive at all"))))).toMatch(/not a tar archive|checksum/)
    expect(readLibraryArchive(writeTarGz([{ path: "README.md", data: text("hi") }]))).toBe(
      "library.properties is missing from the archive"
    )
    expect(readLibraryArchive(writeTarGz([{ path: "library.properties", data: text("name=x\nversion=one\n") }])))
      .toMatch(/version "one" is not valid/)
    expect(readLibraryArchive(writeTarGz([{ path: "library.properties", data: text("version=1.0.0\n") }]))).toBe(
      "library.properties has no name"
    )
    expect(readTarGz(writeTarGz([{ path: "../evil", data: text("x") }]))).toMatch(/unsafe path/)
    expect(readTarGz(writeTarGz([{ path: "big", data: new Uint8Array(5000) }]), { maxBytes: 1000, maxEntries: 10 }))
      .toMatch(/more than 1000 bytes/)
    expect(
      readTarGz(writeTarGz([{ path: "a", data: text("1") }, { path: "b", data: text("2") }]), {
        maxBytes: 1000,
        maxEntries: 1
      })
    ).toMatch(/more than 1 entries/)
  })
})

describe("libraries over HTTP", () => {
  it("seeded libraries download as real archives whose library.properties matches the document", async () => {
    const one = await call(sim, "GET", "/v1/libraries/neopixel")
    expect(one.json.data.attributes).toMatchObject({
      name: "neopixel",
      version: "0.0.10",
      official: true,
      visibility: "public"
    })
    const url: string = one.json.data.links.download
    expect(url.startsWith(sim.url)).toBe(true)
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer())
    const read = readLibraryArchive(bytes)
    expect(read).toMatchObject({
      properties: { name: "neopixel", version: "0.0.10", author: "Particle Simulator", license: "MIT" }
    })
    const older = await call(sim, "GET", "/v1/libraries/neopixel?version=0.0.9")
    expect(readLibraryArchive(new Uint8Array(await (await fetch(older.json.data.links.download)).arrayBuffer())))
      .toMatchObject({ properties: { version: "0.0.9" } })
  })

  it("version=latest is the newest version; an unknown version is a JSON:API 404", async () => {
    expect((await call(sim, "GET", "/v1/libraries/NeoPixel?version=latest")).json.data.attributes.version).toBe(
      "0.0.10"
    )
    const missing = await call(sim, "GET", "/v1/libraries/neopixel?version=9.9.9")
    expect(missing.status).toBe(404)
    expect(missing.json).toEqual({ errors: [{ message: "Version 9.9.9 of library neopixel not found" }] })
    const unknown = await call(sim, "GET", "/v1/libraries/no-such-lib")
    expect([unknown.status, unknown.json.errors[0].message]).toEqual([404, "Library no-such-lib not found"])
  })

  it("a contributed archive (packed by GNU tar) is unpacked: name, version and properties come from library.properties", async () => {
    const archive = gnuTarGz(
      "weather",
      "name=weather\nversion=1.0.0\nauthor=Ann\nlicense=BSD\nsentence=Reads the weather\ndependencies.neopixel=0.0.10\n"
    )
    const made = await upload(archive)
    expect(made.status).toBe(201)
    expect(made.json.data).toMatchObject({
      type: "libraries",
      id: "weather",
      attributes: {
        name: "weather",
        version: "1.0.0",
        author: "Ann",
        license: "BSD",
        sentence: "Reads the weather",
        visibility: "private",
        mine: true,
        dependencies: { neopixel: "0.0.10" }
      }
    })
    // the download serves the uploaded bytes
    const bytes = new Uint8Array(await (await fetch(made.json.data.links.download)).arrayBuffer())
    expect(Buffer.from(bytes).equals(Buffer.from(archive))).toBe(true)
    // the next version must be greater
    const again = await upload(archive)
    expect(again.status).toBe(400)
    expect(again.json).toEqual({
      errors: [{ message: "This version is not valid. Version must be greater than or equal to 1.0.1" }]
    })
    const v2 = await upload(makeLibraryArchive({ name: "weather", version: "1.1.0" }), "/v1/libraries/weather")
    expect(v2.status).toBe(201)
    const versions = await call(sim, "GET", "/v1/libraries/weather/versions")
    expect(versions.json.data.map((d: any) => d.attributes.version)).toEqual(["1.1.0", "1.0.0"])
    // other users do not see a private library
    expect((await call(sim, "GET", "/v1/libraries/weather", { token: sim.seed.otherUser.accessToken })).status).toBe(
      404
    )
  })

  it("corrupt uploads get a JSON:API 400 naming the problem, never a crash", async () => {
    const cases: Array<[Uint8Array, RegExp]> = [
      [text("name=mylib\nversion=1.0.0\n"), /not gzip-compressed/],
      [new Uint8Array([0x1f, 0x8b, 0, 0, 0]), /not valid gzip/],
      [new Uint8Array(gzipSync(text("garbage".repeat(100)))), /not a tar archive|checksum/],
      [writeTarGz([{ path: "src/x.cpp", data: text("int x;") }]), /library.properties is missing/],
      [
        writeTarGz([{ path: "library.properties", data: text("name=bad name\nversion=1.0.0\n") }]),
        /name "bad name" is not valid/
      ]
    ]
    for (const [bytes, message] of cases) {
      const r = await upload(bytes)
      expect(r.status).toBe(400)
      expect(r.json.errors).toHaveLength(1)
      expect(r.json.errors[0].message).toMatch(/^The library archive is not valid: /)
      expect(r.json.errors[0].message).toMatch(message)
    }
    const none = await call(sim, "POST", "/v1/libraries", { json: {} })
    expect([none.status, none.json.errors[0].message]).toEqual([
      400,
      "A library archive is required: a multipart file part holding a .tar.gz"
    ])
    const broken = await call(sim, "POST", "/v1/libraries", {
      body: "--x\r\nnope",
      headers: { "content-type": "multipart/form-data; boundary=x" }
    })
    expect(broken.status).toBe(400)
    expect(broken.json.errors[0].message).toMatch(/^The upload is not valid: Malformed multipart body/)
    const mismatch = await upload(makeLibraryArchive({ name: "alpha", version: "1.0.0" }), "/v1/libraries/beta")
    expect(mismatch.json.errors[0].message).toBe(
      "The library name in library.properties (alpha) does not match the URL (beta)"
    )
    const foreign = await upload(makeLibraryArchive({ name: "neopixel", version: "9.0.0" }))
    expect([foreign.status, foreign.json.errors[0].message]).toEqual([
      403,
      "The library name neopixel is owned by someone else"
    ])
    // the server is fine afterwards
    expect((await call(sim, "GET", "/v1/libraries")).status).toBe(200)
  })

  it("publish makes a library public; delete needs the owner, and force for a public library", async () => {
    await upload(makeLibraryArchive({ name: "mine", version: "0.1.0" }))
    expect((await call(sim, "PATCH", "/v1/libraries/mine", { json: { visibility: "private" } })).json.errors[0].message)
      .toBe("visibility must be public")
    const pub = await call(sim, "PATCH", "/v1/libraries/mine", { json: { visibility: "public" } })
    expect([pub.status, pub.json.data.attributes.visibility]).toEqual([200, "public"])
    expect((await call(sim, "GET", "/v1/libraries/mine", { token: sim.seed.otherUser.accessToken })).status).toBe(200)
    const notOwner = await call(sim, "DELETE", "/v1/libraries/mine", {
      token: sim.seed.otherUser.accessToken,
      json: { force: "x" }
    })
    expect([notOwner.status, notOwner.json.errors[0].message]).toEqual([403, "You do not own the library mine"])
    const noForce = await call(sim, "DELETE", "/v1/libraries/mine", { json: {} })
    expect([noForce.status, noForce.json.errors[0].message]).toEqual([
      400,
      "mine is public: deleting a public library needs force"
    ])
    expect((await call(sim, "DELETE", "/v1/libraries/mine", { json: { force: "yes" } })).status).toBe(204)
    expect((await call(sim, "GET", "/v1/libraries/mine")).status).toBe(404)
    // a private library is deleted without force
    expect((await call(sim, "DELETE", "/v1/libraries/sim-sensors", { json: {} })).status).toBe(204)
  })

  it("list: scope, filter, architectures, sort and paging", async () => {
    const names = async (q: string) => (await call(sim, "GET", `/v1/libraries${q}`)).json.data.map((d: any) => d.id)
    expect(await names("")).toEqual(["neopixel", "onewire", "sim-sensors"])
    expect(await names("?scope=official")).toEqual(["neopixel"])
    expect(await names("?scope=mine")).toEqual(["sim-sensors"])
    expect(await names("?scope=public&excludeScopes=official")).toEqual(["onewire"])
    expect(await names("?filter=WIRE")).toEqual(["onewire"])
    expect(await names("?sort=-installs")).toEqual(["neopixel", "onewire", "sim-sensors"])
    expect(await names("?limit=2&page=2")).toEqual(["sim-sensors"])
    await upload(makeLibraryArchive({ name: "argononly", version: "1.0.0", architectures: ["argon"] }))
    expect(await names("?architectures=boron")).toEqual(["neopixel", "onewire", "sim-sensors"])
    expect(await names("?architectures=argon,boron")).toContain("argononly")
    const bad = await call(sim, "GET", "/v1/libraries?scope=everything")
    expect([bad.status, bad.json.errors[0].message]).toEqual([
      400,
      "scope must be one of all, official, verified, featured, public, private, mine"
    ])
  })
})
