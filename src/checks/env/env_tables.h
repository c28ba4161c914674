// Data tables of the env family: the names a setting goes by, placeholder patterns and
// secret-name tokens. Each entry carries true- and false-positive examples, which the
// catalogue test (tests/checks/env/env_tables_test.cpp) runs.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace shipcheck::checks::env {

// The names one setting appears under, in priority order ("the first present" wins).
// A name may be a glob such as `*_DATABASE_URL`. `lookalikes` are names that must not
// match (the false-positive examples).
struct VariableGroup {
  std::string_view id;
  std::vector<std::string_view> names;
  std::vector<std::string_view> lookalikes;
};

enum class Setting {
  debug,
  environment,
  log_level,
  log_format,
  log_json,
  cors_origins,
  database_url,
  jwt_expiry,
  rate_limit_enabled,
  rate_limit,
  pool_size,
  max_overflow,
  platform,  // set by the runtime or hosting platform: never demanded from the env file
};

const VariableGroup& variables(Setting setting);
const std::vector<VariableGroup>& all_variable_groups();

// A way a value can betray that nobody filled it in.
struct PlaceholderPattern {
  std::string_view kind;                    // shown in messages: "angle brackets"
  bool (*matches)(std::string_view value);  // value trimmed, any case
  std::vector<std::string_view> true_positives;
  std::vector<std::string_view> false_positives;  // real values no pattern may flag
};

const std::vector<PlaceholderPattern>& placeholder_patterns();
// The kind of the first pattern that matches `value`, or nullopt (always for "").
std::optional<std::string_view> placeholder_kind(std::string_view value);

// True iff ENV003 judges the value of `name` as a secret: a name token SECRET, KEY,
// TOKEN, PASSWORD, PASSWD or APIKEY, and no token saying the value is a setting about the
// secret rather than the secret (KEY_ID, PUBLIC_KEY, KEY_FILE, TOKEN_EXPIRE_MINUTES ...).
bool is_strength_checked_name(std::string_view name);

struct NameExample {
  std::string_view name;
  bool checked;  // expected is_strength_checked_name()
};
const std::vector<NameExample>& secret_name_examples();

}  // namespace shipcheck::checks::env
