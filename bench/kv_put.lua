-- wrk script: Cairn/Consul KV PUT, 8-byte keys, 256-byte values, 2000 distinct keys per thread
-- (the same load shape as the peers' etcd_put.lua in ../shared/bench/lib)
local counter = 0
local tid = 0
local threads = {}
function setup(thread) thread:set("tid", #threads); table.insert(threads, thread) end
function init(args)
  tid = tonumber(tid) or 0
  body = string.rep("v", 256)
  paths = {}
  for i = 0, 1999 do
    paths[i] = string.format("/v1/kv/k%d%06d", tid % 10, i)
  end
  wrk.method = "PUT"
end
function request()
  local path = paths[counter % 2000]
  counter = counter + 1
  return wrk.format(nil, path, nil, body)
end
