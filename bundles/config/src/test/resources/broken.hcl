server = true
ports {
  http = = 1
}
