#include "engines/secrets/detector.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace shipcheck::secrets {
namespace {

std::string error_of(const std::string& yaml) {
  auto loaded = load_rules_text(yaml, "r.yaml");
  return loaded ? std::string("(loaded)") : loaded.error().to_string();
}

constexpr const char* k_one = R"(schema: shipcheck.secrets/v1
detectors:
  - id: demo-token
    rule: SEC014
    description: Demo token
    regex: '\b(demo_[a-z0-9]{20})\b'
    entropy: 3
)";

TEST(Detector, LoadsAMinimalFile) {
  auto loaded = load_rules_text(k_one, "r.yaml");
  ASSERT_TRUE(loaded) << loaded.error().to_string();
  ASSERT_EQ(loaded->detectors.size(), 1U);
  const Detector& d = loaded->detectors.front();
  EXPECT_EQ(d.id, "demo-token");
  EXPECT_EQ(d.rule, "SEC014");
  EXPECT_EQ(d.group, 1);
  EXPECT_DOUBLE_EQ(d.entropy, 3.0);
  EXPECT_EQ(d.origin, "r.yaml:3:5");
}

TEST(Detector, ErrorsCarryTheirPosition) {
  EXPECT_EQ(error_of("schema: shipcheck.secrets/v1\ndetectors:\n  - id: a\n    rule: SEC001\n"
                     "    description: d\n    regex: '(ab'\n"),
            "r.yaml:6:12: regex does not compile: missing closing parenthesis (at offset 3 of "
            "the pattern)");
  EXPECT_EQ(error_of("schema: shipcheck.secrets/v1\ndetectors:\n  - id: a\n    rule: SEC099\n"
                     "    description: d\n    regex: 'abc'\n"),
            "r.yaml:4:11: unknown rule `SEC099`\n  hint: one of SEC001 ... SEC015");
  EXPECT_EQ(error_of("schema: shipcheck.secrets/v1\ndetectors:\n  - id: a\n    rule: SEC001\n"
                     "    description: d\n    regex: 'abc'\n    entrpy: 3\n"),
            "r.yaml:7:5: unknown key `entrpy`\n  hint: did you mean `entropy`?");
}

TEST(Detector, RejectsDuplicateIdsMissingKeysAndBadGroups) {
  const std::string base = "schema: shipcheck.secrets/v1\ndetectors:\n";
  const std::string one = "  - {id: a, rule: SEC001, description: d, regex: 'a(b)c'}\n";
  EXPECT_NE(error_of(base + one + one).find("duplicate detector id `a`"), std::string::npos);
  EXPECT_NE(error_of(base + "  - {id: a, rule: SEC001, regex: x}\n").find("missing `description`"),
            std::string::npos);
  EXPECT_NE(error_of(base + "  - {id: a, rule: SEC001, description: d, regex: 'abc', group: 2}\n")
                .find("group 2 does not exist"),
            std::string::npos);
  EXPECT_NE(error_of("schema: other/v9\n").find("unsupported schema"), std::string::npos);
  EXPECT_NE(error_of("").find("empty rule file"), std::string::npos);
}

TEST(Detector, BuiltinRulesLoad) {
  const RuleSet& rules = builtin_rules();
  EXPECT_GE(rules.detectors.size(), 150U);
}

TEST(Detector, EmbeddedRulesAreTheShippedFileByteForByte) {
  std::ifstream in(std::string(SHIPCHECK_TESTS_DIR) + "/../rules/secrets.yaml", std::ios::binary);
  std::stringstream file;
  file << in.rdbuf();
  EXPECT_EQ(builtin_rules_text(), file.str());
}

TEST(Detector, MergeReplacesSameIdAndAppendsNew) {
  RuleSet base = *load_rules_text(k_one, "a.yaml");
  RuleSet extra = *load_rules_text(std::string(k_one) + R"(  - id: other
    rule: SEC013
    description: Other
    regex: 'other_[a-z]{8}'
)",
                                   "b.yaml");
  merge_rules(base, std::move(extra));
  ASSERT_EQ(base.detectors.size(), 2U);
  EXPECT_EQ(base.detectors[0].origin, "b.yaml:3:5");
  EXPECT_EQ(base.detectors[1].id, "other");
}

}  // namespace
}  // namespace shipcheck::secrets
