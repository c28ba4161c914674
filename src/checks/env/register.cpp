// The env family's checks, one sorted line each.
#include "checks/env/cors_origins.h"
#include "checks/env/database_ssl.h"
#include "checks/env/debug_off.h"
#include "checks/env/env_example.h"
#include "checks/env/environment_production.h"
#include "checks/env/jwt_expiry.h"
#include "checks/env/log_format_json.h"
#include "checks/env/log_level.h"
#include "checks/env/placeholders.h"
#include "checks/env/pool_size.h"
#include "checks/env/rate_limit.h"
#include "checks/env/required_vars.h"
#include "checks/env/secret_strength.h"
#include "checks/families.h"

namespace shipcheck::checks {

void register_env(Registry& registry) {
  registry.emplace<CorsOrigins>();
  registry.emplace<DatabaseSsl>();
  registry.emplace<DebugOff>();
  registry.emplace<EnvExample>();
  registry.emplace<EnvironmentProduction>();
  registry.emplace<JwtExpiry>();
  registry.emplace<LogFormatJson>();
  registry.emplace<LogLevel>();
  registry.emplace<Placeholders>();
  registry.emplace<PoolSize>();
  registry.emplace<RateLimit>();
  registry.emplace<RequiredVars>();
  registry.emplace<SecretStrength>();
}

}  // namespace shipcheck::checks
