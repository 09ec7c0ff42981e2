import { Operation } from "@effect-particle/core"
import { Simulator } from "@effect-particle/simulator"
import { describe, expect, it } from "vitest"
import { domainNames, exportedOperations } from "./domains.js"

/** The concrete paths a route template stands for: placeholders filled, optional segments with and without. */
const concrete = (template: string): ReadonlyArray<string> => {
  const filled = template.replace(/\{(\w+)\}/g, "x1")
  return /\{\/\w+\}/.test(filled) ? [filled.replace(/\{\/\w+\}/g, ""), filled.replace(/\{\/\w+\}/g, "/x1")] : [filled]
}

describe("every SDK route has a simulator route", () => {
  it("finds the domain packages", () => {
    expect(domainNames).toEqual(expect.arrayContaining(["devices", "events", "firmware"]))
  })

  it("each route of each exported operation (and of each stream function) is answered by the simulator", async () => {
    const operations = await exportedOperations()
    expect(operations.length).toBeGreaterThan(30)
    const missing: Array<string> = []
    let checked = 0
    for (const { definition, name, pkg } of operations) {
      for (const template of Operation.routes(definition)) {
        if (/^\{\w+\}$/.test(template)) continue // an absolute URL (a download link) is not an API route
        for (const path of concrete(template)) {
          checked++
          if (Simulator.matchRoute(definition.method, path) === undefined) {
            missing.push(`@effect-particle/${pkg} ${name}: ${definition.method} ${path} (${template})`)
          }
        }
      }
    }
    expect(missing).toEqual([])
    expect(checked).toBeGreaterThan(60)
  })

  it("the check can fail: a route the simulator lacks is reported", () => {
    expect(Simulator.matchRoute("GET", "/v1/no-such-family/x1")).toBeUndefined()
    expect(Simulator.matchRoute("GET", "/v1/devices/x1")).toBe("/v1/devices/:id")
  })
})
