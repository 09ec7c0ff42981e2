import { inviteTeamMember, listTeamMembers, removeTeamMember } from "@effect-particle/products"
import { asOtherUser, expectInvalid, expectTag, faultOnce, fresh, only, TestLayer } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { expectStatus, PRODUCT, SLUG } from "./support.js"

layer(TestLayer)("team", (it) => {
  it.effect("listTeamMembers: GET /v1/products/:product/team, { ok, team } decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const answer = yield* listTeamMembers({ product: PRODUCT })
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/team`)
      assert.strictEqual(request.rawQuery, "")
      assert.isTrue(answer.ok)
      assert.deepStrictEqual(answer.team.map((m) => m.username), [sim.seed.user.username])
      assert.deepStrictEqual(answer.team[0]!.role, { id: "000000000000000000000002", name: "Administrator" })
    }))

  it.effect("listTeamMembers: with org, GET /v1/orgs/:org/team; unknown org NotFound", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const answer = yield* listTeamMembers({ org: sim.seed.org.slug })
      assert.strictEqual(only(sim).path, `/v1/orgs/${sim.seed.org.slug}/team`)
      assert.deepStrictEqual(answer.team.map((m) => m.username), [sim.seed.user.username])
      expectStatus(yield* Effect.flip(listTeamMembers({ org: "no-such-org" })), "NotFound", 404)
      // not a member of the org: the org routes answer 404, as for org listings
      expectTag(yield* Effect.flip(asOtherUser(listTeamMembers({ org: sim.seed.org.slug }))), "NotFound")
    }))

  it.effect("listTeamMembers: particle-api-js's bare array is a DecodeError (the cloud sends { ok, team })", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      faultOnce(sim, `/v1/products/${PRODUCT}/team`, 200, [{ username: "a@b.c" }], "GET")
      expectTag(yield* Effect.flip(listTeamMembers({ product: PRODUCT })), "DecodeError")
    }))

  it.effect("listTeamMembers: neither or both of product and org, or a bad one, is InvalidInput", () =>
    Effect.gen(function*() {
      yield* expectInvalid(listTeamMembers({}), "product")
      yield* expectInvalid(listTeamMembers({ product: PRODUCT, org: "sim-org" }), "org")
      yield* expectInvalid(listTeamMembers({ product: "no slug" }), "product")
      yield* expectInvalid(listTeamMembers({ org: "../x" }), "org")
    }))

  it.effect("inviteTeamMember: POST JSON { username } (role when given); the invitee shows in the team", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const invited = yield* inviteTeamMember({ product: SLUG, username: "ada@example.com" })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, `/v1/products/${SLUG}/team`)
      assert.strictEqual(request.contentType, "application/json")
      assert.deepStrictEqual(request.json, { username: "ada@example.com" })
      assert.deepStrictEqual(invited, { ok: true, invited: { username: "ada@example.com" } })
      sim.clearRequests()
      yield* inviteTeamMember({ product: PRODUCT, username: "grace@example.com", role: "View-only" })
      assert.deepStrictEqual(only(sim).json, { username: "grace@example.com", role: "View-only" })
      const { team } = yield* listTeamMembers({ product: PRODUCT })
      assert.deepStrictEqual(team.map((m) => [m.username, m.role?.name]), [
        [sim.seed.user.username, "Administrator"],
        ["ada@example.com", "Developer"],
        ["grace@example.com", "View-only"]
      ])
    }))

  it.effect("inviteTeamMember: a member already is BadRequest; org scope POST /v1/orgs/:org/team", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const again = yield* Effect.flip(inviteTeamMember({ product: PRODUCT, username: sim.seed.user.username }))
      expectStatus(again, "BadRequest", 400, "already a team member")
      sim.clearRequests()
      yield* inviteTeamMember({ org: sim.seed.org.slug, username: "org-member@example.com" })
      assert.strictEqual(only(sim).path, `/v1/orgs/${sim.seed.org.slug}/team`)
      const { team } = yield* listTeamMembers({ org: sim.seed.org.slug })
      assert.include(team.map((m) => m.username), "org-member@example.com")
    }))

  it.effect("inviteTeamMember: not an email, an unknown role, no scope: InvalidInput before any request", () =>
    Effect.gen(function*() {
      yield* expectInvalid(inviteTeamMember({ product: PRODUCT, username: "ada" }), "username")
      yield* expectInvalid(inviteTeamMember({ product: PRODUCT, username: "a b@example.com" }), "username")
      yield* expectInvalid(
        inviteTeamMember({ product: PRODUCT, username: "ada@example.com", role: "Owner" as "Developer" }),
        "role"
      )
      yield* expectInvalid(inviteTeamMember({ username: "ada@example.com" }), "product")
    }))

  it.effect("removeTeamMember: DELETE /team/:username (encoded), gone from the team; someone who is not a member is 404", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* inviteTeamMember({ product: PRODUCT, username: "ada+ops@example.com" })
      sim.clearRequests()
      const result = yield* removeTeamMember({ product: PRODUCT, username: "ada+ops@example.com" })
      assert.isUndefined(result)
      const request = only(sim)
      assert.strictEqual(request.method, "DELETE")
      assert.strictEqual(request.path, `/v1/products/${PRODUCT}/team/ada%2Bops%40example.com`)
      assert.strictEqual(request.body.length, 0)
      const { team } = yield* listTeamMembers({ product: PRODUCT })
      assert.notInclude(team.map((m) => m.username), "ada+ops@example.com")
      const notMember = yield* Effect.flip(removeTeamMember({ product: PRODUCT, username: "ada+ops@example.com" }))
      expectStatus(notMember, "NotFound", 404, "Team member not found")
    }))

  it.effect("removeTeamMember: org scope; empty username or no scope InvalidInput", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* inviteTeamMember({ org: sim.seed.org.slug, username: "leaver@example.com" })
      sim.clearRequests()
      yield* removeTeamMember({ org: sim.seed.org.slug, username: "leaver@example.com" })
      assert.strictEqual(only(sim).path, `/v1/orgs/${sim.seed.org.slug}/team/leaver%40example.com`)
      expectStatus(
        yield* Effect.flip(removeTeamMember({ org: sim.seed.org.slug, username: "leaver@example.com" })),
        "NotFound",
        404
      )
      yield* expectInvalid(removeTeamMember({ product: PRODUCT, username: "" }), "username")
      yield* expectInvalid(removeTeamMember({ username: "x@y.z" }), "product")
    }))
})
