#include "checks/tls/protocols.h"

#include <gtest/gtest.h>

#include "checks/tls/tls_fixture.h"

namespace shipcheck::checks {
namespace {

TEST(TlsProtocolsTest, FailsWhenTls10And11AreOffered) {
  const auto cert = test::leaf();
  // The server side must lower its own security level too, or OpenSSL 3 will not speak 1.0.
  const test::TlsSite site(cert.cert_pem, cert.key_pem, "TLSv1 TLSv1.1 TLSv1.2",
                           "  ssl_ciphers DEFAULT:@SECLEVEL=0;\n");
  const auto results = test::run_check(TlsProtocols(), site.config());
  ASSERT_EQ(test::statuses(results), "fail") << results[0].message;
  EXPECT_EQ(results[0].message, "the server accepts TLSv1 and TLSv1.1 (deprecated, RFC 8996)");
  EXPECT_EQ(results[0].evidence, "accepted: TLSv1, TLSv1.1, TLSv1.2");
}

TEST(TlsProtocolsTest, PassesWithTls12And13Only) {
  const auto cert = test::leaf();
  const test::TlsSite site(cert.cert_pem, cert.key_pem);
  const auto results = test::run_check(TlsProtocols(), site.config());
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_EQ(results[0].message, "only TLSv1.2 and TLSv1.3 accepted");
}

TEST(TlsProtocolsTest, SkipsPlainHttpAndErrorsWhenNothingAnswers) {
  test::TempDir dir;
  Config config = test::config_for(dir.path());
  config.url = "http://app.test/";
  EXPECT_EQ(test::statuses(test::run_check(TlsProtocols(), config)), "skip");
  config.url = "https://127.0.0.1:" + std::to_string(test::free_port()) + "/";
  const auto results = test::run_check(TlsProtocols(), config);
  ASSERT_EQ(test::statuses(results), "error");
  EXPECT_NE(results[0].message.find("handshake"), std::string::npos);
}

}  // namespace
}  // namespace shipcheck::checks
