// A real DNS server (Debian's dnsmasq, the binary alone) on 127.0.0.1 and a free port for
// the DNS rules' tests: it answers the records it is given, with their TTLs, and NXDOMAIN
// for every other name under .test. Started as the test's child, stopped by its PID.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "support/child_process.h"
#include "support/fixture.h"

namespace shipcheck::test {

struct DnsRecord {
  std::string name;  // under .test, e.g. "api.test"
  std::string ipv4;  // empty: no A record
  std::string ipv6;  // empty: no AAAA record
  int ttl = 60;      // seconds
};

class DnsServer {
 public:
  explicit DnsServer(const std::vector<DnsRecord>& records);
  DnsServer(const DnsServer&) = delete;
  DnsServer& operator=(const DnsServer&) = delete;

  int port() const { return m_port; }
  // "127.0.0.1:<port>": the `dns.resolver` value that asks this server.
  std::string address() const;

 private:
  TempDir m_dir;
  int m_port = 0;
  std::unique_ptr<ChildProcess> m_process;
};

}  // namespace shipcheck::test
