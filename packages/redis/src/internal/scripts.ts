/**
 * The Lua scripts that hold one budget in Redis. Each runs atomically on the server and reads the time from
 * Redis's own clock (`TIME`), so the clocks of the clients never matter.
 *
 * The state of a budget (all its keys share one hash tag, so a cluster keeps them on one node):
 *
 * - `owners` (sorted set): each client process ("owner") holding permits, scored by the end of its lease (µs);
 *   a live owner renews it, a crashed one stops, and when it runs out the owner's permits count as completed
 *   at the lease's end (so they keep their slots `interval` longer: nothing is freed early).
 * - `inflight` (hash): permits held per owner; `meta.inflight` their total.
 * - `done` (sorted set) and `counts` (hash): completed permits in buckets of `interval / 64`, each bucket
 *   scored by its latest completion + `interval`, when its slots are freed; `meta.completed` their total.
 *   At most ~65 buckets whatever the limit.
 * - `queue` (sorted set, by ticket), `want` (hash) and `seen` (sorted set): the owners waiting, in order, how
 *   many permits each waits for, and when each last asked (an owner that stops asking leaves the queue).
 * - `meta` (hash): `inflight`, `completed`, `seq` (the last ticket).
 *
 * A permit is in use from its grant until its release, then in `done` for `interval`: `inflight +
 * completed ≤ limit` always holds, so no window of the server's sees more than `limit` requests.
 */

/** The keys of a budget, in the order every script takes them. */
export const keys = (prefix: string, name: string): ReadonlyArray<string> => {
  const tag = `{${prefix}:${name}}`
  return ["owners", "inflight", "done", "counts", "meta", "queue", "seen", "want"].map((k) => `${tag}:${k}`)
}

/** The Pub/Sub channel a budget's waiters are woken on. */
export const channel = (prefix: string, name: string): string => `{${prefix}:${name}}:wake`

// ARGV common to every script: limit, interval (µs), bucket width (µs), queue lease (µs), lease (µs), channel
const prologue = `
if redis.replicate_commands then pcall(redis.replicate_commands) end
local owners, inflight, done, counts, meta, queue, seen, want = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8]
local limit = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local width = tonumber(ARGV[3])
local queueLease = tonumber(ARGV[4])
local lease = tonumber(ARGV[5])
local channel = ARGV[6]
local clock = redis.call("TIME")
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local changed = false

local function num(v) return tonumber(v) or 0 end
-- integers as exact decimal strings (Lua's own conversion keeps 14 digits; our microseconds have 16)
local function int(x) return string.format("%.0f", x) end

-- n permits completed at time at: their slots are freed at (latest completion of their bucket) + interval
local function complete(at, n)
  local b = int(math.floor(at / width))
  local expiry = at + interval
  local current = redis.call("ZSCORE", done, b)
  if not current or tonumber(current) < expiry then redis.call("ZADD", done, int(expiry), b) end
  redis.call("HINCRBY", counts, b, n)
  redis.call("HINCRBY", meta, "completed", n)
end

-- owners whose lease ran out (a crashed process): their permits complete at the end of the lease
local dead = redis.call("ZRANGEBYSCORE", owners, "-inf", int(now), "WITHSCORES")
for i = 1, #dead, 2 do
  local n = num(redis.call("HGET", inflight, dead[i]))
  if n > 0 then
    complete(tonumber(dead[i + 1]), n)
    redis.call("HINCRBY", meta, "inflight", -n)
  end
  redis.call("HDEL", inflight, dead[i])
  redis.call("ZREM", owners, dead[i])
  changed = true
end
-- buckets whose window has passed
local gone = redis.call("ZRANGEBYSCORE", done, "-inf", int(now))
for i = 1, #gone do
  redis.call("HINCRBY", meta, "completed", -num(redis.call("HGET", counts, gone[i])))
  redis.call("HDEL", counts, gone[i])
  redis.call("ZREM", done, gone[i])
end
-- waiting owners that stopped asking
local stale = redis.call("ZRANGEBYSCORE", seen, "-inf", int(now - queueLease))
for i = 1, #stale do
  redis.call("ZREM", queue, stale[i])
  redis.call("HDEL", want, stale[i])
  redis.call("ZREM", seen, stale[i])
  changed = true
end

-- an idle budget's keys go away on their own, long after anything in them could still count
local function expire()
  local ttl = int(math.ceil((2 * (interval + lease) + queueLease) / 1000))
  for i = 1, #KEYS do redis.call("PEXPIRE", KEYS[i], ttl) end
end
local function wake(others)
  if redis.call("ZCARD", queue) > others then redis.call("PUBLISH", channel, "") end
end
`

/**
 * ARGV[7] owner, ARGV[8] permits wanted. Grants what the budget allows to this owner once the owners queued
 * before it have their share; an owner left wanting joins the back of the queue (after a partial grant too,
 * so owners take turns). Returns `{ granted, µs until the oldest bucket frees its slots or -1 }`.
 */
export const acquire = prologue + `
local owner = ARGV[7]
local wanted = tonumber(ARGV[8])
local free = limit - num(redis.call("HGET", meta, "inflight")) - num(redis.call("HGET", meta, "completed"))
local mine = redis.call("ZSCORE", queue, owner)
local before
if mine then
  before = redis.call("ZRANGEBYSCORE", queue, "-inf", "(" .. mine)
else
  before = redis.call("ZRANGE", queue, 0, -1)
end
local ahead = 0
for i = 1, #before do ahead = ahead + num(redis.call("HGET", want, before[i])) end
local granted = math.max(0, math.min(wanted, free - ahead))
if granted > 0 then
  redis.call("HINCRBY", inflight, owner, granted)
  redis.call("HINCRBY", meta, "inflight", granted)
  redis.call("ZADD", owners, int(now + lease), owner)
  changed = true
end
local rest = wanted - granted
local hint = -1
if rest > 0 then
  if granted > 0 or not mine then
    redis.call("ZADD", queue, redis.call("HINCRBY", meta, "seq", 1), owner)
  end
  redis.call("HSET", want, owner, rest)
  redis.call("ZADD", seen, int(now), owner)
  local oldest = redis.call("ZRANGE", done, 0, 0, "WITHSCORES")
  if oldest[2] then hint = math.max(0, tonumber(oldest[2]) - now) end
elseif mine then
  redis.call("ZREM", queue, owner)
  redis.call("HDEL", want, owner)
  redis.call("ZREM", seen, owner)
end
-- the queue moved: the owners behind may be served now
if changed then wake(rest > 0 and 1 or 0) end
expire()
return { granted, hint }
`

/**
 * ARGV[7] owner, ARGV[8] permits, ARGV[9] "1" if they were used (they complete now and keep their slots for
 * `interval`) or "0" if they were never used (granted to a waiter that had gone: their slots are free at once).
 * A used permit of an owner whose lease ran out is counted again, now: its request may have reached the server
 * after the lease's end. Returns the permits that were still held.
 */
export const release = prologue + `
local owner = ARGV[7]
local n = tonumber(ARGV[8])
local have = num(redis.call("HGET", inflight, owner))
local dec = math.min(have, n)
if dec > 0 then redis.call("HINCRBY", meta, "inflight", -dec) end
if have - dec > 0 then
  redis.call("HINCRBY", inflight, owner, -dec)
else
  redis.call("HDEL", inflight, owner)
  redis.call("ZREM", owners, owner)
end
if ARGV[9] == "1" then
  -- waiters that found only requests in flight learn when the first slot frees
  local first = redis.call("ZCARD", done) == 0
  complete(now + 1, n)
  if first then changed = true end
elseif dec > 0 then
  changed = true
end
if changed then wake(0) end
expire()
return dec
`

/** ARGV[7…] owners: renews their leases (of the owners still known). */
export const renew = prologue + `
for i = 7, #ARGV do redis.call("ZADD", owners, "XX", int(now + lease), ARGV[i]) end
if changed then wake(0) end
expire()
return #ARGV - 6
`

/** ARGV[7] owner: leaves the queue (its waiters have gone). */
export const leave = prologue + `
local owner = ARGV[7]
if redis.call("ZREM", queue, owner) == 1 then changed = true end
redis.call("HDEL", want, owner)
redis.call("ZREM", seen, owner)
if changed then wake(0) end
return 0
`

/** The budget's state after housekeeping: `{ inflight, completed, queued owners, owners with leases }`. */
export const status = prologue + `
return { num(redis.call("HGET", meta, "inflight")), num(redis.call("HGET", meta, "completed")), redis.call("ZCARD", queue), redis.call("ZCARD", owners) }
`
