#include "checks/tls/expiry.h"

#include <gtest/gtest.h>

#include "checks/tls/tls_fixture.h"

namespace shipcheck::checks {
namespace {

std::vector<Result> expiry_after(long days) {
  const auto cert = test::leaf(days);
  const test::TlsSite site(cert.cert_pem, cert.key_pem);
  return test::run_check(TlsExpiry(), site.config());
}

TEST(TlsExpiryTest, FailsWhenTheCertificateHasExpired) {
  const auto results = expiry_after(-2);
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("expired on"), std::string::npos);
}

TEST(TlsExpiryTest, FailsWhenItExpiresInFiveDays) {
  const auto results = expiry_after(5);
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("expires in 4 day(s)"), std::string::npos)
      << results[0].message;
}

TEST(TlsExpiryTest, WarnsUnderThirtyDays) {
  const auto results = expiry_after(20);
  ASSERT_EQ(test::statuses(results), "warn");
  EXPECT_NE(results[0].message.find("expires in 19 days"), std::string::npos);
}

TEST(TlsExpiryTest, PassesWithAYearLeft) {
  const auto results = expiry_after(365);
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_EQ(results[0].message, "the certificate is valid for 364 more days");
}

}  // namespace
}  // namespace shipcheck::checks
