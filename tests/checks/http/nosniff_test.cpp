#include "checks/http/nosniff.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

using test::k_good_headers;
using test::run_live;
using test::without_header;

TEST(NoSniffTest, FailsWhenTheHeaderIsMissing) {
  EXPECT_EQ(
      test::statuses(run_live(NoSniff(), without_header(k_good_headers, "X-Content-Type-Options"))),
      "fail");
}

TEST(NoSniffTest, FailsWhenTheValueIsNotNosniff) {
  const auto results =
      run_live(NoSniff(), without_header(k_good_headers, "X-Content-Type-Options") +
                              "add_header X-Content-Type-Options \"sniff\" always;\n");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("'sniff'"), std::string::npos);
}

TEST(NoSniffTest, PassesWithNosniff) {
  EXPECT_EQ(test::statuses(run_live(NoSniff(), k_good_headers)), "pass");
}

}  // namespace
}  // namespace shipcheck::checks
