node_name = "client1"
datacenter = "dc1"
data_dir = "/opt/consul"
bind_addr = "10.0.0.10"
client_addr = "127.0.0.1"
encrypt = "pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s="
verify_incoming = false
verify_outgoing = true
verify_server_hostname = true
ca_file = "consul-agent-ca.pem"
auto_encrypt {
  tls = true
}
start_join = ["10.0.0.1", "10.0.0.2", "10.0.0.3"]
service {
  name = "web"
  port = 8080
  tags = ["v1"]
  check {
    http = "http://localhost:8080/health"
    interval = "10s"
    timeout = "1s"
  }
}
