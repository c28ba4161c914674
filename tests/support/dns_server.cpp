// dnsmasq for tests (see dns_server.h). It serves both UDP and TCP on its port; once TCP
// accepts, the UDP socket (bound first) is ready too.
#include "support/dns_server.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include "support/nginx.h"

namespace shipcheck::test {
namespace {

std::string host_record(const DnsRecord& record) {
  std::string value = record.name;
  for (const std::string* address : {&record.ipv4, &record.ipv6}) {
    if (!address->empty()) {
      value += "," + *address;
    }
  }
  return fmt::format("--host-record={},{}", value, record.ttl);
}

}  // namespace

DnsServer::DnsServer(const std::vector<DnsRecord>& records) : m_port(free_port()) {
  const auto dir = m_dir.path();
  // No config file, no /etc/hosts, no upstream: only the records below are known.
  std::vector<std::string> args = {
      "dnsmasq",
      "--keep-in-foreground",
      "--conf-file=/dev/null",
      "--no-resolv",
      "--no-hosts",
      "--bind-interfaces",
      "--listen-address=127.0.0.1",
      fmt::format("--port={}", m_port),
      "--pid-file=",
      "--local=/test/",
      fmt::format("--log-facility={}", (dir / "dnsmasq.log").string())};
  for (const auto& record : records) {
    args.push_back(host_record(record));
  }
  const auto log = dir / "dnsmasq.out";
  m_process = std::make_unique<ChildProcess>(args, log);
  wait_until_ready(*m_process, log, "dnsmasq", [this] { return accepts_connections(m_port); });
}

std::string DnsServer::address() const {
  return fmt::format("127.0.0.1:{}", m_port);
}

}  // namespace shipcheck::test
