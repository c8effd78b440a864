-- Replays a pool of pre-generated raw requests (pools.py) with wrk, each once, in order, spread over wrk's
-- threads; checks every response; prints one line of JSON at the end ("BENCH-JSON {...}").
--
--   wrk -t1 -c8 -d5s -s replay.lua http://127.0.0.1:PORT -- POOL_FILE EXPECT SLOW_MS THREADS
--
-- EXPECT is "redirect" (an answer: 302/303 to anything but the login page), "page" (200) or "not-modified" (304:
-- a live lesson's state poll that found nothing new, bench/http/live.py). A pool that runs
-- out starts again from the top and the run is reported as wrapped: for answers that means repeats, which the
-- app serves differently, so the caller makes pools large enough and flags a run that wrapped.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local requests = {}
local cursor = 0
local expect = "page"
wrapped = 0
bad = 0
first_bad = ""

local function load_pool(path, index, count)
  local file = assert(io.open(path, "rb"))
  local data = file:read("*a")
  file:close()
  local pos, n = 1, 0
  while pos <= #data do
    local newline = string.find(data, "\n", pos, true)
    local length = tonumber(string.sub(data, pos, newline - 1))
    if n % count == index then
      table.insert(requests, string.sub(data, newline + 1, newline + length))
    end
    n = n + 1
    pos = newline + length + 1
  end
end

function init(args)
  expect = args[2] or "page"
  load_pool(args[1], wrk.thread:get("index"), tonumber(args[4] or "1"))
  assert(#requests > 0, "empty pool")
  -- done() runs where the arguments are not visible: leave the threshold with the thread.
  wrk.thread:set("slow_ms", tonumber(args[3] or "0") or 0)
end

function request()
  cursor = cursor + 1
  if cursor > #requests then
    cursor = 1
    wrapped = wrapped + 1
  end
  return requests[cursor]
end

function response(status, headers, body)
  local ok
  if expect == "redirect" then
    local location = headers["Location"] or headers["location"] or ""
    ok = (status == 302 or status == 303) and not string.find(location, "login", 1, true)
    if not ok and first_bad == "" then first_bad = status .. " " .. location end
  elseif expect == "not-modified" then
    ok = status == 304
    if not ok and first_bad == "" then first_bad = tostring(status) end
  else
    ok = status == 200
    if not ok and first_bad == "" then first_bad = tostring(status) end
  end
  if not ok then bad = bad + 1 end
end

function done(summary, latency, requests_stats)
  local total_bad, total_wrapped, example = 0, 0, ""
  for _, thread in ipairs(threads) do
    total_bad = total_bad + (thread:get("bad") or 0)
    total_wrapped = total_wrapped + (thread:get("wrapped") or 0)
    local first = thread:get("first_bad") or ""
    if example == "" then example = first end
  end
  -- Requests slower than SLOW_MS: #latency is the number of distinct latencies, latency(i) the i-th of them
  -- (microseconds) and how many requests took exactly that long.
  local slow_ms = threads[1] and threads[1]:get("slow_ms") or 0
  local slow = 0
  if slow_ms > 0 and latency.max > slow_ms * 1000 then
    for i = 1, #latency do
      local value, count = latency(i)
      if value > slow_ms * 1000 then slow = slow + count end
    end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH-JSON {"requests": %d, "duration_us": %d, "bytes": %d, "errors": {"connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d}, "bad": %d, "first_bad": "%s", "wrapped": %d, ' ..
    '"latency_us": {"mean": %.1f, "max": %d, "p50": %d, "p90": %d, "p95": %d, "p99": %d}, "slow": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    total_bad, (string.gsub(example, '["\\]', "")), total_wrapped,
    latency.mean, latency.max, latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), slow))
end
