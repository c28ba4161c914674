// DNS rules' tests: a dnsmasq on a loopback port serving the records each test gives, and
// a config that asks it.
#pragma once

#include <string>
#include <vector>

#include "support/dns_server.h"
#include "support/fixture.h"

namespace shipcheck::test {

inline Config dns_config(const TempDir& dir, const std::string& resolver,
                         std::vector<std::string> names) {
  Config config = config_for(dir.path());
  config.dns.resolver = resolver;
  config.dns.names = std::move(names);
  config.dns.timeout = "2s";
  return config;
}

inline std::vector<Result> run_dns(const Check& check, const DnsServer& server,
                                   std::vector<std::string> names) {
  const TempDir dir;
  return run_check(check, dns_config(dir, server.address(), std::move(names)));
}

}  // namespace shipcheck::test
