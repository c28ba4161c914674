#include "checks/tls/hostname.h"

#include <gtest/gtest.h>

#include "checks/tls/tls_fixture.h"

namespace shipcheck::checks {
namespace {

TEST(TlsHostnameTest, FailsWhenTheCertificateIsForAnotherName) {
  const auto cert = test::leaf(365, "other.test");
  const test::TlsSite site(cert.cert_pem, cert.key_pem);
  const auto results = test::run_check(TlsHostname(), site.config());
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "the certificate is not valid for app.test");
  EXPECT_NE(results[0].evidence.find("CN=other.test"), std::string::npos);
}

TEST(TlsHostnameTest, PassesWithTheHostInTheSan) {
  const auto cert = test::leaf();
  const test::TlsSite site(cert.cert_pem, cert.key_pem);
  const auto results = test::run_check(TlsHostname(), site.config());
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_EQ(results[0].target, site.config().url);
}

}  // namespace
}  // namespace shipcheck::checks
