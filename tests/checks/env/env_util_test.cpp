// Shared helpers of the env family: value parsing, lookup, redaction, the memoised code scan.
#include "checks/env/env_util.h"

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::checks::env {
namespace {

TEST(EnvUtil, ParseBoolReadsWhatPydanticReads) {
  for (std::string_view yes : {"true", "True", "TRUE", "1", "yes", "on", " t ", "Y"}) {
    EXPECT_EQ(parse_bool(yes), true) << yes;
  }
  for (std::string_view no : {"false", "False", "0", "no", "OFF", "f", "n"}) {
    EXPECT_EQ(parse_bool(no), false) << no;
  }
  for (std::string_view neither : {"", "maybe", "2", "enabled"}) {
    EXPECT_FALSE(parse_bool(neither).has_value()) << neither;
  }
}

TEST(EnvUtil, ParseIntIsStrict) {
  EXPECT_EQ(parse_int(" 20 "), 20);
  EXPECT_EQ(parse_int("+5"), 5);
  EXPECT_EQ(parse_int("-3"), -3);
  EXPECT_FALSE(parse_int("20.5").has_value());
  EXPECT_FALSE(parse_int("twenty").has_value());
  EXPECT_FALSE(parse_int("").has_value());
}

TEST(EnvUtil, ShownValueRedactsSecretsAndUrlPasswords) {
  EXPECT_EQ(shown_value("SECRET_KEY", "abcdefghijklmnopqrstuvwxyz"), "abcd…(26)");
  EXPECT_EQ(shown_value("LOG_LEVEL", "DEBUG"), "DEBUG");
  EXPECT_EQ(shown_value("BROKER", "amqp://u:hunter2hunter2@mq/").find("hunter2hunter2"),
            std::string::npos);
}

TEST(EnvUtil, FindVarPrefersExactKeyThenIgnoresCase) {
  dotenv::File file;
  file.entries.push_back(dotenv::Entry{"debug", "true", 1, 1, false, false});
  file.entries.push_back(dotenv::Entry{"DEBUG", "false", 2, 1, false, false});
  ASSERT_NE(find_var(file, "DEBUG"), nullptr);
  EXPECT_EQ(find_var(file, "DEBUG")->value, "false");
  EXPECT_EQ(find_var(file, "Debug")->value, "false");  // the last case-insensitive match
  EXPECT_EQ(find_var(file, "MISSING"), nullptr);
}

TEST(EnvUtil, CodeRefsAreScannedOncePerRun) {
  test::TempDir dir;
  dir.write("a.py", "import os\nos.environ['A']\n");
  const Config config = test::config_for(dir.path());
  const Context ctx{config, dir.path(), std::nullopt, "", {}};
  const auto& first = code_refs(ctx);
  dir.write("b.py", "import os\nos.environ['B']\n");
  const auto& second = code_refs(ctx);
  EXPECT_EQ(&first, &second);
  ASSERT_EQ(second.size(), 1U);
  EXPECT_EQ(second[0].name, "A");
}

TEST(EnvUtil, RequiredVarsMergeConfigAndCodeMinusOptional) {
  test::TempDir dir;
  dir.write("app.py",
            "import os\nos.environ['A']\nos.getenv('B')\nos.getenv('C', 'x')\n"
            "os.environ['HOME']\n");
  Config config = test::config_for(dir.path());
  config.env.required = {"Z", "a"};
  config.env.optional = {"b"};
  const Context ctx{config, dir.path(), std::nullopt, "", {}};
  std::string names;
  for (const auto& var : required_vars(ctx, true)) {
    names += var.name + (var.ref ? "@code " : "@config ");
  }
  EXPECT_EQ(names, "Z@config a@config ");
  names.clear();
  for (const auto& var : required_vars(ctx, false)) {
    names += var.name + " ";
  }
  EXPECT_EQ(names, "A ");
}

}  // namespace
}  // namespace shipcheck::checks::env
