import {
  createUsageReport,
  getUsageReport,
  listServiceAgreementNotifications,
  listServiceAgreements
} from "@effect-particle/billing"
import {
  asOtherUser,
  expectGet,
  expectInvalid,
  expectTag,
  faultOnce,
  fresh,
  only,
  TestLayer,
  withBadToken
} from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"

layer(TestLayer)("service agreements, usage reports, notifications", (it) => {
  // -------------------------------------------------------------------------------- listServiceAgreements
  it.effect("listServiceAgreements: GET /v1/user/service_agreements, unwrapped; the usage is counted from the fleet", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const agreements = yield* listServiceAgreements()
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/v1/user/service_agreements")
      assert.deepStrictEqual(agreements.map((a) => a.id), [sim.seed.serviceAgreements.user])
      const a = agreements[0]!
      assert.strictEqual(a.type, "service_agreement")
      assert.strictEqual(a.attributes.agreement_type, "developer")
      assert.strictEqual(a.attributes.owner_id, sim.seed.user.id)
      assert.strictEqual(a.attributes.state, "active")
      const usage = a.attributes.current_usage_summary!
      assert.isFalse(usage.device_limit_reached)
      // the demo user owns four developer devices and fleet-1 of the product
      assert.strictEqual(usage.connectivity["all"]?.owned_devices, 5)
      assert.strictEqual(usage.connectivity["cellular"]?.owned_devices, 2)
      assert.isNull(usage.connectivity["wifi"]?.device_data)
    }))

  it.effect("listServiceAgreements: the org route; non-members NotFound; a bad token Unauthorized; a bad answer DecodeError", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const org = yield* listServiceAgreements({ org: sim.seed.org.slug })
      expectGet(sim, `/v1/orgs/${sim.seed.org.slug}/service_agreements`)
      assert.deepStrictEqual(org.map((a) => [a.id, a.attributes.owner_type, a.attributes.agreement_type]), [[
        sim.seed.serviceAgreements.org,
        "organization",
        "enterprise"
      ]])
      assert.strictEqual(org[0]!.attributes.current_usage_summary?.connectivity["all"]?.owned_devices, 5)
      expectTag(yield* Effect.flip(asOtherUser(listServiceAgreements({ org: sim.seed.org.slug }))), "NotFound")
      expectTag(yield* Effect.flip(withBadToken(listServiceAgreements())), "Unauthorized")
      faultOnce(sim, "/v1/user/service_agreements", 200, { data: [{ id: "1" }] })
      expectTag(yield* Effect.flip(listServiceAgreements()), "DecodeError")
      yield* expectInvalid(listServiceAgreements({ org: "no org" }), "org")
    }))

  // ------------------------------------------------------------------------------------ createUsageReport
  it.effect("createUsageReport: POST …/usage_reports with report_type and the period; 202 pending; available when read", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const id = sim.seed.serviceAgreements.user
      const report = yield* createUsageReport({
        serviceAgreementId: id,
        reportType: "devices",
        datePeriodStart: new Date("2024-01-01T00:00:00.000Z"),
        datePeriodEnd: "2024-01-31",
        devices: [sim.seed.devices.online.id]
      })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, `/v1/user/service_agreements/${id}/usage_reports`)
      assert.deepStrictEqual(request.json, {
        report_type: "devices",
        date_period_start: "2024-01-01",
        date_period_end: "2024-01-31",
        devices: [sim.seed.devices.online.id]
      })
      assert.strictEqual(report.type, "usage_report")
      assert.strictEqual(report.attributes.state, "pending")
      assert.isNull(report.attributes.download_url)
      assert.strictEqual(report.attributes.service_agreement_id, Number(id))
      assert.deepStrictEqual(report.attributes.report_params?.devices, [sim.seed.devices.online.id])
      sim.clearRequests()
      const read = yield* getUsageReport({ usageReportId: report.id })
      expectGet(sim, `/v1/user/usage_reports/${report.id}`)
      assert.strictEqual(read.attributes.state, "available")
      assert.isString(read.attributes.download_url)
      assert.isString(read.attributes.expires_at)
    }))

  it.effect("createUsageReport: another's agreement NotFound; a 400 BadRequest; a bad period InvalidInput with no request", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const base = { reportType: "products" as const, datePeriodStart: "2024-01-01", datePeriodEnd: "2024-01-31" }
      expectTag(
        yield* Effect.flip(createUsageReport({ ...base, serviceAgreementId: sim.seed.serviceAgreements.otherUser })),
        "NotFound"
      )
      expectTag(
        yield* Effect.flip(
          createUsageReport({ ...base, org: sim.seed.org.slug, serviceAgreementId: sim.seed.serviceAgreements.user })
        ),
        "NotFound"
      )
      const inOrg = yield* createUsageReport({
        ...base,
        org: sim.seed.org.slug,
        serviceAgreementId: sim.seed.serviceAgreements.org
      })
      assert.strictEqual(inOrg.attributes.report_type, "products")
      faultOnce(sim, "/v1/user/service_agreements", 400, {
        error: "invalid_request",
        error_description: "Validation error"
      })
      expectTag(
        yield* Effect.flip(createUsageReport({ ...base, serviceAgreementId: sim.seed.serviceAgreements.user })),
        "BadRequest"
      )
      yield* expectInvalid(
        createUsageReport({
          ...base,
          serviceAgreementId: 1,
          datePeriodStart: "2024-02-01",
          datePeriodEnd: "2024-01-01"
        }),
        "datePeriodEnd"
      )
      yield* expectInvalid(
        createUsageReport({ ...base, serviceAgreementId: 1, datePeriodStart: "01/01/2024" }),
        "datePeriodStart"
      )
      yield* expectInvalid(
        createUsageReport({ ...base, serviceAgreementId: 1, reportType: "sims" as "devices" }),
        "reportType"
      )
      yield* expectInvalid(createUsageReport({ ...base, serviceAgreementId: "abc" }), "serviceAgreementId")
    }))

  // --------------------------------------------------------------------------------------- getUsageReport
  it.effect("getUsageReport: the org route; another user's or an unknown report is NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const report = yield* createUsageReport({
        org: sim.seed.org.slug,
        serviceAgreementId: sim.seed.serviceAgreements.org,
        reportType: "devices",
        datePeriodStart: "2024-03-01",
        datePeriodEnd: "2024-03-31"
      })
      sim.clearRequests()
      const read = yield* getUsageReport({ org: sim.seed.org.slug, usageReportId: report.id })
      expectGet(sim, `/v1/orgs/${sim.seed.org.slug}/usage_reports/${report.id}`)
      assert.strictEqual(read.id, report.id)
      expectTag(yield* Effect.flip(getUsageReport({ usageReportId: report.id })), "NotFound")
      expectTag(yield* Effect.flip(getUsageReport({ usageReportId: 999 })), "NotFound")
      yield* expectInvalid(getUsageReport({ usageReportId: -1 }), "usageReportId")
    }))

  // ---------------------------------------------------------------------- listServiceAgreementNotifications
  it.effect("listServiceAgreementNotifications: GET …/notifications, unwrapped; another's agreement NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const id = sim.seed.serviceAgreements.user
      const notifications = yield* listServiceAgreementNotifications({ serviceAgreementId: id })
      expectGet(sim, `/v1/user/service_agreements/${id}/notifications`)
      assert.deepStrictEqual(notifications.map((n) => n.id), [sim.seed.serviceAgreements.notification])
      const n = notifications[0]!
      assert.strictEqual(n.type, "notification")
      assert.strictEqual(n.attributes.event_name, "developer:usage_activity:automatic_unpause")
      assert.strictEqual(n.attributes.resource_id, id)
      sim.clearRequests()
      const org = yield* listServiceAgreementNotifications({
        org: sim.seed.org.slug,
        serviceAgreementId: sim.seed.serviceAgreements.org
      })
      assert.strictEqual(
        only(sim).path,
        `/v1/orgs/${sim.seed.org.slug}/service_agreements/${sim.seed.serviceAgreements.org}/notifications`
      )
      assert.deepStrictEqual(org, [])
      expectTag(
        yield* Effect.flip(
          listServiceAgreementNotifications({ serviceAgreementId: sim.seed.serviceAgreements.otherUser })
        ),
        "NotFound"
      )
      yield* expectInvalid(listServiceAgreementNotifications({ serviceAgreementId: 0 }), "serviceAgreementId")
    }))
})
