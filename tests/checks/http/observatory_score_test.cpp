#include "checks/http/observatory_score.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

TEST(ObservatoryScoreTest, FailsWhenNoSecurityHeaderIsSent) {
  // Below B is a warning, never a failure: HDR001-HDR008 fail for the headers themselves.
  const auto results = test::run_live(ObservatoryScore(), "", "return 200 'plain';");
  ASSERT_EQ(test::statuses(results), "warn");
  EXPECT_EQ(results[0].message, "Observatory-style score 10/100, grade F (below B)");
  EXPECT_EQ(results[0].severity, Severity::info);
  for (const char* applied :
       {"csp-not-implemented -25", "cookies-not-found 0", "redirection-missing -20",
        "hsts-not-implemented -20", "sri-not-implemented-response-not-html 0",
        "x-content-type-options-not-implemented -5", "x-frame-options-not-implemented -20",
        "bonuses not counted: 10 before them is below 90"}) {
    EXPECT_NE(results[0].evidence.find(applied), std::string::npos)
        << applied << " not in " << results[0].evidence;
  }
}

TEST(ObservatoryScoreTest, PassesWithTheDemoHeaders) {
  const auto results = test::run_live(ObservatoryScore(), test::k_good_headers);
  ASSERT_EQ(test::statuses(results), "pass");
  // 100, then the bonuses: CSP default-src 'none' +10, Referrer-Policy +5, frame-ancestors +5.
  EXPECT_EQ(results[0].message, "Observatory-style score 120/100, grade A+");
  EXPECT_EQ(results[0].evidence,
            "csp-implemented-with-no-unsafe-default-src-none +10; cookies-not-found 0; "
            "cross-origin-resource-sharing-not-implemented 0; redirection-to-https 0; "
            "referrer-policy-private +5; hsts-implemented-max-age-at-least-six-months 0; "
            "sri-not-implemented-response-not-html 0; x-content-type-options-nosniff 0; "
            "x-frame-options-implemented-via-csp +5; "
            "cross-origin-resource-policy-not-implemented 0");
}

TEST(ObservatoryScoreTest, PassesWithAGradeOfBAndNoBonus) {
  // No CSP (so no frame-ancestors either; X-Frame-Options instead): 100 - 25 = 75, grade B,
  // and no bonus for the Referrer-Policy, since bonuses need 90.
  const auto results = test::run_live(
      ObservatoryScore(),
      test::without_header(test::without_header(test::k_good_headers, "Content-Security-Policy"),
                           "X-Frame-Options") +
          "add_header X-Frame-Options \"SAMEORIGIN\" always;\n");
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_EQ(results[0].message, "Observatory-style score 75/100, grade B");
}

TEST(ObservatoryScoreTest, PassesWithAnUntrustedCertificateLeftToTheTlsRules) {
  // The Observatory would take 40 points; the certificate is TLS002's finding, not a score's.
  const test::Nginx nginx(test::https_server(test::k_good_headers));
  Config config = nginx.config();
  config.tls.ca_file.clear();
  const auto results = test::run_check(ObservatoryScore(), config);
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_EQ(results[0].message, "Observatory-style score 120/100, grade A+");
}

}  // namespace
}  // namespace shipcheck::checks
