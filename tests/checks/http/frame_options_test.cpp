#include "checks/http/frame_options.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

using test::k_good_headers;
using test::run_live;
using test::without_header;

const std::string k_no_framing_headers =
    without_header(without_header(k_good_headers, "X-Frame-Options"), "Content-Security-Policy");

TEST(FrameOptionsTest, FailsWhenNeitherHeaderIsSent) {
  const auto results = run_live(FrameOptions(), k_no_framing_headers);
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("any site may frame"), std::string::npos);
}

TEST(FrameOptionsTest, FailsWhenAllowFromIsUsed) {
  const auto results = run_live(
      FrameOptions(), k_no_framing_headers +
                          "add_header X-Frame-Options \"ALLOW-FROM https://x.example\" always;\n");
  ASSERT_EQ(test::statuses(results), "fail");
}

TEST(FrameOptionsTest, PassesWithXFrameOptionsDeny) {
  const auto results =
      run_live(FrameOptions(), without_header(k_good_headers, "Content-Security-Policy"));
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_EQ(results[0].message, "X-Frame-Options DENY");
}

TEST(FrameOptionsTest, PassesWithFrameAncestorsAlone) {
  const auto results = run_live(FrameOptions(), without_header(k_good_headers, "X-Frame-Options"));
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_EQ(results[0].message, "CSP frame-ancestors 'none'");
}

}  // namespace
}  // namespace shipcheck::checks
