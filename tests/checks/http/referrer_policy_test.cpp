#include "checks/http/referrer_policy.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

using test::k_good_headers;
using test::run_live;
using test::without_header;

std::string with_policy(const std::string& policy) {
  return without_header(k_good_headers, "Referrer-Policy") + "add_header Referrer-Policy \"" +
         policy + "\" always;\n";
}

TEST(ReferrerPolicyTest, FailsWhenTheHeaderIsMissing) {
  EXPECT_EQ(
      test::statuses(run_live(ReferrerPolicy(), without_header(k_good_headers, "Referrer-Policy"))),
      "fail");
}

TEST(ReferrerPolicyTest, FailsWhenFullUrlsGoToOtherSites) {
  const auto results = run_live(ReferrerPolicy(), with_policy("unsafe-url"));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("unsafe-url"), std::string::npos);
}

TEST(ReferrerPolicyTest, PassesWithTheLastKnownValueOfAFallbackList) {
  const auto results =
      run_live(ReferrerPolicy(), with_policy("no-referrer, strict-origin-when-cross-origin"));
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_EQ(results[0].message, "Referrer-Policy strict-origin-when-cross-origin");
}

}  // namespace
}  // namespace shipcheck::checks
