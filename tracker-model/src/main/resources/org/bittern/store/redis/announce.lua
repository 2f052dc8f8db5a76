-- One announce, atomically (design §4): expire stale members of this swarm, record or remove the
-- announcer, count both families, sample peers. All KEYS share the swarm's hash tag (one cluster slot).
--
-- KEYS[1] own-family seeders   KEYS[2] own-family leechers
-- KEYS[3] other-family seeders KEYS[4] other-family leechers   KEYS[5] downloaded counter
-- ARGV[1] member: peer_id(20) .. address(4|16) .. port(2), the PeerList entry layout
-- ARGV[2] now (ms, from the tracker's clock)   ARGV[3] expiry cut-off (ms): older scores are gone
-- ARGV[4] 'n' none/started, 'c' completed, 's' stopped   ARGV[5] '1' the announcer is a seeder
-- ARGV[6] numWant   ARGV[7] '1' the other family may be returned too
-- ARGV[8] TTL (ms) of the peer sets   ARGV[9] TTL (ms) of the downloaded counter   ARGV[10] random seed
-- With the subnet preference only: KEYS[6] own-subnet seeders   KEYS[7] own-subnet leechers (own family), the
-- same members as the family sets, kept alongside them, so own-subnet peers are found without a scan.
--
-- Returns { complete, incomplete, n_own, counted (1 when this announce added to the downloaded counter), own-family
-- entries..., other-family entries... }.
-- Seeders come before leechers within each family; with the subnet preference the own-subnet peers (seeders
-- first for a leecher) come before the rest of the own family.

local member = ARGV[1]
local stale = '(' .. ARGV[3]
local near_s, near_l = KEYS[6], KEYS[7]
local sets = { KEYS[1], KEYS[2], KEYS[3], KEYS[4] }
if near_s then
  sets[5], sets[6] = near_s, near_l
end
for i = 1, #sets do
  redis.call('ZREMRANGEBYSCORE', sets[i], '-inf', stale)
end

local event = ARGV[4]
local seeder = ARGV[5] == '1'
local own_s, own_l = KEYS[1], KEYS[2]

local counted = 0
if event == 's' then
  redis.call('ZREM', own_s, member)
  redis.call('ZREM', own_l, member)
  if near_s then
    redis.call('ZREM', near_s, member)
    redis.call('ZREM', near_l, member)
  end
else
  if seeder then
    -- 'completed' counts once: a peer already stored as a seeder is not a new download.
    if event == 'c' and not redis.call('ZSCORE', own_s, member) then
      redis.call('INCR', KEYS[5])
      counted = 1
    end
    redis.call('ZADD', own_s, ARGV[2], member)
    redis.call('ZREM', own_l, member)
  else
    redis.call('ZADD', own_l, ARGV[2], member)
    redis.call('ZREM', own_s, member)
  end
  -- Abandoned swarms vanish by TTL, so no sweep ever needs KEYS/SCAN.
  redis.call('PEXPIRE', own_s, ARGV[8])
  redis.call('PEXPIRE', own_l, ARGV[8])
  if near_s then
    -- Subnet sets are only cleaned by announces from their subnet; their TTL bounds what that leaves behind.
    local add, drop = near_l, near_s
    if seeder then
      add, drop = near_s, near_l
    end
    redis.call('ZADD', add, ARGV[2], member)
    redis.call('ZREM', drop, member)
    redis.call('PEXPIRE', near_s, ARGV[8])
    redis.call('PEXPIRE', near_l, ARGV[8])
  end
end
redis.call('PEXPIRE', KEYS[5], ARGV[9])

local sizes = {}
for i = 1, #sets do
  sizes[sets[i]] = redis.call('ZCARD', sets[i])
end
local complete = sizes[KEYS[1]] + sizes[KEYS[3]]
local incomplete = sizes[KEYS[2]] + sizes[KEYS[4]]
local out = { complete, incomplete, 0, counted }
local want = tonumber(ARGV[6])
if event == 's' or want <= 0 then
  return out
end

-- Redis before 7 seeds math.random identically for every script run (deterministic replication): the Java
-- side sends a fresh seed.
math.randomseed(tonumber(ARGV[10]))

-- Appends up to `count` members of `key` (never the announcer) to `out`; returns how many. A swarm that fits
-- is returned whole. A larger one gives a window of count + 1 members (one extra: the announcer may be among
-- them) at a random rank, wrapping around, shuffled: every member is equally likely to be in it, and it costs
-- O(log n + count). ZRANDMEMBER cost 36 us per call in a profile here, as Redis copies the whole set into a
-- temporary dict whenever count * 3 > size.
-- With the subnet preference, the own-subnet peers already taken are in `taken` (`n_taken` of them) and are
-- skipped in the family sets; the window grows by as many, so skipping them never shortens the sample.
local taken, n_taken, collect = nil, 0, false
local function pick(key, count)
  local size = sizes[key]
  if count <= 0 or size == 0 then
    return 0
  end
  local got
  local window = count + n_taken
  if size <= window + 1 then
    got = redis.call('ZRANGE', key, 0, -1)
  else
    local first = math.random(size) - 1
    local last = first + window
    got = redis.call('ZRANGE', key, first, last)
    if last >= size then
      local wrapped = redis.call('ZRANGE', key, 0, last - size)
      for i = 1, #wrapped do
        got[#got + 1] = wrapped[i]
      end
    end
    for i = #got, 2, -1 do
      local j = math.random(i)
      got[i], got[j] = got[j], got[i]
    end
  end
  local added = 0
  for i = 1, #got do
    if added >= count then
      break
    end
    local m = got[i]
    if m ~= member and not (taken and taken[m]) then
      out[#out + 1] = m
      added = added + 1
    end
  end
  if collect then
    for i = #out - added + 1, #out do
      taken[out[i]] = true
    end
    n_taken = n_taken + added
  end
  return added
end

-- A seeder gets leechers; a leecher gets seeders first, then leechers.
local function sample(s, l, count)
  local added = 0
  if not seeder then
    added = pick(s, count)
  end
  return added + pick(l, count - added)
end

local own = 0
if near_s then
  taken, collect = {}, true
  own = sample(near_s, near_l, want)
  collect = false
end
own = own + sample(own_s, own_l, want - own)
taken, n_taken = nil, 0
out[3] = own
if ARGV[7] == '1' then
  sample(KEYS[3], KEYS[4], want - own)
end
return out
