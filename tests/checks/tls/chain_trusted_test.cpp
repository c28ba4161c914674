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
  EXPECT_EQ(results[0].message,
            "the chain verifies to a trusted root (2 certificate(s) sent, no OCSP response "
            "stapled)");
}

TEST(TlsChainTrustedTest, PassesWithAStapledOcspResponseReported) {
  // An OCSP response for the leaf, signed by the test CA with the openssl command (as a CA's
  // responder would sign it), which nginx staples from a file.
  const test::TempDir dir;
  const auto cert = test::leaf();
  test::write_pem(dir.path() / "leaf.pem", cert.cert_pem);
  test::write_pem(dir.path() / "ca.pem", test::test_ca().cert_pem);
  test::write_pem(dir.path() / "ca.key", test::test_ca().key_pem);
  std::string output;
  ASSERT_EQ(test::run_command(
                fmt::format("cd '{}' && serial=$(openssl x509 -noout -serial -in leaf.pem | "
                            "cut -d= -f2) && printf 'V\t350101000000Z\t\t%s\tunknown\t"
                            "/CN=app.test\n' \"$serial\" > index.txt && openssl ocsp -index "
                            "index.txt -rsigner ca.pem -rkey ca.key -CA ca.pem -issuer ca.pem "
                            "-cert leaf.pem -respout ocsp.der -ndays 1",
                            dir.path().string()),
                output),
            0)
      << output;
  const test::TlsSite site(
      cert.cert_pem, cert.key_pem, "TLSv1.2 TLSv1.3",
      "  ssl_stapling on;\n  ssl_stapling_file \"" + (dir.path() / "ocsp.der").string() + "\";\n");
  const auto results = test::run_check(TlsChainTrusted(), site.config());
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_EQ(results[0].message,
            "the chain verifies to a trusted root (1 certificate(s) sent, OCSP response "
            "stapled)");
  EXPECT_NE(results[0].evidence.find("; OCSP response stapled"), std::string::npos);
}

TEST(TlsChainTrustedTest, PassesForAnExpiredButOtherwiseTrustedChain) {
  const auto cert = test::leaf(-1);  // TLS004's finding, not this rule's
  const test::TlsSite site(cert.cert_pem, cert.key_pem);
  EXPECT_EQ(test::statuses(test::run_check(TlsChainTrusted(), site.config())), "pass");
}

}  // namespace
}  // namespace shipcheck::checks
