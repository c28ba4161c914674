// Suppressions: inline comments, config entries (reason, expiry, unused), baselines.
#include "core/suppress.h"

#include <gtest/gtest.h>

#include "core/fingerprint.h"
#include "support/fixture.h"

namespace shipcheck {
namespace {

Result finding(std::string rule, std::string file, int line) {
  Result r;
  r.rule = std::move(rule);
  r.status = Status::fail;
  r.message = "m";
  r.location = Location{std::move(file), line, 0, {}};
  ensure_fingerprint(r);
  return r;
}

TEST(InlineSuppression, ParsesIdsAndReason) {
  EXPECT_EQ(inline_suppression("DEBUG=1 # shipcheck:ignore ENV004 -- local only", "ENV004"),
            "local only");
  EXPECT_EQ(inline_suppression("# shipcheck:ignore ENV001, ENV004", "ENV004"), "(no reason given)");
  EXPECT_EQ(inline_suppression("// shipcheck:ignore ENV -- whole family", "ENV013"),
            "whole family");
  EXPECT_FALSE(inline_suppression("# shipcheck:ignore ENV001 -- x", "ENV004"));
  EXPECT_FALSE(inline_suppression("DEBUG=1", "ENV004"));
}

TEST(InlineSuppression, ReasonWithoutDashesStartsAtTheFirstWordThatIsNoId) {
  EXPECT_EQ(inline_suppression("# shipcheck:ignore DKR003 base image pinned upstream", "DKR003"),
            "base image pinned upstream");
  EXPECT_EQ(inline_suppression("# shipcheck:ignore DKR003,DKR005 vendor image", "DKR005"),
            "vendor image");
  EXPECT_EQ(inline_suppression("# shipcheck:ignore K8S dev cluster only", "K8S015"),
            "dev cluster only");
  // The reason's words are not ids, even when one looks like a rule of another family.
  EXPECT_FALSE(inline_suppression("# shipcheck:ignore DKR003 see ENV004", "ENV004"));
}

TEST(InlineSuppression, FamilyCodeIsTheIdWithoutItsThreeDigits) {
  EXPECT_TRUE(inline_suppression("# shipcheck:ignore K8S -- x", "K8S001"));
  EXPECT_FALSE(inline_suppression("# shipcheck:ignore ENV0 -- x", "ENV013"));
  EXPECT_FALSE(inline_suppression("# shipcheck:ignore EN -- x", "ENV013"));
}

TEST(ApplySuppressions, InlineCommentOnTheLineOrAbove) {
  test::TempDir dir;
  dir.write(".env", "A=1\n# shipcheck:ignore ENV004 -- staging copy\nDEBUG=true\n");
  std::vector<Result> results{finding("ENV004", ".env", 3), finding("ENV002", ".env", 1)};
  apply_suppressions(results,
                     SuppressionInput{dir.path(), nullptr, "shipcheck.yaml", "2026-01-01", {}});
  ASSERT_TRUE(results[0].suppressed);
  EXPECT_EQ(results[0].suppressed->reason, "staging copy");
  EXPECT_EQ(results[0].suppressed->source, ".env:2");
  EXPECT_FALSE(results[1].suppressed);
}

TEST(ApplySuppressions, ConfigEntryByPathGlobAndExpiry) {
  test::TempDir dir;
  std::vector<SuppressEntry> entries{
      {"SEC014", "tests/fixtures/**", "", "fake keys", "2027-01-31", {7, 5}},
      {"ENV004", "", "", "old", "2025-01-01", {9, 5}},
      {"DOC003", "", "", "never matches", "", {11, 5}},
  };
  std::vector<Result> results{finding("SEC014", "tests/fixtures/a/key.pem", 1),
                              finding("SEC014", "src/key.pem", 1), finding("ENV004", ".env", 1)};
  const auto notices = apply_suppressions(
      results, SuppressionInput{dir.path(), &entries, "shipcheck.yaml", "2026-11-21", {}});
  ASSERT_TRUE(results[0].suppressed);
  EXPECT_EQ(results[0].suppressed->source, "shipcheck.yaml:7");
  EXPECT_FALSE(results[1].suppressed);
  EXPECT_FALSE(results[2].suppressed) << "expired entries stop applying";
  ASSERT_EQ(notices.size(), 2U);
  EXPECT_NE(notices[0].find("expired"), std::string::npos);
  EXPECT_NE(notices[1].find("unused"), std::string::npos);
}

TEST(ApplySuppressions, FingerprintPinsOneFinding) {
  test::TempDir dir;
  auto a = finding("ENV002", ".env", 1);
  auto b = finding("ENV002", ".env.staging", 1);
  std::vector<SuppressEntry> entries{{"ENV002", "", a.fingerprint, "accepted", "", {3, 5}}};
  std::vector<Result> results{a, b};
  apply_suppressions(results,
                     SuppressionInput{dir.path(), &entries, "shipcheck.yaml", "2026-01-01", {}});
  EXPECT_TRUE(results[0].suppressed);
  EXPECT_FALSE(results[1].suppressed);
}

TEST(Baseline, WrittenFindingsAreSuppressedNextTime) {
  test::TempDir dir;
  std::vector<Result> results{finding("ENV004", ".env", 1)};
  const auto file = dir.path() / "baseline.json";
  ASSERT_EQ(write_baseline(file, results).value(), 1U);
  auto baseline = read_baseline(file);
  ASSERT_TRUE(baseline);
  std::vector<Result> next{finding("ENV004", ".env", 5), finding("ENV002", ".env", 1)};
  apply_suppressions(
      next, SuppressionInput{dir.path(), nullptr, "shipcheck.yaml", "2026-01-01", *baseline});
  EXPECT_TRUE(next[0].suppressed) << "same finding on another line keeps its fingerprint";
  EXPECT_FALSE(next[1].suppressed);
}

TEST(Baseline, GarbageFileIsAnError) {
  test::TempDir dir;
  const auto file = dir.write("b.json", "\x01\x02not json");
  EXPECT_FALSE(read_baseline(file));
  EXPECT_FALSE(read_baseline(dir.path() / "missing.json"));
}

}  // namespace
}  // namespace shipcheck
