-- The request mix of benchmarks/serve-load.sh for wrk: thumbnails and rendered images of random instances, MPR
-- slabs (MIP) and 3D MIPs of the series, with random viewports and orientations, so the render cache cannot answer
-- from one image. Reads STUDY, SERIES and INSTANCES (comma-separated) from the environment.
-- Counts answers by status per thread; done() prints them with p50/p99 latency.
local study, series = os.getenv("STUDY"), os.getenv("SERIES")
local instances = {}
for uid in string.gmatch(os.getenv("INSTANCES") or "", "[^,]+") do instances[#instances + 1] = uid end
local base = "/studies/" .. study .. "/series/" .. series
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(id * 7919)
  statuses = {}
end

local orientations = { "a", "p", "l", "r", "h", "f" }

request = function()
  local pick = math.random(100)
  local size = 64 * math.random(2, 4)
  local viewport = "viewport=" .. size .. "," .. size
  local path
  if pick <= 40 then
    path = base .. "/instances/" .. instances[math.random(#instances)] .. "/thumbnail?" .. viewport
  elseif pick <= 70 then
    path = base .. "/instances/" .. instances[math.random(#instances)] .. "/rendered?" .. viewport
  elseif pick <= 90 then
    path = base .. "/renderedmpr?renderingmethod=maximum_ip&mprslab=" .. (5 * math.random(1, 8)) .. "&orientation=" ..
      orientations[math.random(6)] .. "&" .. viewport
  else
    path = base .. "/rendered3d?renderingmethod=maximum_ip&orientation=" .. orientations[math.random(6)] .. "&" .. viewport
  end
  return wrk.format("GET", path, { ["Accept"] = "image/png" })
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do totals[status] = (totals[status] or 0) + n end
  end
  io.write(string.format("requests %d in %.1f s: %.1f/s\n", summary.requests, summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  for status, n in pairs(totals) do io.write(string.format("status %d: %d\n", status, n)) end
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n", summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout))
end
