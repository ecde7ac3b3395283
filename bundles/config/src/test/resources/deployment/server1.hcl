server = true
node_name = "server1"
datacenter = "dc1"
data_dir = "/opt/consul"
bind_addr = "10.0.0.1"
client_addr = "0.0.0.0"
bootstrap_expect = 3
retry_join = ["10.0.0.2", "10.0.0.3"]
encrypt = "pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s="
ui = true
verify_incoming = true
verify_outgoing = true
verify_server_hostname = true
ca_file = "consul-agent-ca.pem"
cert_file = "dc1-server-consul-0.pem"
key_file = "dc1-server-consul-0-key.pem"
auto_encrypt {
  allow_tls = true
}
ports {
  https = 8501
}
leave_on_terminate = false
log_level = "INFO"
performance {
  raft_multiplier = 1
}
