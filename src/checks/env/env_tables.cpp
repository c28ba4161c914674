// The env family's data tables and the placeholder / secret-name matchers behind them.
#include "checks/env/env_tables.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/text.h"

namespace shipcheck::checks::env {
namespace {

bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// Tokens of a value or name: maximal runs of letters and digits.
std::vector<std::string_view> alnum_tokens(std::string_view text) {
  std::vector<std::string_view> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_alnum(text[i])) {
      ++i;
    }
    const std::size_t begin = i;
    while (i < text.size() && is_alnum(text[i])) {
      ++i;
    }
    if (i > begin) {
      tokens.push_back(text.substr(begin, i - begin));
    }
  }
  return tokens;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// `<word ...>`: a bracket pair around at least two characters, the first a letter, all of
// them characters a description uses (random passwords rarely satisfy all three).
bool angle_brackets(std::string_view value) {
  for (std::size_t open = value.find('<'); open != std::string_view::npos;
       open = value.find('<', open + 1)) {
    const std::size_t close = value.find('>', open);
    if (close == std::string_view::npos) {
      return false;
    }
    const std::string_view inner = value.substr(open + 1, close - open - 1);
    const bool words = std::all_of(inner.begin(), inner.end(), [](char c) {
      return is_alnum(c) || std::string_view(" _.:/-").find(c) != std::string_view::npos;
    });
    if (inner.size() >= 2 && std::isalpha(static_cast<unsigned char>(inner[0])) != 0 && words) {
      return true;
    }
  }
  return false;
}

bool change_me_word(std::string_view value) {
  const std::string lower = to_lower(value);
  constexpr std::array<std::string_view, 8> k_words = {"changeme",  "change-me",  "change_me",
                                                       "change me", "replace-me", "replace_me",
                                                       "replaceme", "placeholder"};
  return std::any_of(k_words.begin(), k_words.end(),
                     [&](std::string_view w) { return lower.find(w) != std::string::npos; });
}

bool your_word(std::string_view value) {
  const std::string lower = to_lower(value);
  for (std::string_view word : {"your-", "your_"}) {
    for (std::size_t pos = lower.find(word); pos != std::string::npos;
         pos = lower.find(word, pos + 1)) {
      if (pos == 0 || !is_alnum(lower[pos - 1])) {
        return true;
      }
    }
  }
  return false;
}

bool x_run(std::string_view value) {
  const std::string lower = to_lower(value);
  if (lower.find("xxxxxx") != std::string::npos) {
    return true;
  }
  const auto tokens = alnum_tokens(lower);
  return std::any_of(tokens.begin(), tokens.end(), [](std::string_view t) {
    return t.size() >= 3 && t.find_first_not_of('x') == std::string_view::npos;
  });
}

bool ellipsis(std::string_view value) {
  return ends_with(value, "...") || ends_with(value, "\xe2\x80\xa6");  // "…"
}

bool here_suffix(std::string_view value) {
  const std::string lower = to_lower(value);
  return ends_with(lower, "_here") || ends_with(lower, "-here") || ends_with(lower, " here");
}

bool placeholder_value(std::string_view value) {
  constexpr std::array<std::string_view, 7> k_words = {"todo",    "tbd",    "fixme",   "dummy",
                                                       "example", "secret", "password"};
  return std::any_of(k_words.begin(), k_words.end(),
                     [&](std::string_view w) { return iequals(value, w); });
}

}  // namespace

const std::vector<VariableGroup>& all_variable_groups() {
  // Indexed by Setting: keep the order of the enum.
  static const std::vector<VariableGroup> k_groups = {
      {"debug",
       {"DEBUG", "FLASK_DEBUG", "DJANGO_DEBUG", "APP_DEBUG"},
       {"SENTRY_DEBUG", "DEBUG_TOOLBAR", "DEBUGGER"}},
      {"environment",
       {"ENVIRONMENT", "APP_ENV", "ENV", "NODE_ENV", "FASTAPI_ENV", "RAILS_ENV", "FLASK_ENV"},
       {"SENTRY_ENVIRONMENT", "ENV_FILE", "ENVIRONMENT_NAME"}},
      {"log_level", {"LOG_LEVEL", "LOGLEVEL", "LOGGING_LEVEL"}, {"SQL_LOG_LEVEL", "LOG_LEVEL_SQL"}},
      {"log_format", {"LOG_FORMAT"}, {"LOG_FORMAT_STRING", "UVICORN_LOG_FORMAT"}},
      {"log_json", {"JSON_LOGS", "LOG_JSON"}, {"JSON_LOGS_PATH", "LOG_JSON_INDENT"}},
      {"cors_origins",
       {"CORS_ORIGINS", "ALLOWED_ORIGINS", "CORS_ALLOWED_ORIGINS", "BACKEND_CORS_ORIGINS"},
       {"CORS_ALLOW_METHODS", "CORS_ALLOW_CREDENTIALS", "ALLOWED_HOSTS"}},
      {"database_url",
       {"DATABASE_URL", "*_DATABASE_URL", "POSTGRES_URL", "POSTGRESQL_URL",
        "SQLALCHEMY_DATABASE_URI"},
       {"DATABASE_URL_FILE", "DATABASE_POOL_SIZE", "REDIS_URL", "DATABASEURL"}},
      {"jwt_expiry",
       {"JWT_EXPIRATION_HOURS", "JWT_EXPIRE_HOURS", "ACCESS_TOKEN_EXPIRE_MINUTES",
        "JWT_EXPIRATION_MINUTES", "JWT_ACCESS_TOKEN_EXPIRE_MINUTES", "JWT_ACCESS_TOKEN_EXPIRES",
        "JWT_EXPIRES_IN"},
       {"REFRESH_TOKEN_EXPIRE_DAYS", "JWT_REFRESH_TOKEN_EXPIRES", "JWT_ALGORITHM"}},
      {"rate_limit_enabled",
       {"RATE_LIMIT_ENABLED", "RATELIMIT_ENABLED"},
       {"RATE_LIMIT_BURST", "RATE_LIMIT_ENABLED_PATHS"}},
      {"rate_limit",
       {"RATE_LIMIT_PER_MINUTE", "RATE_LIMIT_REQUESTS_PER_MINUTE", "RATE_LIMIT",
        "RATELIMIT_DEFAULT"},
       {"RATE_LIMIT_BURST", "RATE_LIMIT_ENABLED", "RATE_LIMIT_STORAGE_URL"}},
      {"pool_size",
       {"DATABASE_POOL_SIZE", "DB_POOL_SIZE", "POOL_SIZE"},
       {"THREAD_POOL_SIZE", "REDIS_POOL_SIZE", "POOL_SIZE_MAX"}},
      {"max_overflow", {"DATABASE_MAX_OVERFLOW", "DB_MAX_OVERFLOW"}, {"MAX_OVERFLOW_TIMEOUT"}},
      {"platform",
       {"PATH",  "HOME",     "USER",         "PWD",      "SHELL",     "HOSTNAME",  "LANG",
        "TERM",  "TMPDIR",   "PORT",         "CI",       "RAILWAY_*", "VERCEL_*",  "RENDER_*",
        "FLY_*", "HEROKU_*", "KUBERNETES_*", "GITHUB_*", "K_SERVICE", "K_REVISION"},
       {"DATABASE_URL", "SECRET_KEY", "PORTAL_URL", "USER_AGENT_SUFFIX"}},
  };
  return k_groups;
}

const VariableGroup& variables(Setting setting) {
  return all_variable_groups().at(static_cast<std::size_t>(setting));
}

const std::vector<PlaceholderPattern>& placeholder_patterns() {
  static const std::vector<PlaceholderPattern> k_patterns = {
      {"angle brackets",
       angle_brackets,
       {"<generate-with-scripts/generate_secrets.py>", "<maritaca-api-key>", "<key>",
        "postgresql://app:<password>@db/app"},
       {"Zq9<1x>w2", "a<b", "x>y<z", "p4<>ss"}},
      {"a 'change me' word",
       change_me_word,
       {"changeme", "CHANGE_ME", "please-change-me-now", "replace-me", "placeholder-key",
        "postgres://app:changeme@db/app"},
       {"changelog", "https://changes.example.org", "exchange"}},
      {"a 'your-...' value",
       your_word,
       {"your-api-key", "YOUR_SECRET_HERE", "https://your-app.vercel.app"},
       {"flavour_text", "yours-truly", "https://yourdomain.io"}},
      {"a run of x",
       x_run,
       {"xxx", "sk-xxxxxxxxxxxx", "https://xxx.supabase.co", "AKIAXXXXXXXXXXXXXXXX"},
       {"xx", "https://xxl.example.org", "Maxx3xy9", "dbx-xl"}},
      {"an ellipsis",
       ellipsis,
       {"...", "sk-...", "AKIA...", "sk-proj-\xe2\x80\xa6"},
       {"a...b", "v1.2.3", ".."}},
      {"an 'insert here' value",
       here_suffix,
       {"insert-token-here", "api key here", "put_key_here"},
       {"atmosphere", "https://where.example.org", "there"}},
      {"a placeholder word",
       placeholder_value,
       {"TODO", "tbd", "dummy", "example", "secret", "Password", "FIXME"},
       {"todo-api", "example.com", "secret-santa-service", "my-password-manager", "production"}},
  };
  return k_patterns;
}

std::optional<std::string_view> placeholder_kind(std::string_view value) {
  const std::string_view trimmed = trim(value);
  if (trimmed.empty()) {
    return std::nullopt;
  }
  for (const auto& pattern : placeholder_patterns()) {
    if (pattern.matches(trimmed)) {
      return pattern.kind;
    }
  }
  return std::nullopt;
}

bool is_strength_checked_name(std::string_view name) {
  constexpr std::array<std::string_view, 6> k_secret = {"SECRET",   "KEY",    "TOKEN",
                                                        "PASSWORD", "PASSWD", "APIKEY"};
  // Tokens that make the value a setting about a secret: its id, file, lifetime, length...
  constexpr std::array<std::string_view, 30> k_setting = {
      "ID",       "FILE",     "PATH",    "DIR",     "PUBLIC", "PUBLISHABLE", "URL",        "URI",
      "ENDPOINT", "HOST",     "NAME",    "HEADER",  "PREFIX", "TYPE",        "ALGORITHM",  "ALG",
      "ENABLED",  "REQUIRED", "LENGTH",  "SIZE",    "EXPIRE", "EXPIRES",     "EXPIRATION", "EXPIRY",
      "TTL",      "LIFETIME", "SECONDS", "MINUTES", "HOURS",  "DAYS"};
  bool secret = false;
  const std::string upper = to_upper(name);
  for (std::string_view token : alnum_tokens(upper)) {
    if (std::find(k_setting.begin(), k_setting.end(), token) != k_setting.end()) {
      return false;
    }
    secret = secret || std::find(k_secret.begin(), k_secret.end(), token) != k_secret.end();
  }
  return secret;
}

const std::vector<NameExample>& secret_name_examples() {
  static const std::vector<NameExample> k_examples = {
      {"SECRET_KEY", true},
      {"JWT_SECRET_KEY", true},
      {"BETTER_AUTH_SECRET", true},
      {"OPENAI_API_KEY", true},
      {"GITHUB_TOKEN", true},
      {"POSTGRES_PASSWORD", true},
      {"DB_PASSWD", true},
      {"STRIPE_APIKEY", true},
      {"AWS_SECRET_ACCESS_KEY", true},
      {"secret_key", true},
      {"AWS_ACCESS_KEY_ID", false},
      {"STRIPE_PUBLIC_KEY", false},
      {"STRIPE_PUBLISHABLE_KEY", false},
      {"SSL_KEY_FILE", false},
      {"PRIVATE_KEY_PATH", false},
      {"ACCESS_TOKEN_EXPIRE_MINUTES", false},
      {"JWT_ALGORITHM", false},
      {"TOKEN_URL", false},
      {"KEYCLOAK_REALM", false},
      {"API_KEY_HEADER", false},
      {"PASSWORD_MIN_LENGTH", false},
      {"MONKEY_MODE", false},
      {"PWD", false},
  };
  return k_examples;
}

}  // namespace shipcheck::checks::env
