#include "checks/http/csp.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

using test::k_good_headers;
using test::run_live;
using test::without_header;

std::string with_csp(const std::string& policy) {
  return without_header(k_good_headers, "Content-Security-Policy") +
         "add_header Content-Security-Policy \"" + policy + "\" always;\n";
}

TEST(CspHeaderTest, FailsWhenTheHeaderIsMissing) {
  const auto results =
      run_live(CspHeader(), without_header(k_good_headers, "Content-Security-Policy"));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "no Content-Security-Policy header");
}

TEST(CspHeaderTest, FailsWhenScriptsMayRunInline) {
  const auto results = run_live(
      CspHeader(), with_csp("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'"));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("'unsafe-inline'"), std::string::npos);
  EXPECT_NE(results[0].message.find("'unsafe-eval'"), std::string::npos);
}

TEST(CspHeaderTest, FailsWhenDefaultSrcIsNotSet) {
  const auto results = run_live(CspHeader(), with_csp("frame-ancestors 'none'"));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("default-src is not set"), std::string::npos);
}

TEST(CspHeaderTest, PassesWithDefaultSrcNone) {
  EXPECT_EQ(test::statuses(run_live(CspHeader(), k_good_headers)), "pass");
}

TEST(CspHeaderTest, PassesWithUnsafeInlineNeutralisedByANonce) {
  EXPECT_EQ(
      test::statuses(run_live(
          CspHeader(), with_csp("default-src 'self'; script-src 'nonce-abc' 'unsafe-inline'"))),
      "pass");
}

}  // namespace
}  // namespace shipcheck::checks
