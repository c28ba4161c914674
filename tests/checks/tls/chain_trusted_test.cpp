#include "checks/tls/chain_trusted.h"

#include <gtest/gtest.h>

#include "checks/tls/tls_fixture.h"

namespace shipcheck::checks {
namespace {

const test::KeyPair& intermediate() {
  static const test::KeyPair cert = test::make_certificate(
      test::CertSpec{"shipcheck test intermediate", {}, -1, 365, 0, true}, &test::test_ca());
  return cert;
}

TEST(TlsChainTrustedTest, FailsWhenTheIntermediateIsNotSent) {
  const auto cert = test::leaf(365, "app.test", &intermediate());
  const test::TlsSite site(cert.cert_pem, cert.key_pem);
  const auto results = test::run_check(TlsChainTrusted(), site.config());
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("an intermediate certificate is missing"), std::string::npos)
      << results[0].message;
  EXPECT_NE(results[0].evidence.find("1 certificate(s) sent"), std::string::npos);
}

TEST(TlsChainTrustedTest, FailsWhenTheRootIsNotTrusted) {
  const auto cert = test::leaf();
  const test::TlsSite site(cert.cert_pem, cert.key_pem);
  Config config = site.config();
  config.tls.ca_file.clear();  // the test CA is in no system store
  const auto results = test::run_check(TlsChainTrusted(), config);
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("does not verify"), std::string::npos);
}

TEST(TlsChainTrustedTest, PassesWithTheFullChainSent) {
  const auto cert = test::leaf(365, "app.test", &intermediate());
  const test::TlsSite site(cert.cert_pem + intermediate().cert_pem, cert.key_pem);
  const auto results = test::run_check(TlsChainTrusted(), site.config());
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_EQ(results[0].message, "the chain verifies to a trusted root (2 certificate(s) sent)");
}

TEST(TlsChainTrustedTest, PassesForAnExpiredButOtherwiseTrustedChain) {
  const auto cert = test::leaf(-1);  // TLS004's finding, not this rule's
  const test::TlsSite site(cert.cert_pem, cert.key_pem);
  EXPECT_EQ(test::statuses(test::run_check(TlsChainTrusted(), site.config())), "pass");
}

}  // namespace
}  // namespace shipcheck::checks
