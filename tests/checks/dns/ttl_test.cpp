#include "checks/dns/ttl.h"

#include <gtest/gtest.h>

#include "checks/dns/dns_fixture.h"

namespace shipcheck::checks {
namespace {

TEST(DnsTtlTest, FailsWhenTheTtlIsStillAnHour) {
  const test::DnsServer dns({{"api.test", "127.0.0.10", "", 3600}});
  const auto results = test::run_dns(DnsTtl(), dns, {"api.test"});
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "api.test has a TTL of 3600 s, above 60 s");
  EXPECT_NE(results[0].evidence.find("api.test. A 127.0.0.10 (TTL 3600 s)"), std::string::npos)
      << results[0].evidence;
}

TEST(DnsTtlTest, PassesWithSixtySeconds) {
  const test::DnsServer dns({{"api.test", "127.0.0.10", "::10", 60}});
  const auto results = test::run_dns(DnsTtl(), dns, {"api.test"});
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_EQ(results[0].message, "api.test has a TTL of 60 s (at most 60 s)");
}

TEST(DnsTtlTest, HonoursTheConfiguredMaximum) {
  const test::DnsServer dns({{"api.test", "127.0.0.10", "", 300}});
  const test::TempDir dir;
  auto config = test::dns_config(dir, dns.address(), {"api.test"});
  config.dns.max_ttl = "5m";
  EXPECT_EQ(test::statuses(test::run_check(DnsTtl(), config)), "pass");
  config.dns.max_ttl = "4m";
  EXPECT_EQ(test::statuses(test::run_check(DnsTtl(), config)), "fail");
}

TEST(DnsTtlTest, SkipsANameThatDoesNotResolve) {
  const test::DnsServer dns({{"api.test", "127.0.0.10", "", 60}});
  EXPECT_EQ(test::statuses(test::run_dns(DnsTtl(), dns, {"missing.test"})), "skip");
}

}  // namespace
}  // namespace shipcheck::checks
