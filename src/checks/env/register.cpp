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
  registry.emplace<RequiredVars>();           // ENV001
  registry.emplace<Placeholders>();           // ENV002
  registry.emplace<SecretStrength>();         // ENV003
  registry.emplace<DebugOff>();               // ENV004
  registry.emplace<EnvironmentProduction>();  // ENV005
  registry.emplace<LogLevel>();               // ENV006
  registry.emplace<LogFormatJson>();          // ENV007
  registry.emplace<CorsOrigins>();            // ENV008
  registry.emplace<DatabaseSsl>();            // ENV009
  registry.emplace<JwtExpiry>();              // ENV010
  registry.emplace<RateLimit>();              // ENV011
  registry.emplace<PoolSize>();               // ENV012
  registry.emplace<EnvExample>();             // ENV013
}

}  // namespace shipcheck::checks
