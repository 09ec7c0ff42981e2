/**
 * Fidelity suite: particle-api-js 12.0.3's library methods (listLibraries, getLibrary, getLibraryVersions,
 * contributeLibrary, publishLibrary, deleteLibrary, downloadFile) against the simulator.
 */
import { describe, expect, it } from "vitest"
import { makeLibraryArchive, readLibraryArchive } from "../src/internal/library-archive.js"
import { officialSuite, rejection } from "./official.js"

const { api, auth, lastRequest } = await officialSuite()

describe("particle-api-js 12.0.3 → simulator: libraries", () => {
  it("listLibraries sends its query as qs does and gets JSON:API documents", async () => {
    const libs = await api.listLibraries({ auth })
    expect(libs.statusCode).toBe(200)
    expect(libs.body.data.map((l: any) => l.id)).toEqual(["neopixel", "onewire", "sim-sensors"])
    expect(libs.body.data[0]).toMatchObject({
      type: "libraries",
      id: "neopixel",
      attributes: { name: "neopixel", version: "0.0.10" }
    })
    const filtered = await api.listLibraries({
      page: 1,
      limit: 5,
      filter: "neo",
      sort: "-installs",
      architectures: ["argon", "boron"],
      scope: "public",
      excludeScopes: ["private", "mine"],
      auth
    })
    expect(filtered.body.data.map((l: any) => l.id)).toEqual(["neopixel"])
    expect(lastRequest().rawQuery).toBe(
      "page=1&filter=neo&limit=5&sort=-installs&architectures=argon%2Cboron&scope=public&excludeScopes=private%2Cmine"
    )
  })

  it("getLibrary (case-insensitive, a version, latest) and getLibraryVersions", async () => {
    const one = await api.getLibrary({ name: "NeoPixel", auth })
    expect(one.body.data).toMatchObject({
      type: "libraries",
      id: "neopixel",
      attributes: { version: "0.0.10", official: true }
    })
    expect((await api.getLibrary({ name: "neopixel", version: "0.0.9", auth })).body.data.attributes.version).toBe(
      "0.0.9"
    )
    expect(lastRequest().rawQuery).toBe("version=0.0.9")
    expect((await api.getLibrary({ name: "neopixel", version: "latest", auth })).body.data.attributes.version).toBe(
      "0.0.10"
    )
    const missing = await rejection(api.getLibrary({ name: "nope", auth }))
    expect(missing.statusCode).toBe(404)
    expect(missing.body.errors).toEqual([{ message: "Library nope not found" }])
    const versions = await api.getLibraryVersions({ name: "neopixel", page: 1, limit: 10, auth })
    expect(versions.body.data.map((d: any) => d.attributes.version)).toEqual(["0.0.10", "0.0.9"])
    expect(lastRequest().rawQuery).toBe("page=1&limit=10")
  })

  it("contributeLibrary uploads archive.tar.gz as the multipart part `file`; publish; delete with force", async () => {
    const archive = Buffer.from(makeLibraryArchive({ name: "mylib", version: "1.0.0", author: "Me" }))
    const made = await api.contributeLibrary({ archive, auth })
    expect([made.statusCode, made.body.data.attributes.visibility, made.body.data.attributes.author]).toEqual([
      201,
      "private",
      "Me"
    ])
    const request = lastRequest()
    expect(request.method).toBe("POST")
    expect(request.path).toBe("/v1/libraries")
    expect(request.multipart!.map((p) => [p.name, p.filename])).toEqual([["file", "archive.tar.gz"]])
    const dup = await rejection(api.contributeLibrary({ archive, auth }))
    expect(dup.statusCode).toBe(400)
    expect(dup.body.errors[0].message).toBe("This version is not valid. Version must be greater than or equal to 1.0.1")
    const corrupt = await rejection(
      api.contributeLibrary({ archive: Buffer.from("name=mylib\nversion=1.0.1\n"), auth })
    )
    expect(corrupt.statusCode).toBe(400)
    expect(corrupt.body.errors[0].message).toMatch(
      /^The library archive is not valid: the archive is not gzip-compressed/
    )
    const published = await api.publishLibrary({ name: "mylib", auth })
    expect(published.body.data.attributes.visibility).toBe("public")
    expect(lastRequest().json).toEqual({ visibility: "public" })
    expect(lastRequest().method).toBe("PATCH")
    const noForce = await rejection(api.deleteLibrary({ name: "mylib", auth }))
    expect(noForce.statusCode).toBe(400)
    const deleted = await api.deleteLibrary({ name: "mylib", force: "yes", auth })
    expect(deleted.statusCode).toBe(204)
    expect([lastRequest().method, lastRequest().json]).toEqual(["DELETE", { force: "yes" }])
  })

  it("downloadFile gets the archive bytes of a library's download link", async () => {
    const one = await api.getLibrary({ name: "onewire", auth })
    const file = await api.downloadFile({ uri: one.body.data.links.download })
    expect(readLibraryArchive(new Uint8Array(file))).toMatchObject({
      properties: { name: "onewire", version: "2.0.3" }
    })
  })
})
