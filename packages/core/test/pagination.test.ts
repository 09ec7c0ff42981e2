import { Pagination } from "@effect-particle/core"
import { assert, layer } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Client from "./support/client.js"
import * as ops from "./support/ops.js"
import { json, TestServer } from "./support/TestServer.js"

const PAGES = 7
const PER_PAGE = 3

const stream = Pagination.paginate((page) =>
  ops.listDevices({ product: 1, page, perPage: PER_PAGE }).pipe(
    Effect.map((r) => ({ items: r.devices, totalPages: r.meta.total_pages }))
  )
)

layer(Client.layer())("pagination", (it) => {
  it.effect("walks every page lazily, one request per page pulled", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      yield* server.handle((req, res) => {
        const page = Number(new URLSearchParams(req.query).get("page"))
        const devices = Array.from({ length: PER_PAGE }, (_, i) => ({
          id: `d${(page - 1) * PER_PAGE + i}`,
          name: null,
          online: true
        }))
        json(res, 200, { devices, meta: { total_pages: PAGES } })
      })
      // take 4 items: only pages 1 and 2 are fetched
      const first = yield* Stream.runCollect(Stream.take(stream, 4))
      assert.deepStrictEqual(Chunk.toArray(first).map((d) => d.id), ["d0", "d1", "d2", "d3"])
      assert.strictEqual(server.requests.length, 2)
      yield* server.reset
      yield* server.handle((req, res) => {
        const page = Number(new URLSearchParams(req.query).get("page"))
        json(res, 200, {
          devices: Array.from(
            { length: PER_PAGE },
            (_, i) => ({ id: `d${(page - 1) * PER_PAGE + i}`, name: null, online: true })
          ),
          meta: { total_pages: PAGES }
        })
      })
      const all = yield* Stream.runCollect(stream)
      assert.strictEqual(Chunk.size(all), PAGES * PER_PAGE)
      assert.deepStrictEqual(
        server.requests.map((r) => r.query),
        Array.from({ length: PAGES }, (_, i) => `page=${i + 1}&per_page=${PER_PAGE}`)
      )
    }))

  it.effect("stops at an empty page when the endpoint gives no page count", () =>
    Effect.gen(function*() {
      let calls = 0
      const items = yield* Stream.runCollect(
        Pagination.paginate((page) => Effect.sync(() => (calls++, { items: page <= 3 ? [page] : [] })))
      )
      assert.deepStrictEqual(Chunk.toArray(items), [1, 2, 3])
      assert.strictEqual(calls, 4)
    }))
})
