// The DNS engine against a real dnsmasq on a loopback port.
#include "engines/dns/resolver.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "support/dns_server.h"

namespace shipcheck::dns {
namespace {

using namespace std::chrono_literals;

Server server_at(const std::string& address) {
  auto server = parse_server(address);
  if (!server) {
    throw std::runtime_error(server.error());
  }
  return *server;
}

TEST(DnsResolver, ReadsAddressesAndTtls) {
  const test::DnsServer dns({{"api.test", "127.0.0.10", "::10", 3600}});
  const auto a = query(server_at(dns.address()), "api.test", QueryType::a, 2s);
  ASSERT_TRUE(a) << a.error();
  EXPECT_EQ(a->rcode, "NOERROR");
  ASSERT_EQ(a->records.size(), 1U);
  EXPECT_EQ(a->records[0].name, "api.test.");
  EXPECT_EQ(a->records[0].type, "A");
  EXPECT_EQ(a->records[0].data, "127.0.0.10");
  EXPECT_EQ(a->records[0].ttl, 3600);
  const auto aaaa = query(server_at(dns.address()), "api.test", QueryType::aaaa, 2s);
  ASSERT_TRUE(aaaa);
  ASSERT_EQ(aaaa->records.size(), 1U);
  EXPECT_EQ(aaaa->records[0].data, "::10");
}

TEST(DnsResolver, AnUnknownNameIsNxdomain) {
  const test::DnsServer dns({{"api.test", "127.0.0.10", "", 60}});
  const auto answer = query(server_at(dns.address()), "missing.test", QueryType::a, 2s);
  ASSERT_TRUE(answer) << answer.error();
  EXPECT_EQ(answer->rcode, "NXDOMAIN");
  EXPECT_TRUE(answer->records.empty());
}

TEST(DnsResolver, AResolverThatNeverAnswersIsAnError) {
  // A bound UDP socket that nobody reads: the query waits for its timeout.
  const int fd = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size), 0);
  const auto answer = query(server_at(fmt::format("127.0.0.1:{}", ntohs(address.sin_port))),
                            "api.test", QueryType::a, 200ms);
  close(fd);
  ASSERT_FALSE(answer);
  EXPECT_NE(answer.error().find("no answer from 127.0.0.1:"), std::string::npos) << answer.error();
}

TEST(DnsResolver, ParsesResolverAddresses) {
  EXPECT_EQ(server_at("127.0.0.1:5353").display(), "127.0.0.1:5353");
  EXPECT_EQ(server_at("127.0.0.1").port, 53);
  EXPECT_EQ(server_at("[::1]:5353").display(), "[::1]:5353");
  EXPECT_EQ(server_at("::1").display(), "[::1]:53");
  EXPECT_EQ(server_at("").display(), "the system resolver");
  for (const char* bad : {"dns.example.com", "127.0.0.1:0", "127.0.0.1:x", "[::1", "1.2.3:53"}) {
    EXPECT_FALSE(parse_server(bad)) << bad;
  }
}

}  // namespace
}  // namespace shipcheck::dns
