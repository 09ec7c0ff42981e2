/** multipart/form-data parsing (uploads: firmware, sources, library archives, device imports). */

export interface MultipartPart {
  name: string
  filename?: string
  contentType?: string
  data: Uint8Array
}

/** Parses a multipart/form-data body. Returns undefined when malformed. */
export const parseMultipart = (body: Buffer, boundary: string): Array<MultipartPart> | undefined => {
  const delim = Buffer.from(`--${boundary}`)
  const next = Buffer.concat([Buffer.from("\r\n"), delim])
  const parts: Array<MultipartPart> = []
  let pos = body.indexOf(delim)
  if (pos === -1) return undefined
  for (;;) {
    pos += delim.length
    // closing delimiter
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts
    // skip transport padding + CRLF
    const lineEnd = body.indexOf("\r\n", pos)
    if (lineEnd === -1) return undefined
    const headerEnd = body.indexOf("\r\n\r\n", lineEnd)
    if (headerEnd === -1) return undefined
    const headerText = body.subarray(lineEnd + 2, headerEnd).toString("utf8")
    const end = body.indexOf(next, headerEnd + 4)
    if (end === -1) return undefined
    const data = new Uint8Array(body.subarray(headerEnd + 4, end))
    let name: string | undefined
    let filename: string | undefined
    let contentType: string | undefined
    for (const line of headerText.split("\r\n")) {
      const idx = line.indexOf(":")
      if (idx === -1) continue
      const h = line.slice(0, idx).trim().toLowerCase()
      const v = line.slice(idx + 1).trim()
      if (h === "content-disposition") {
        const nm = /\bname="([^"]*)"/i.exec(v) ?? /\bname=([^;]+)/i.exec(v)
        const fn = /\bfilename="([^"]*)"/i.exec(v) ?? /\bfilename=([^;]+)/i.exec(v)
        if (nm) name = nm[1]!
        if (fn) filename = fn[1]!
      } else if (h === "content-type") contentType = v
    }
    if (name === undefined) return undefined
    const part: MultipartPart = { name, data }
    if (filename !== undefined) part.filename = filename
    if (contentType !== undefined) part.contentType = contentType
    parts.push(part)
    pos = end + 2
  }
}
