#include "checks/http/version_leak.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

TEST(NoVersionLeakTest, FailsWhenServerTokensAreOn) {
  const auto results =
      test::run_site(NoVersionLeak(), "server_tokens on;\nlocation / { return 200 'x'; }\n");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("server: nginx/"), std::string::npos) << results[0].message;
}

TEST(NoVersionLeakTest, FailsWhenXPoweredByNamesAVersion) {
  const auto results = test::run_site(
      NoVersionLeak(),
      "location / { add_header X-Powered-By \"PHP/8.1.2\" always; return 200 'x'; }\n");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("x-powered-by: PHP/8.1.2"), std::string::npos);
}

TEST(NoVersionLeakTest, PassesWithServerTokensOff) {
  EXPECT_EQ(test::statuses(test::run_site(NoVersionLeak(), "location / { return 200 'x'; }\n")),
            "pass");
}

}  // namespace
}  // namespace shipcheck::checks
