#include "checks/tls/key_strength.h"

#include <gtest/gtest.h>

#include "checks/tls/tls_fixture.h"

namespace shipcheck::checks {
namespace {

std::vector<Result> served(const test::CertSpec& spec) {
  const auto cert = test::make_certificate(spec, &test::test_ca());
  // The server side must lower its own level too, or it would not load a 1024-bit key.
  const test::TlsSite site(cert.cert_pem, cert.key_pem, "TLSv1.2 TLSv1.3",
                           "  ssl_ciphers DEFAULT:@SECLEVEL=0;\n");
  return test::run_check(TlsKeyStrength(), site.config());
}

test::CertSpec leaf_spec() {
  return test::CertSpec{"app.test", {"app.test"}, -1, 365, -3600, false};
}

TEST(TlsKeyStrengthTest, FailsWhenTheKeyIsRsa1024) {
  test::CertSpec spec = leaf_spec();
  spec.rsa_bits = 1024;
  const auto results = served(spec);
  ASSERT_EQ(test::statuses(results), "fail") << results[0].message;
  EXPECT_EQ(results[0].message,
            "weak certificate: the leaf has an RSA key of 1024 bits (at least 2048)");
}

TEST(TlsKeyStrengthTest, FailsWhenSignedWithSha1) {
  test::CertSpec spec = leaf_spec();
  spec.digest = "SHA1";
  const auto results = served(spec);
  ASSERT_EQ(test::statuses(results), "fail") << results[0].message;
  EXPECT_NE(results[0].message.find("the leaf is signed with ecdsa-with-SHA1"), std::string::npos)
      << results[0].message;
}

TEST(TlsKeyStrengthTest, PassesWithAnEcP256KeySignedSha256) {
  const auto results = served(leaf_spec());
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_EQ(results[0].message, "EC 256-bit key, signed ecdsa-with-SHA256");
}

TEST(TlsKeyStrengthTest, PassesWithA2048BitRsaKey) {
  test::CertSpec spec = leaf_spec();
  spec.rsa_bits = 2048;
  EXPECT_EQ(test::statuses(served(spec)), "pass");
}

}  // namespace
}  // namespace shipcheck::checks
