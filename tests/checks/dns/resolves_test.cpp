#include "checks/dns/resolves.h"

#include <gtest/gtest.h>

#include "checks/dns/dns_fixture.h"
#include "support/nginx.h"

namespace shipcheck::checks {
namespace {

TEST(DnsResolvesTest, PassesWithAnAddressForEachName) {
  const test::DnsServer dns(
      {{"api.test", "127.0.0.10", "::10", 60}, {"app.test", "127.0.0.11", "", 60}});
  const auto results = test::run_dns(DnsResolves(), dns, {"api.test", "app.test"});
  ASSERT_EQ(test::statuses(results), "pass,pass");
  EXPECT_EQ(results[0].message, "api.test resolves to 127.0.0.10, ::10");
  EXPECT_EQ(results[0].target, "api.test");
  EXPECT_EQ(results[1].message, "app.test resolves to 127.0.0.11");
}

TEST(DnsResolvesTest, FailsWhenTheNameDoesNotExist) {
  const test::DnsServer dns({{"api.test", "127.0.0.10", "", 60}});
  const auto results = test::run_dns(DnsResolves(), dns, {"api.test", "typo.test"});
  ASSERT_EQ(test::statuses(results), "pass,fail");
  EXPECT_EQ(results[1].message, "typo.test does not resolve (NXDOMAIN)");
}

TEST(DnsResolvesTest, ErrorsWhenTheResolverDoesNotAnswer) {
  const test::TempDir dir;
  // Nothing listens on this port: the query is refused (ICMP) or times out.
  auto config = test::dns_config(dir, fmt::format("127.0.0.1:{}", test::free_port()), {"api.test"});
  config.dns.timeout = "300ms";
  const auto results = test::run_check(DnsResolves(), config);
  ASSERT_EQ(test::statuses(results), "error");
  EXPECT_NE(results[0].message.find("no answer from"), std::string::npos) << results[0].message;
}

TEST(DnsResolvesTest, SkipsWithoutNames) {
  const test::TempDir dir;
  EXPECT_EQ(test::statuses(test::run_check(DnsResolves(), test::config_for(dir.path()))), "skip");
}

}  // namespace
}  // namespace shipcheck::checks
