log_level = "debug"
retry_join = ["10.0.0.2"]
node_meta {
  zone = "z1"
}
