-- wrk script for the api-bench rounds. Arguments (after `--`):
--   mode          plain | same | fresh | invalid | dpop
--   token_file    one token per line (unused for plain); for dpop the bound token, then proofs
--   threads       wrk's -t, so each thread takes every n-th token
--   expect_status the status every response must have (plain/same/fresh: 200, invalid: 401)
-- `done` prints one line `BENCH_JSON {...}` that load-generator.ts parses.

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local tokens = {}
local next_token = 1
wraps = 0
unexpected = 0
local expect_status = 200
local dpop_authorization = nil

local function tamper(token)
  -- Flip one base64url character inside the signature: still well-formed, never verifies.
  local at = #token - 9
  local c = token:sub(at, at)
  local replacement = (c == "A") and "B" or "A"
  return token:sub(1, at - 1) .. replacement .. token:sub(at + 1)
end

local function load_tokens(path, id, nthreads, tampered, skip_first)
  local i = 0
  local first = skip_first
  for line in io.lines(path) do
    if first then
      first = false
    elseif #line > 0 then
      if i % nthreads == id - 1 then
        tokens[#tokens + 1] = tampered and tamper(line) or line
      end
      i = i + 1
    end
  end
  if #tokens == 0 then error("no tokens for thread " .. id .. " in " .. path) end
end

local function fresh_request()
  if next_token > #tokens then
    next_token = 1
    wraps = wraps + 1
  end
  local token = tokens[next_token]
  next_token = next_token + 1
  return wrk.format(nil, nil, { ["Authorization"] = "Bearer " .. token })
end

local function dpop_request()
  if next_token > #tokens then
    next_token = 1
    wraps = wraps + 1
  end
  local proof = tokens[next_token]
  next_token = next_token + 1
  -- wrk.format's headers replace wrk.headers: the Authorization line goes along each time.
  return wrk.format(nil, nil, { ["Authorization"] = dpop_authorization, ["DPoP"] = proof })
end

function init(args)
  local mode, path = args[1], args[2]
  local nthreads = tonumber(args[3])
  expect_status = tonumber(args[4])
  local id = wrk.thread:get("id")
  if mode == "same" then
    load_tokens(path, 1, 1, false, false)
    wrk.headers["Authorization"] = "Bearer " .. tokens[1]
  elseif mode == "fresh" or mode == "invalid" then
    load_tokens(path, id, nthreads, mode == "invalid", false)
    request = fresh_request
  elseif mode == "dpop" then
    dpop_authorization = "DPoP " .. io.lines(path)()
    load_tokens(path, id, nthreads, false, true)
    request = dpop_request
  end
  if mode == "invalid" then
    -- Only this round inspects statuses: a response() callback slows wrk down.
    response = function(status)
      if status ~= expect_status then unexpected = unexpected + 1 end
    end
  end
end

function done(summary, latency)
  local total_wraps, total_unexpected = 0, 0
  for _, thread in ipairs(threads) do
    total_wraps = total_wraps + (thread:get("wraps") or 0)
    total_unexpected = total_unexpected + (thread:get("unexpected") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,' ..
    '"socketErrors":%d,"statusErrors":%d,"unexpectedStatus":%d,"tokenWraps":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status, total_unexpected, total_wraps))
end
