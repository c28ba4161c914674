#include "engines/watch/db_source.h"

#include <cstdlib>

#include <fmt/format.h>

namespace shipcheck::watch {
namespace {

constexpr const char* k_in_use_sql =
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
    "AND usename = current_user AND pid <> pg_backend_pid()";
constexpr const char* k_max_connections_sql =
    "SELECT setting FROM pg_settings "
    "WHERE name = 'max_connections'";

}  // namespace

DbConnections::DbConnections(std::string url, std::chrono::milliseconds timeout)
    : m_url(std::move(url)) {
  m_options.timeout = timeout;
  m_options.application_name = "shipcheck watch";
}

tl::expected<double, std::string> DbConnections::in_use() {
  return count(k_in_use_sql);
}

tl::expected<double, std::string> DbConnections::max_connections() {
  return count(k_max_connections_sql);
}

tl::expected<double, std::string> DbConnections::count(const char* sql) {
  if (!m_session) {
    auto session = postgres::Session::connect(m_url, m_options);
    if (!session) {
      return tl::make_unexpected(fmt::format(
          "Postgres {}: {}", postgres::to_string(session.error().kind), session.error().message));
    }
    m_session.emplace(std::move(*session));
  }
  auto rows = m_session->query(sql);
  if (!rows) {
    m_session.reset();  // a lost or timed-out session fails every later query: start anew
    return tl::make_unexpected(fmt::format(
        "Postgres {}: {}", postgres::to_string(rows.error().kind), rows.error().message));
  }
  if (rows->empty() || rows->is_null(0, 0)) {
    return tl::make_unexpected("Postgres returned no row");
  }
  return std::strtod(rows->text(0, 0).c_str(), nullptr);
}

}  // namespace shipcheck::watch
