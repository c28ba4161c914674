// What the PostgreSQL client programs (pg_dump, pg_restore) and a project's own migration
// tool need to reach a database: the connection as PG* environment variables, so that no
// password ever appears on a command line (where `ps` shows it), and the URL of another
// database on the same server.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shipcheck::postgres {

// The settings `url` names, as the environment variables libpq reads (PGHOST, PGPORT,
// PGUSER, PGPASSWORD, PGSSLMODE, ...); PGDATABASE is `dbname` when one is given. Empty when
// libpq cannot parse `url`.
std::vector<std::pair<std::string, std::string>> libpq_environment(std::string_view url,
                                                                   std::string_view dbname = {});

// `url` (postgres:// or postgresql://, a driver suffix allowed) naming database `dbname`
// instead; nullopt for a key=value connection string, which a migration tool cannot take.
std::optional<std::string> url_with_database(std::string_view url, std::string_view dbname);

// `text` with each occurrence of `password` (4 characters or more) replaced by "…": for
// messages of libpq, the server or a client program.
std::string without_password(std::string text, const std::string& password);

}  // namespace shipcheck::postgres
