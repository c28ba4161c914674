// What the project's migration files say the database should hold, for PG003 and PG004:
// alembic's revision graph and the tables its migrations create; Django's migration files;
// numbered SQL/Ruby migration files of a schema_migrations tool. Read from the files only:
// no Python, no alembic process.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engines/alembic/alembic.h"

namespace shipcheck::checks::pg {

struct AlembicState {
  std::string where;                         // "alembic/versions" (the version directories)
  std::string problem;                       // non-empty: the graph cannot be judged (why)
  std::vector<alembic::Revision> revisions;  // parents before children
  std::vector<std::string> heads;
};

// The first alembic setup under `root`; nullopt when the project does not use alembic.
std::optional<AlembicState> alembic_state(const std::filesystem::path& root);

// Tables the upgrades create (op.create_table("name", ...)) and do not drop or rename away
// later, in upgrade order. A table created by raw SQL is not seen (PG003 then expects less).
std::vector<std::string> alembic_tables(const std::filesystem::path& root,
                                        const AlembicState& state);

// How many upgrades lie between revision `from` and `head`; nullopt when `from` is not an
// ancestor of `head` (an unknown revision, or another branch).
std::optional<int> steps_behind(const AlembicState& state, const std::string& from,
                                const std::string& head);

// Django: (app label, migration name) of every migration file, sorted: NNNN_*.py in a
// `migrations` package (a directory with __init__.py), the label being its parent's name.
std::set<std::pair<std::string, std::string>> django_migrations(const std::filesystem::path& root);

// schema_migrations tools: the version (leading digits) of each migration file, sorted:
// golang-migrate's NNN_name.up.sql and Rails' db/migrate/NNN_name.rb.
std::set<std::string> numbered_migrations(const std::filesystem::path& root);

}  // namespace shipcheck::checks::pg
