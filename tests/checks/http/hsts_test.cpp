#include "checks/http/hsts.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

using test::k_good_headers;
using test::run_live;
using test::without_header;

TEST(HstsHeaderTest, FailsWhenTheHeaderIsMissing) {
  const auto results =
      run_live(HstsHeader(), without_header(k_good_headers, "Strict-Transport-Security"));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("no Strict-Transport-Security"), std::string::npos);
  EXPECT_NE(results[0].target.find("https://app.test:"), std::string::npos);
}

TEST(HstsHeaderTest, FailsWhenMaxAgeIsUnderSixMonths) {
  const auto results = run_live(
      HstsHeader(), without_header(k_good_headers, "Strict-Transport-Security") +
                        "add_header Strict-Transport-Security \"max-age=86400\" always;\n");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("86400 s, less than six months"), std::string::npos);
  EXPECT_NE(results[0].evidence.find("max-age=86400"), std::string::npos);
}

TEST(HstsHeaderTest, FailsWhenTheHeaderIsInvalid) {
  const auto results =
      run_live(HstsHeader(), without_header(k_good_headers, "Strict-Transport-Security") +
                                 "add_header Strict-Transport-Security \"max-age=1y\" always;\n");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("invalid"), std::string::npos);
}

TEST(HstsHeaderTest, PassesWithAYearAndSubdomains) {
  const auto results = run_live(HstsHeader(), k_good_headers);
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_EQ(results[0].message, "HSTS max-age 31536000 s, includeSubDomains");
}

TEST(HstsHeaderTest, SkipsWithoutAUrlAndFailsAsErrorWhenTheServerIsDown) {
  test::TempDir dir;
  EXPECT_EQ(test::statuses(test::run_check(HstsHeader(), test::config_for(dir.path()))), "skip");
  Config config = test::config_for(dir.path());
  config.url = "https://127.0.0.1:" + std::to_string(test::free_port()) + "/";
  const auto results = test::run_check(HstsHeader(), config);
  ASSERT_EQ(test::statuses(results), "error");
  EXPECT_NE(results[0].message.find("failed"), std::string::npos);
}

}  // namespace
}  // namespace shipcheck::checks
