// db_connections for `shipcheck watch`: the connections the service's database role holds,
// counted in pg_stat_activity over one read-only session kept across rounds (and opened
// again after a failure), and the server's max_connections for "N% of max_connections".
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "engines/postgres/session.h"

namespace shipcheck::watch {

class DbConnections {
 public:
  DbConnections(std::string url, std::chrono::milliseconds timeout);

  // Connections of the URL's role to its database, shipcheck's own left out. The error
  // never quotes the URL or its password.
  tl::expected<double, std::string> in_use();
  // The server's max_connections.
  tl::expected<double, std::string> max_connections();

 private:
  tl::expected<double, std::string> count(const char* sql);

  std::string m_url;
  postgres::Options m_options;
  std::optional<postgres::Session> m_session;
};

}  // namespace shipcheck::watch
