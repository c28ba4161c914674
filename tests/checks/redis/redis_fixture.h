// RDS rules' tests: a Config whose dependencies.redis URL (any URL, credentials included)
// sits in the project's env file under a name no CI environment sets.
#pragma once

#include <string>

#include "config/config.h"
#include "support/fixture.h"
#include "support/redis.h"

namespace shipcheck::test {

inline constexpr const char* k_redis_url_env = "SHIPCHECK_TEST_REDIS_URL";

// A config rooted at `dir` that points the RDS rules at `url`.
inline Config redis_config(const TempDir& dir, const std::string& url,
                           const RedisConfig& settings = {}) {
  Config config = config_for(dir.path());
  dir.write(".env", std::string(k_redis_url_env) + "=" + url + "\n");
  config.env_file = ".env";
  config.dependencies.redis = settings;
  config.dependencies.redis->url_env = k_redis_url_env;
  return config;
}

// Runs `check` against `server` (its URL with credentials) with `settings`.
inline std::vector<Result> run_on(const Check& check, const RedisServer& server,
                                  const RedisConfig& settings = {}) {
  const TempDir dir;
  return run_check(check, redis_config(dir, server.url(), settings));
}

}  // namespace shipcheck::test
