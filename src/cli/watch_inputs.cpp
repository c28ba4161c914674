#include "cli/watch_inputs.h"

#include <cstdlib>

#include <fmt/format.h>

#include "checks/env/env_tables.h"
#include "checks/env/env_util.h"
#include "cli/pipeline.h"
#include "engines/watch/db_source.h"

namespace shipcheck::cli {
namespace {

constexpr std::chrono::milliseconds k_database_timeout{5'000};

bool names_capacity(const std::vector<watch::Trigger>& triggers, std::string_view name) {
  return std::any_of(triggers.begin(), triggers.end(), [name](const watch::Trigger& t) {
    return t.bound.kind == watch::BoundKind::of_capacity && t.bound.capacity == name;
  });
}

// `var` from the environment, else from the env file; "" when neither sets it.
std::string variable(const std::string& var, const std::optional<dotenv::File>& env) {
  if (const char* value = std::getenv(var.c_str()); value != nullptr && *value != '\0') {
    return value;
  }
  const dotenv::Entry* entry = env ? env->find(var) : nullptr;
  return entry != nullptr ? entry->value : std::string();
}

std::string database_url(const Config& config, const std::optional<dotenv::File>& env) {
  return config.dependencies.postgres ? variable(config.dependencies.postgres->url_env, env)
                                      : std::string();
}

tl::expected<void, std::string> read_credentials(const WatchConfig& watch,
                                                 const std::optional<dotenv::File>& env,
                                                 WatchInputs& inputs) {
  for (const auto& [var, out] : {std::pair<const std::string&, std::string&>{
                                     watch.prometheus_token_env, inputs.prometheus_token},
                                 {watch.prometheus_password_env, inputs.prometheus_password}}) {
    if (var.empty()) {
      continue;
    }
    out = variable(var, env);
    if (out.empty()) {
      return tl::make_unexpected(fmt::format(
          "watch.prometheus_auth: {} is not set (neither in the environment nor in the env "
          "file)",
          var));
    }
  }
  inputs.prometheus_username = watch.prometheus_username;
  return {};
}

// The first integer among `setting`'s variables in the env file.
std::optional<long long> env_int(const std::optional<dotenv::File>& env,
                                 checks::env::Setting setting) {
  for (std::string_view name : checks::env::variables(setting).names) {
    if (const dotenv::Entry* entry = env ? env->find(name) : nullptr) {
      if (const auto value = checks::env::parse_int(entry->value)) {
        return value;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

tl::expected<WatchInputs, std::string> gather_watch_inputs(
    const Config& config, const std::vector<watch::Trigger>& triggers) {
  auto env = load_env_file(config);
  if (!env) {
    return tl::make_unexpected(env.error().to_string());
  }
  WatchInputs inputs;
  inputs.database_url = database_url(config, *env);
  if (config.watch) {
    inputs.capacities = config.watch->capacities;
    if (auto read = read_credentials(*config.watch, *env, inputs); !read) {
      return tl::make_unexpected(read.error());
    }
  }
  if (!inputs.capacities.contains("pool") && names_capacity(triggers, "pool")) {
    if (const auto pool = env_int(*env, checks::env::Setting::pool_size)) {
      inputs.capacities["pool"] = static_cast<double>(
          *pool + env_int(*env, checks::env::Setting::max_overflow).value_or(0));
    }
  }
  if (!inputs.capacities.contains("max_connections") &&
      names_capacity(triggers, "max_connections") && !inputs.database_url.empty()) {
    watch::DbConnections database(inputs.database_url, k_database_timeout);
    auto max = database.max_connections();
    if (!max) {
      return tl::make_unexpected("max_connections: " + max.error());
    }
    inputs.capacities["max_connections"] = *max;
  }
  return inputs;
}

}  // namespace shipcheck::cli
