#include "checks/http/tracebacks.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

TEST(NoTracebacksTest, FailsWhenAMissingPageShowsAPythonTraceback) {
  const auto results = test::run_site(
      NoTracebacks(),
      "location = / { return 200 'home'; }\n"
      "location / { return 404 'Traceback (most recent call last):\\n  File \"app.py\"'; }\n");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("answers 404 with a stack trace"), std::string::npos);
  EXPECT_EQ(results[0].evidence, "found \"Traceback (most recent call last)\" in the body");
}

TEST(NoTracebacksTest, PassesWithPlainJsonErrors) {
  const auto results =
      test::run_site(NoTracebacks(), "location / { return 404 '{\"detail\":\"Not Found\"}'; }\n");
  ASSERT_EQ(test::statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::checks
