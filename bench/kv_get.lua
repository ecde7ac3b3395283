-- wrk script: Cairn/Consul KV GET of one 256-byte value (default consistency: leader)
function init(args) wrk.method = "GET" end
function request() return wrk.format(nil, "/v1/kv/k0000000", nil, nil) end
