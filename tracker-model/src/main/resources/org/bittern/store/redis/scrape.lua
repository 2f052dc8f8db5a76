-- Figures of one swarm (design §4); the Java side pipelines one call per info_hash, so a scrape of many
-- hashes is one round trip, and each call touches one hash tag only (Redis Cluster safe).
--
-- KEYS[1] seeders v4  KEYS[2] leechers v4  KEYS[3] seeders v6  KEYS[4] leechers v6  KEYS[5] downloaded
-- ARGV[1] expiry cut-off (ms): members scored below it are expired even if no sweep removed them yet
-- ARGV[2] '1' also remove those expired members (the garbage collector's call)
-- Returns { complete, incomplete, downloaded }.

local live = ARGV[1]
if ARGV[2] == '1' then
  for i = 1, 4 do
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. live)
  end
end
local complete = redis.call('ZCOUNT', KEYS[1], live, '+inf') + redis.call('ZCOUNT', KEYS[3], live, '+inf')
local incomplete = redis.call('ZCOUNT', KEYS[2], live, '+inf') + redis.call('ZCOUNT', KEYS[4], live, '+inf')
local downloaded = tonumber(redis.call('GET', KEYS[5]) or '0')
return { complete, incomplete, downloaded }
