// Catalogue test of the env family's data tables: every true- and false-positive example.
#include "checks/env/env_tables.h"

#include <gtest/gtest.h>

#include "checks/env/env_util.h"
#include "core/text.h"

namespace shipcheck::checks::env {
namespace {

dotenv::File file_with(std::string_view key) {
  dotenv::File file;
  file.entries.push_back(dotenv::Entry{std::string(key), "value", 1, 1, false, false});
  return file;
}

// "*_DATABASE_URL" -> "ANALYTICS_DATABASE_URL": a concrete name a glob must match.
std::string instantiate(std::string_view pattern) {
  std::string name(pattern);
  const auto star = name.find('*');
  return star == std::string::npos ? name : name.replace(star, 1, "ANALYTICS");
}

TEST(EnvTables, EveryVariableGroupFindsItsNamesAndNotItsLookalikes) {
  ASSERT_EQ(all_variable_groups().size(), static_cast<std::size_t>(Setting::platform) + 1);
  for (const auto& group : all_variable_groups()) {
    ASSERT_FALSE(group.names.empty()) << group.id;
    EXPECT_FALSE(group.lookalikes.empty()) << group.id << " needs false-positive examples";
    for (std::string_view name : group.names) {
      const std::string concrete = instantiate(name);
      const auto file = file_with(concrete);
      EXPECT_NE(first_present(file, group), nullptr) << group.id << ": " << concrete;
      EXPECT_NE(first_present(file_with(to_lower(concrete)), group), nullptr)
          << group.id << ": lower-case " << concrete;
    }
    for (std::string_view lookalike : group.lookalikes) {
      EXPECT_EQ(first_present(file_with(lookalike), group), nullptr)
          << group.id << ": " << lookalike;
    }
  }
}

TEST(EnvTables, SettingIndexesItsGroup) {
  EXPECT_EQ(variables(Setting::debug).id, "debug");
  EXPECT_EQ(variables(Setting::database_url).id, "database_url");
  EXPECT_EQ(variables(Setting::platform).id, "platform");
}

TEST(EnvTables, FirstPresentFollowsPriorityOrder) {
  dotenv::File file;
  file.entries.push_back(dotenv::Entry{"NODE_ENV", "development", 1, 1, false, false});
  file.entries.push_back(dotenv::Entry{"ENVIRONMENT", "production", 2, 1, false, false});
  const auto* entry = first_present(file, variables(Setting::environment));
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->key, "ENVIRONMENT");
}

TEST(EnvTables, EveryPlaceholderPatternFlagsItsExamplesAndNoRealValue) {
  for (const auto& pattern : placeholder_patterns()) {
    ASSERT_FALSE(pattern.true_positives.empty()) << pattern.kind;
    ASSERT_FALSE(pattern.false_positives.empty()) << pattern.kind;
    for (std::string_view value : pattern.true_positives) {
      EXPECT_TRUE(pattern.matches(value)) << pattern.kind << ": " << value;
      EXPECT_TRUE(placeholder_kind(value).has_value()) << value;
    }
    for (std::string_view value : pattern.false_positives) {
      EXPECT_FALSE(placeholder_kind(value).has_value())
          << value << " flagged as " << placeholder_kind(value).value_or("");
    }
  }
}

TEST(EnvTables, RealSecretsAndEmptyValuesAreNotPlaceholders) {
  for (std::string_view value :
       {"", "   ", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "Tz4pQ_ebSdR0w3Ua-x2nJv7LkYc9HgFm", "https://app.cidadao.ai,https://cidadao.ai",
        "postgresql://app:S3cure-Pa55@db.internal:5432/app?sslmode=require", "INFO", "production",
        "60"}) {
    EXPECT_FALSE(placeholder_kind(value).has_value()) << "'" << value << "'";
  }
}

TEST(EnvTables, SecretNameExamples) {
  for (const auto& example : secret_name_examples()) {
    EXPECT_EQ(is_strength_checked_name(example.name), example.checked) << example.name;
  }
}

}  // namespace
}  // namespace shipcheck::checks::env
