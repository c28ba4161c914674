#include "checks/http/cookie_flags.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

using test::k_good_headers;
using test::run_live;

TEST(CookieFlagsTest, FailsWhenASessionCookieLacksFlags) {
  const auto results =
      run_live(CookieFlags(),
               k_good_headers +
                   "add_header Set-Cookie \"session=planted-session-value-123; Path=/\" always;\n"
                   "add_header Set-Cookie \"theme=dark; Secure; SameSite=Lax\" always;\n");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "cookie session lacks Secure, HttpOnly, SameSite");
  EXPECT_EQ(results[0].evidence.find("planted-session-value"), std::string::npos);
}

TEST(CookieFlagsTest, PassesWithSecureHttpOnlySameSiteCookies) {
  const auto results = run_live(
      CookieFlags(),
      k_good_headers +
          "add_header Set-Cookie \"session=abc; Secure; HttpOnly; SameSite=Strict\" always;\n");
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_NE(results[0].message.find("session"), std::string::npos);
}

TEST(CookieFlagsTest, SkipsWhenNoCookieIsSet) {
  EXPECT_EQ(test::statuses(run_live(CookieFlags(), k_good_headers)), "skip");
}

}  // namespace
}  // namespace shipcheck::checks
