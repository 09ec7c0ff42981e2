/**
 * Fidelity suite: particle-api-js 12.0.3's eleven Ledger methods driven against the simulator.
 */
import { describe, expect, it } from "vitest"
import { officialSuite, rejection } from "./official.js"

const { sim, api, auth, lastRequest } = await officialSuite()

describe("particle-api-js 12.0.3 → simulator: Ledger", () => {
  it("createLedger / getLedger / updateLedger / listLedgers / archiveLedger", async () => {
    const created = await api.createLedger({
      ledger: { name: "device-config", scope: "Device", direction: "Downstream", description: "cfg" },
      auth
    })
    expect(created.statusCode).toBe(201)
    expect(created.body.ledger).toMatchObject({
      name: "device-config",
      scope: "Device",
      direction: "Downstream",
      archived_at: null
    })
    expect(lastRequest()).toMatchObject({
      method: "POST",
      path: "/v1/ledgers",
      json: { ledger: { name: "device-config", scope: "Device" } }
    })
    expect((await api.getLedger({ ledgerName: "device-config", auth })).body.ledger.description).toBe("cfg")
    const updated = await api.updateLedger({ ledgerName: "device-config", ledger: { description: "v2" }, auth })
    expect([updated.statusCode, updated.body.ledger.description]).toEqual([201, "v2"])
    await api.createLedger({ org: sim.seed.org.slug, ledger: { name: "fleet", scope: "Product" }, auth })
    const list = await api.listLedgers({ scope: "Device", page: 1, perPage: 10, archived: false, auth })
    expect(lastRequest().rawQuery).toBe("scope=Device&page=1&per_page=10&archived=false")
    expect(list.body).toEqual({
      ledgers: [expect.objectContaining({ name: "device-config" })],
      meta: { page: 1, per_page: 10, total_pages: 1, total: 1 }
    })
    expect((await api.listLedgers({ org: sim.seed.org.slug, auth })).body.ledgers.map((l: any) => l.name)).toEqual([
      "fleet"
    ])
    const archived = await api.archiveLedger({ ledgerName: "device-config", auth })
    expect([archived.statusCode, archived.body]).toEqual([204, {}])
    const taken = await rejection(api.createLedger({ ledger: { name: "device-config", scope: "Owner" }, auth }))
    expect([taken.statusCode, taken.shortErrorDescription]).toEqual([
      409,
      "A ledger named device-config already exists"
    ])
  })

  it("setLedgerInstance (Replace, Merge via set_mode) / getLedgerInstance / listLedgerInstances / deleteLedgerInstance", async () => {
    await api.createLedger({ ledger: { name: "device-config", scope: "Device" }, auth })
    const device = sim.seed.devices.online.id
    const set = await api.setLedgerInstance({
      ledgerName: "device-config",
      scopeValue: device,
      instance: { data: { a: 1 } },
      auth
    })
    expect(set.statusCode).toBe(201)
    expect(lastRequest()).toMatchObject({
      method: "PUT",
      path: `/v1/ledgers/device-config/instances/${device}`,
      rawQuery: "",
      json: { instance: { data: { a: 1 } } }
    })
    const merged = await api.setLedgerInstance({
      ledgerName: "device-config",
      scopeValue: device,
      instance: { data: { b: 2 } },
      setMode: "Merge",
      auth
    })
    expect(lastRequest().rawQuery).toBe("set_mode=Merge")
    expect(merged.body.instance.data).toEqual({ a: 1, b: 2 })
    const got = await api.getLedgerInstance({ ledgerName: "device-config", scopeValue: device, auth })
    expect(got.body.instance).toMatchObject({
      name: "device-config",
      scope: { type: "Device", value: device },
      data: { a: 1, b: 2 }
    })
    const list = await api.listLedgerInstances({ ledgerName: "device-config", page: 1, perPage: 5, auth })
    expect(lastRequest().rawQuery).toBe("page=1&per_page=5")
    expect(list.body.instances).toHaveLength(1)
    expect(list.body.meta).toEqual({ page: 1, per_page: 5, total_pages: 1, total: 1 })
    const deleted = await api.deleteLedgerInstance({ ledgerName: "device-config", scopeValue: device, auth })
    expect([deleted.statusCode, deleted.body]).toEqual([204, {}])
    const gone = await rejection(api.getLedgerInstance({ ledgerName: "device-config", scopeValue: device, auth }))
    expect([gone.statusCode, gone.shortErrorDescription]).toEqual([404, "Ledger instance not found"])
    const mergeMissing = await rejection(
      api.setLedgerInstance({
        ledgerName: "device-config",
        scopeValue: device,
        instance: { data: {} },
        setMode: "Merge",
        auth
      })
    )
    expect(mergeMissing.statusCode).toBe(404)
  })

  it("listLedgerInstanceVersions (replaced_before / replaced_after) / getLedgerInstanceVersion", async () => {
    await api.createLedger({ org: sim.seed.org.slug, ledger: { name: "fleet", scope: "Product" }, auth })
    const product = String(sim.seed.product.id)
    for (const n of [1, 2, 3]) {
      await api.setLedgerInstance({
        org: sim.seed.org.slug,
        ledgerName: "fleet",
        scopeValue: product,
        instance: { data: { n } },
        auth
      })
    }
    const versions = await api.listLedgerInstanceVersions({
      org: sim.seed.org.slug,
      ledgerName: "fleet",
      scopeValue: product,
      replacedBefore: "2099-01-01T00:00:00.000Z",
      replacedAfter: "2000-01-01T00:00:00.000Z",
      auth
    })
    expect(lastRequest()).toMatchObject({
      path: `/v1/orgs/${sim.seed.org.slug}/ledgers/fleet/instances/${product}/versions`,
      rawQuery: "replaced_before=2099-01-01T00%3A00%3A00.000Z&replaced_after=2000-01-01T00%3A00%3A00.000Z"
    })
    expect(versions.body.versions.map((v: any) => v.data.n)).toEqual([2, 1])
    expect(versions.body.meta).toEqual({ has_more: false })
    const v1 = await api.getLedgerInstanceVersion({
      org: sim.seed.org.slug,
      ledgerName: "fleet",
      scopeValue: product,
      version: "1",
      auth
    })
    expect(v1.body.instance).toMatchObject({ data: { n: 1 }, replaced_at: expect.any(String) })
    const none = await rejection(
      api.getLedgerInstanceVersion({
        org: sim.seed.org.slug,
        ledgerName: "fleet",
        scopeValue: product,
        version: "9",
        auth
      })
    )
    expect(none.statusCode).toBe(404)
  })
})
