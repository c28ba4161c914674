// Malformed shipcheck.yaml and .env files through the real binary: exit 2, a location in
// the message, never a crash (these also run under ASan+UBSan in the sanitizer build).
#include <fstream>
#include <regex>

#include <gtest/gtest.h>

#include "support/fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

struct BadInput {
  std::string name;
  std::string file;  // "shipcheck.yaml" or ".env.production"
  std::string content;
  std::string location;       // expected "file:line" prefix in the error
  std::size_t pad_bytes = 0;  // grows `content` to this size at test time (not at start-up)
};

// `content` followed by valid lines of the file's own syntax up to `bytes`.
std::string padded(std::string text, std::size_t bytes, bool yaml) {
  text.reserve(bytes);
  while (text.size() < bytes) {
    text += yaml ? "# " + std::string(100, 'x') + "\n"
                 : "KEY_" + std::to_string(text.size()) + "=value\n";
  }
  return text;
}

const std::string k_env_config = "service: t\nenv_file: .env.production\n";

const std::vector<BadInput> k_cases = {
    {"YamlTabIndent", "shipcheck.yaml", "service: t\nenv:\n\trequired: [A]\n", "shipcheck.yaml:3"},
    {"YamlDuplicateKey", "shipcheck.yaml", "service: a\nurl: https://x\nservice: b\n",
     "shipcheck.yaml:3"},
    {"YamlUnknownKey", "shipcheck.yaml", "service: t\nenv_flie: .env\n", "shipcheck.yaml:2"},
    {"YamlWrongTypeMapForString", "shipcheck.yaml", "service: {a: 1}\n", "shipcheck.yaml:1"},
    {"YamlWrongTypeNumber", "shipcheck.yaml", "service: t\nmin_score: lots\n", "shipcheck.yaml:2"},
    {"YamlBadSeverity", "shipcheck.yaml", "rules:\n  severity: {ENV004: severe}\n",
     "shipcheck.yaml:2"},
    {"YamlSuppressWithoutReason", "shipcheck.yaml", "suppress:\n  - {rule: ENV004}\n",
     "shipcheck.yaml:2"},
    {"YamlUnterminatedQuote", "shipcheck.yaml", "service: \"t\nurl: x\n", "shipcheck.yaml:"},
    {"YamlBinaryGarbage", "shipcheck.yaml", std::string("\x00\xff\xfe\x01garbage\x00", 12),
     "shipcheck.yaml"},
    {"YamlEmptyFile", "shipcheck.yaml", "", "shipcheck.yaml:1"},
    {"YamlTopLevelList", "shipcheck.yaml", "- a\n- b\n", "shipcheck.yaml:1"},
    {"YamlHugeFile", "shipcheck.yaml", "service: t\n", "shipcheck.yaml", 50U << 20U},
    {"EnvUnterminatedDoubleQuote", ".env.production", "A=1\nB=\"never closed\nC=3\n",
     ".env.production:2"},
    {"EnvUnterminatedSingleQuote", ".env.production", "A='x\n", ".env.production:1"},
    {"EnvLineWithoutEquals", ".env.production", "A=1\nJUST_A_WORD\n", ".env.production:2"},
    {"EnvBadKey", ".env.production", "A=1\n9LIVES=x\n", ".env.production:2"},
    {"EnvBinaryGarbage", ".env.production", std::string("A=1\n\x00\x01\x02\xff", 8),
     ".env.production:2"},
    {"EnvHugeFile", ".env.production", "A=1\n", ".env.production", 50U << 20U},
    {"EnvTrailingGarbageAfterQuote", ".env.production", "A=\"x\" y\n", ".env.production:1"},
};

void PrintTo(const BadInput& c, std::ostream* os) {
  *os << c.name;
}

class BadInputTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputTest, ExitsTwoWithLocationAndNoCrash) {
  const BadInput& c = GetParam();
  test::TempDir dir;
  if (c.file != "shipcheck.yaml") {
    dir.write("shipcheck.yaml", k_env_config);
  }
  dir.write(c.file, c.pad_bytes == 0 ? c.content
                                     : padded(c.content, c.pad_bytes, c.file == "shipcheck.yaml"));
  const auto run = test::run_shipcheck("run . --no-store", dir.path());
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find(c.location), std::string::npos)
      << "expected a location '" << c.location << "' in: " << run.err;
  EXPECT_EQ(run.err.find("AddressSanitizer"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("runtime error"), std::string::npos) << run.err;
  EXPECT_LT(run.err.size(), 4096U) << "errors stay short, even for huge inputs";
}

INSTANTIATE_TEST_SUITE_P(Cases, BadInputTest, ::testing::ValuesIn(k_cases),
                         [](const auto& info) { return info.param.name; });

TEST(BadInput, EmptyEnvFileIsValid) {
  test::TempDir dir;
  dir.write("shipcheck.yaml", k_env_config);
  dir.write(".env.production", "");
  const auto run = test::run_shipcheck("run . --no-store --only ENV004", dir.path());
  EXPECT_NE(run.exit_code, 2) << run.err;
  EXPECT_NE(run.exit_code, 3) << run.err;
}

TEST(BadInput, UnknownRuleInOnlyIsAUsageErrorWithSuggestion) {
  test::TempDir dir;
  const auto run = test::run_shipcheck("run . --no-store --only ENV04", dir.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("did you mean"), std::string::npos) << run.err;
}

TEST(BadInput, UnknownCommandSuggests) {
  const auto run = test::run_shipcheck("rnu");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("did you mean 'run'"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace shipcheck
