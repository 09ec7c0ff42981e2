import { gzipSync } from "node:zlib"

/** A minimal ustar writer for the tests' library archives (the simulator reads them as GNU tar would). */
const header = (path: string, size: number): Uint8Array => {
  const block = new Uint8Array(512)
  const put = (offset: number, text: string) => block.set(new TextEncoder().encode(text), offset)
  const octal = (offset: number, width: number, n: number) => put(offset, n.toString(8).padStart(width - 1, "0"))
  put(0, path)
  octal(100, 8, 0o644)
  octal(108, 8, 0)
  octal(116, 8, 0)
  octal(124, 12, size)
  octal(136, 12, 0)
  block[156] = 0x30
  put(257, "ustar")
  put(263, "00")
  block.fill(0x20, 148, 156)
  const sum = block.reduce((a, b) => a + b, 0)
  put(148, sum.toString(8).padStart(6, "0"))
  block[154] = 0
  return block
}

/** A `.tar.gz` of the files. */
export const tarGz = (files: Record<string, string>): Uint8Array => {
  const parts: Array<Uint8Array> = []
  for (const [path, text] of Object.entries(files)) {
    const data = new TextEncoder().encode(text)
    parts.push(header(path, data.length))
    const padded = new Uint8Array(Math.ceil(data.length / 512) * 512)
    padded.set(data)
    parts.push(padded)
  }
  parts.push(new Uint8Array(1024))
  const tar = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) {
    tar.set(p, offset)
    offset += p.length
  }
  return new Uint8Array(gzipSync(tar))
}

/** A library archive: `library.properties` and one source file. */
export const libraryArchive = (name: string, version: string, extra = ""): Uint8Array =>
  tarGz({
    "library.properties": `name=${name}\nversion=${version}\nauthor=Test Author\nsentence=A test library\n${extra}`,
    [`src/${name}.cpp`]: "int x;\n"
  })

/** The files of a `.tar.gz` (names and text), read back with a tiny ustar reader. */
export const readTarGz = async (bytes: Uint8Array): Promise<Record<string, string>> => {
  const { gunzipSync } = await import("node:zlib")
  const tar = gunzipSync(bytes)
  const out: Record<string, string> = {}
  let offset = 0
  while (offset + 512 <= tar.length && tar[offset] !== 0) {
    const name = tar.subarray(offset, offset + 100).toString("utf8").replace(/\0.*$/s, "")
    const size = Number.parseInt(
      tar.subarray(offset + 124, offset + 136).toString("utf8").replace(/\0.*$/s, "").trim() || "0",
      8
    )
    const type = String.fromCharCode(tar[offset + 156]!)
    if (type === "0" || type === "\0") out[name] = tar.subarray(offset + 512, offset + 512 + size).toString("utf8")
    offset += 512 + Math.ceil(size / 512) * 512
  }
  return out
}
