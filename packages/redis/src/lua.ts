/**
 * The rate-limit decision in Lua: the same integer steps as core's `decideRateLimit` and
 * `MemoryStore`, so that both give identical answers for identical counts. The time is Redis's own (`TIME`), so instances whose clocks disagree
 * still share one window. A counter is one hash: `w` the current fixed window's start, `c` its
 * count, `p` the previous window's count. It expires two windows after its window started, when
 * it can no longer weigh on any decision.
 */
const HIT_FUNCTION = `
-- math.floor(a / b) for non-negative integers, exact where the division rounds.
local function floor_div(a, b)
  local quotient = math.floor(a / b)
  if quotient * b > a then
    quotient = quotient - 1
  elseif (quotient + 1) * b <= a then
    quotient = quotient + 1
  end
  return quotient
end

local function retry_after(previous, current, limit, window_ms, elapsed, algorithm)
  local reset_ms = window_ms - elapsed
  if algorithm == 'fixed' then return reset_ms end

  local room = limit - 1 - current
  if room >= 0 and previous > 0 then
    local fade_at = window_ms - floor_div(room * window_ms, previous)
    if fade_at < window_ms then return math.max(1, fade_at - elapsed) end
  end

  local fade_next = 0
  if current > 0 then
    fade_next = window_ms - floor_div((limit - 1) * window_ms, current)
  end
  return reset_ms + math.min(window_ms, math.max(0, fade_next))
end

local function hit(key, limit, window_ms, algorithm)
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  local elapsed = math.fmod(now, window_ms)
  local window = now - elapsed

  local stored = redis.call('HMGET', key, 'w', 'c', 'p')
  local stored_window = tonumber(stored[1])
  local current, previous = 0, 0
  if stored_window == window then
    current = tonumber(stored[2]) or 0
    previous = tonumber(stored[3]) or 0
  elseif stored_window == window - window_ms then
    previous = tonumber(stored[2]) or 0
  end

  -- Scaled by the window length, so every comparison is between integers.
  local reset_ms = window_ms - elapsed
  local previous_weight = 0
  if algorithm == 'sliding' then previous_weight = reset_ms end
  local free = limit * window_ms - previous * previous_weight - current * window_ms

  if free >= window_ms then
    redis.call('HSET', key, 'w', string.format('%.0f', window),
      'c', current + 1, 'p', previous)
    redis.call('PEXPIREAT', key, string.format('%.0f', window + 2 * window_ms))
    return {1, floor_div(free - window_ms, window_ms), reset_ms, 0}
  end
  local wait = retry_after(previous, current, limit, window_ms, elapsed, algorithm)
  return {0, 0, reset_ms, wait}
end
`;

/** KEYS: counter. ARGV: limit, windowMs, algorithm. Returns allowed, remaining, reset, retry. */
export const HIT_RATE_LIMIT_LUA = `${HIT_FUNCTION}
return hit(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3])
`;

/**
 * KEYS: counter, nonce. ARGV: limit, windowMs, algorithm, nonce TTL in milliseconds. Counts the
 * request and, only when it is allowed, claims the nonce: one atomic step, so a refused request
 * never holds a nonce. Returns the hit's four fields and then 1 (claimed), 0 (held) or -1 (not
 * attempted).
 */
export const CHECK_REQUEST_LUA = `${HIT_FUNCTION}
local result = hit(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3])
local claimed = -1
if result[1] == 1 then
  claimed = 0
  if redis.call('SET', KEYS[2], '1', 'PX', ARGV[4], 'NX') then claimed = 1 end
end
table.insert(result, claimed)
return result
`;
