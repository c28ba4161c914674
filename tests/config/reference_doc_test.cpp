// docs/config.md, the shipcheck.yaml reference, kept honest: its examples load, and it has
// a section for exactly the top-level keys the loader accepts, in the loader's order.
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "config/loader.h"
#include "core/text.h"  // trim
#include "support/fixture.h"

namespace shipcheck::config {
namespace {

using test::TempDir;

const std::filesystem::path k_reference =
    std::filesystem::path(SHIPCHECK_TESTS_DIR) / ".." / "docs" / "config.md";

std::string reference_text() {
  std::ifstream in(k_reference, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << k_reference;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The variables the page's examples use; any other ${VAR} fails to load, so an example
// cannot depend on the reader's environment.
std::optional<std::string> reference_env(std::string_view name) {
  static const std::map<std::string, std::string, std::less<>> vars{
      {"API_URL", "https://api.example.test"},
      {"SHIPCHECK_STORE_URL", "postgresql://shipcheck@db.example.test:5432/shipcheck"},
  };
  const auto it = vars.find(name);
  return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
}

struct YamlBlock {
  int line = 0;  // of the opening fence
  std::string text;
};

std::vector<YamlBlock> yaml_blocks(const std::string& page) {
  std::vector<YamlBlock> blocks;
  std::istringstream in(page);
  std::string line;
  int number = 0;
  std::optional<YamlBlock> open;
  while (std::getline(in, line)) {
    ++number;
    if (open) {
      if (line.starts_with("```")) {
        blocks.push_back(std::move(*open));
        open.reset();
      } else {
        open->text += line + "\n";
      }
    } else if (line == "```yaml") {
      open = YamlBlock{number, {}};
    }
  }
  EXPECT_FALSE(open.has_value()) << "unclosed ```yaml block at line " << open->line;
  return blocks;
}

// The `key` of each "## `key`" heading, in order.
std::vector<std::string> key_headings(const std::string& page) {
  std::vector<std::string> keys;
  std::istringstream in(page);
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("## `") && line.size() > 5 && line.back() == '`') {
      keys.push_back(line.substr(4, line.size() - 5));
    }
  }
  return keys;
}

// The top-level keys the loader accepts, from its own error for a key far from all of
// them: "valid keys: a, b, c" (a near miss gets "did you mean" instead).
std::vector<std::string> accepted_top_level_keys() {
  const TempDir dir;
  const auto config =
      load_config_text("zzzzzzzzzzzzzzzzzzzzzzzzzzzz: 1\n", "shipcheck.yaml", dir.path(), {});
  EXPECT_FALSE(config.has_value());
  if (config) {
    return {};
  }
  const std::string prefix = "valid keys: ";
  EXPECT_TRUE(config.error().hint.starts_with(prefix)) << config.error().to_string();
  if (!config.error().hint.starts_with(prefix)) {
    return {};
  }
  std::vector<std::string> keys;
  std::istringstream in(config.error().hint.substr(prefix.size()));
  std::string key;
  while (std::getline(in, key, ',')) {
    keys.emplace_back(trim(key));
  }
  return keys;
}

TEST(ReferenceDoc, EveryYamlExampleLoads) {
  const std::vector<YamlBlock> blocks = yaml_blocks(reference_text());
  ASSERT_GE(blocks.size(), 5U) << "docs/config.md lost its examples";
  for (const YamlBlock& block : blocks) {
    const TempDir dir;
    const auto config = load_config_text(block.text, "docs/config.md", dir.path(), reference_env);
    EXPECT_TRUE(config.has_value())
        << "the ```yaml block at docs/config.md:" << block.line
        << " does not load: " << (config ? "" : config.error().to_string());
  }
}

TEST(ReferenceDoc, ExamplesMeanWhatThePageSays) {
  // One spot check per kind of claim: that the examples are read, not just accepted.
  const std::vector<YamlBlock> blocks = yaml_blocks(reference_text());
  ASSERT_FALSE(blocks.empty());
  const TempDir dir;
  const auto config =
      load_config_text(blocks.front().text, "docs/config.md", dir.path(), reference_env);
  ASSERT_TRUE(config.has_value()) << config.error().to_string();
  EXPECT_EQ(config->url, "https://api.example.test");
  ASSERT_TRUE(config->dependencies.postgres.has_value());
  EXPECT_EQ(config->dependencies.postgres->url_env, "DATABASE_URL");  // the stated default
  EXPECT_EQ(config->min_score, 90);                                   // the stated default
}

TEST(ReferenceDoc, HasASectionForEveryTopLevelKeyInLoaderOrder) {
  const std::vector<std::string> accepted = accepted_top_level_keys();
  ASSERT_GE(accepted.size(), 20U) << "could not read the valid keys from the loader's error";
  EXPECT_EQ(key_headings(reference_text()), accepted)
      << "docs/config.md needs one \"## `key`\" heading per top-level key, in the order of "
         "k_top_fields (src/config/sections.cpp)";
}

TEST(ReferenceDoc, EveryDocumentedKeyIsAccepted) {
  // The other direction, independent of the error's wording: an empty value for each
  // documented key loads (or fails for its value, never as an unknown key).
  const std::vector<std::string> documented = key_headings(reference_text());
  ASSERT_FALSE(documented.empty());
  for (const std::string& key : documented) {
    const TempDir dir;
    const auto config = load_config_text(key + ":\n", "shipcheck.yaml", dir.path(), {});
    if (!config) {
      EXPECT_EQ(config.error().message.find("unknown key"), std::string::npos)
          << key << ": " << config.error().to_string();
    }
  }
  const TempDir dir;
  const auto unknown = load_config_text("servce: x\n", "shipcheck.yaml", dir.path(), {});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("unknown key"), std::string::npos);
  EXPECT_EQ(unknown.error().hint, "did you mean 'service'?");
}

}  // namespace
}  // namespace shipcheck::config
