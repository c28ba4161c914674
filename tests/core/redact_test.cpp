// Redaction: prefixes of at most 4 characters, URL passwords, whole reports.
#include "core/redact.h"

#include <gtest/gtest.h>

namespace shipcheck {
namespace {

TEST(RedactValue, ShowsAtMostFourCharactersAndTheLength) {
  EXPECT_EQ(redact_value("AKIAIOSFODNN7EXAMPLE"), "AKIA…(20)");
  EXPECT_EQ(redact_value("short"), "…(5)");
}

TEST(IsSecretName, MatchesTokensNotSubstrings) {
  EXPECT_TRUE(is_secret_name("JWT_SECRET_KEY"));
  EXPECT_TRUE(is_secret_name("DB_PASSWORD"));
  EXPECT_TRUE(is_secret_name("api_token"));
  EXPECT_FALSE(is_secret_name("MONKEY_COUNT"));
  EXPECT_FALSE(is_secret_name("LOG_LEVEL"));
}

TEST(LooksRandom, CredentialsYesUrlsAndWordsNo) {
  EXPECT_TRUE(looks_random("q8Zr2LwX9vKp3MnT7bYc"));
  EXPECT_FALSE(looks_random("https://app.demo.test"));  // would hide CORS origins in reports
  EXPECT_FALSE(looks_random("production"));
  EXPECT_FALSE(looks_random("GET,POST,PUT,DELETE,OPTIONS"));
}

TEST(Redactor, ScrubsKnownSecretsAndUrlPasswords) {
  Redactor redactor;
  redactor.add("s3cr3t-value-0123456789");
  const std::string text =
      "key s3cr3t-value-0123456789 in postgresql://demo:hunter2hunter2@127.0.0.1/db";
  const std::string out = redactor.scrub(text);
  EXPECT_EQ(out.find("s3cr3t-value-0123456789"), std::string::npos);
  EXPECT_EQ(out.find("hunter2hunter2"), std::string::npos);
  EXPECT_NE(out.find("s3cr…(23)"), std::string::npos);
  EXPECT_NE(out.find("postgresql://demo:"), std::string::npos);
}

TEST(Redactor, ScrubsEveryFieldOfAReport) {
  Redactor redactor;
  redactor.add("0123456789abcdef0123");
  Report report;
  Result r;
  r.message = "m 0123456789abcdef0123";
  r.evidence = "e 0123456789abcdef0123";
  r.location = Location{"0123456789abcdef0123.txt", 1, 1, {}};
  report.results.push_back(r);
  report.decided_by.push_back("x 0123456789abcdef0123");
  report.notices.push_back("n 0123456789abcdef0123");
  redactor.scrub(report);
  EXPECT_EQ(report.results[0].message.find("0123456789abcdef0123"), std::string::npos);
  EXPECT_EQ(report.results[0].evidence.find("0123456789abcdef0123"), std::string::npos);
  EXPECT_EQ(report.results[0].location->file.find("0123456789abcdef0123"), std::string::npos);
  EXPECT_EQ(report.decided_by[0].find("0123456789abcdef0123"), std::string::npos);
  EXPECT_EQ(report.notices[0].find("0123456789abcdef0123"), std::string::npos);
}

}  // namespace
}  // namespace shipcheck
