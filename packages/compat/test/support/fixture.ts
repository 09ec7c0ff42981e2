/**
 * Test helpers: particle-api-js 12.0.3 (the devDependency), plain HTTP calls to the simulator for the
 * state a case needs, a real `.tar.gz` library archive, and files on disk.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { gzipSync } from "node:zlib"

/** particle-api-js 12.0.3's `Particle` (CommonJS). */
export const Official = createRequire(import.meta.url)("particle-api-js") as new(
  options?: Record<string, unknown>
) => any

/** Its version, read from its package.json. */
export const officialVersion: string = JSON.parse(
  readFileSync(
    createRequire(import.meta.url).resolve("particle-api-js").replace(/lib\/src\/Particle\.js$/, "package.json"),
    "utf8"
  )
).version

export interface SimLike {
  readonly url: string
  readonly accessToken: string
}

/** One plain HTTP call to the simulator (for the state a case needs), answering its JSON. */
export const http = async (
  sim: SimLike,
  method: string,
  path: string,
  o: { readonly json?: unknown; readonly form?: Record<string, string>; readonly token?: string | null } = {}
): Promise<{ readonly status: number; readonly body: any }> => {
  const headers: Record<string, string> = {}
  const token = o.token === undefined ? sim.accessToken : o.token
  if (token !== null) headers.authorization = `Bearer ${token}`
  let body: string | undefined
  if (o.json !== undefined) {
    headers["content-type"] = "application/json"
    body = JSON.stringify(o.json)
  } else if (o.form !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded"
    body = new URLSearchParams(o.form).toString()
  }
  const response = await fetch(sim.url + path, { method, headers, ...(body !== undefined ? { body } : {}) })
  const text = await response.text()
  return { status: response.status, body: text.length > 0 ? JSON.parse(text) : undefined }
}

/** Polls `check` until it answers something (a real wait for asynchronous simulator work, bounded). */
export const eventually = async <A>(check: () => Promise<A | undefined>, what: string, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

const octal = (n: number, width: number) => n.toString(8).padStart(width - 1, "0") + "\0"

/** A ustar archive of regular files, gzip-compressed. */
export const tarGz = (files: Record<string, string>): Buffer => {
  const blocks: Array<Buffer> = []
  for (const [path, text] of Object.entries(files)) {
    const data = Buffer.from(text)
    const header = Buffer.alloc(512)
    header.write(path, 0, 100, "utf8")
    header.write(octal(0o644, 8), 100)
    header.write(octal(0, 8), 108)
    header.write(octal(0, 8), 116)
    header.write(octal(data.length, 12), 124)
    header.write(octal(1_700_000_000, 12), 136)
    header.write("        ", 148)
    header.write("0", 156)
    header.write("ustar\u000000", 257)
    let sum = 0
    for (const byte of header) sum += byte
    header.write(octal(sum, 7) + " ", 148)
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512))
  }
  blocks.push(Buffer.alloc(1024))
  return gzipSync(Buffer.concat(blocks))
}

/** A library archive the simulator accepts. */
export const libraryArchive = (name: string, version: string): Buffer =>
  tarGz({
    "library.properties": `name=${name}\nversion=${version}\nauthor=Me\nsentence=A test library\n`,
    [`src/${name}.h`]: `#pragma once\nint ${name.replace(/\W/g, "_")}();\n`,
    [`src/${name}.cpp`]: `#include "${name}.h"\nint ${name.replace(/\W/g, "_")}() { return 1; }\n`
  })

/** Files on disk, for uploads given as paths and streams. */
export const filesOnDisk = () => {
  const dir = mkdtempSync(join(tmpdir(), "compat-"))
  const source = join(dir, "app.ino")
  writeFileSync(source, "void setup() {}\nvoid loop() {}\n")
  const header = join(dir, "helper.h")
  writeFileSync(header, "#pragma once\n")
  return { dir, source, header }
}

/** Logic code that logs the event it got. */
export const logicCode =
  "import Particle from 'particle:core';\nexport default function main({ event }) {\n  console.log('got', event.eventName, event.eventData);\n}"
