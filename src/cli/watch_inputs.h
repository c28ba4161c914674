// What a watch's triggers need besides the service and Prometheus: the database whose
// connections db_connections counts, and the capacities "N% of NAME" bounds refer to.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "config/config.h"
#include "engines/watch/triggers.h"

namespace shipcheck::cli {

struct WatchInputs {
  std::string database_url;  // dependencies.postgres's URL; "" when none is configured or set
  std::map<std::string, double, std::less<>> capacities;
  std::string prometheus_token;  // watch.prometheus_auth's secrets, from their variables
  std::string prometheus_username;
  std::string prometheus_password;
};

// The database URL from dependencies.postgres.url_env (the environment first, then the env
// file, as the PG checks read it); the capacities from watch.capacities, else `pool` as the
// env file's pool size plus overflow and `max_connections` from the database, when a trigger
// names them; Prometheus credentials from the variables watch.prometheus_auth names. An
// unreadable env file or database, or an unset credential variable, is an error, with no
// secret in it.
tl::expected<WatchInputs, std::string> gather_watch_inputs(
    const Config& config, const std::vector<watch::Trigger>& triggers);

}  // namespace shipcheck::cli
