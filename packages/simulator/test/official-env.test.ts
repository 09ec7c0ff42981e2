/**
 * Fidelity suite: particle-api-js 12.0.3's seven environment-variable methods driven against the simulator.
 */
import { describe, expect, it } from "vitest"
import { officialSuite, rejection } from "./official.js"

const { sim, api, auth, lastRequest } = await officialSuite()

describe("particle-api-js 12.0.3 → simulator: environment variables", () => {
  it("every scope's URL; zero or several scopes throw synchronously, before any request", async () => {
    expect(() => api.listEnvVars({ auth })).toThrow("Specify one of: product, org, deviceId, or sandbox")
    expect(() => api.listEnvVars({ product: 1, org: "x", auth })).toThrow(
      "Specify only one of: product, org, deviceId, or sandbox"
    )
    expect(sim.requests()).toEqual([])
    const device = sim.seed.devices.online.id
    for (
      const [scope, path] of [
        [{ sandbox: true }, "/v1/env"],
        [{ org: sim.seed.org.slug }, `/v1/orgs/${sim.seed.org.slug}/env`],
        [{ product: sim.seed.product.id }, `/v1/products/${sim.seed.product.id}/env`],
        [{ deviceId: device }, `/v1/env/${device}`]
      ] as const
    ) {
      const r = await api.listEnvVars({ ...scope, auth })
      expect([path, r.statusCode, r.body.last_snapshot, r.body.latest.own]).toEqual([path, 200, null, {}])
      expect(lastRequest()).toMatchObject({ method: "GET", path })
    }
  })

  it("updateEnvVars (PATCH ops) / setEnvVar / deleteEnvVar / renderEnvVars; a bad key is Particle's 400", async () => {
    const product = sim.seed.product.id
    const ops = [{ op: "Set", key: "FOO", value: "bar" }, { op: "Set", key: "FOO2", value: "bar" }]
    const patched = await api.updateEnvVars({ product, ops, auth })
    expect(lastRequest()).toMatchObject({ method: "PATCH", path: `/v1/products/${product}/env`, json: { ops } })
    expect(patched.body.latest.own).toEqual({
      FOO: { value: "bar", access: ["Device"] },
      FOO2: { value: "bar", access: ["Device"] }
    })
    const set = await api.setEnvVar({ product, key: "FOO3", value: "bar3", auth })
    expect(lastRequest()).toMatchObject({
      method: "PUT",
      path: `/v1/products/${product}/env/FOO3`,
      json: { value: "bar3" }
    })
    expect(set.body.latest.own.FOO3).toEqual({ value: "bar3", access: ["Device"] })
    const deleted = await api.deleteEnvVar({ product, key: "FOO2", auth })
    expect(lastRequest()).toMatchObject({ method: "DELETE", path: `/v1/products/${product}/env/FOO2` })
    expect(Object.keys(deleted.body.latest.own)).toEqual(["FOO", "FOO3"])
    const rendered = await api.renderEnvVars({ product, auth })
    expect(lastRequest().path).toBe(`/v1/products/${product}/env/render`)
    expect(rendered.body).toEqual({
      env: { FOO: "bar", FOO3: "bar3" },
      last_updated_at: expect.any(String),
      rollout_at: null,
      rollout_by: null
    })
    const bad = await rejection(
      api.updateEnvVars({ sandbox: true, ops: [{ op: "Set", key: "invalid-key", value: "bar" }], auth })
    )
    expect(bad.statusCode).toBe(400)
    expect(bad.body.error).toBe("invalid_request")
    expect(bad.shortErrorDescription).toBe(
      "Validation error: : Must only contain uppercase letters, numbers, and underscores. Must not start with a number. at \"ops[0].key\""
    )
  })

  it("reviewEnvVarsRollout / startEnvVarsRollout: the review lists Added / Changed / Removed; the rollout moves latest into the snapshot", async () => {
    const org = sim.seed.org.slug
    await api.updateEnvVars({
      org,
      ops: [{ op: "Set", key: "UPDATED_VAR", value: "old-value" }, {
        op: "Set",
        key: "REMOVED_VAR",
        value: "gone-soon"
      }],
      auth
    })
    const started = await api.startEnvVarsRollout({ org, when: "Connect", auth })
    expect(lastRequest()).toMatchObject({
      method: "POST",
      path: `/v1/orgs/${org}/env/rollout`,
      json: { when: "Connect" }
    })
    expect(started.body).toEqual({ success: true })
    await api.updateEnvVars({
      org,
      ops: [{ op: "Set", key: "UPDATED_VAR", value: "new-value" }, { op: "Unset", key: "REMOVED_VAR" }, {
        op: "Set",
        key: "ADDED_VAR",
        value: "brand-new"
      }],
      auth
    })
    const review = await api.reviewEnvVarsRollout({ org, auth })
    expect(lastRequest()).toMatchObject({ method: "GET", path: `/v1/orgs/${org}/env/rollout` })
    expect(review.body).toEqual({
      from_snapshot: {
        changes: [
          { op: "Added", key: "ADDED_VAR", after: "brand-new" },
          { op: "Removed", key: "REMOVED_VAR", before: "gone-soon" },
          { op: "Changed", key: "UPDATED_VAR", before: "old-value", after: "new-value" }
        ],
        unchanged: {}
      }
    })
    const listed = await api.listEnvVars({ org, auth })
    expect(listed.body.last_snapshot.own).toEqual({
      REMOVED_VAR: { value: "gone-soon" },
      UPDATED_VAR: { value: "old-value" }
    })
    await api.startEnvVarsRollout({ org, when: "Immediate", auth })
    expect((await api.listEnvVars({ org, auth })).body.last_snapshot.own).toEqual({
      ADDED_VAR: { value: "brand-new" },
      UPDATED_VAR: { value: "new-value" }
    })
  })
})
