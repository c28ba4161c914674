// PG004 for the tools other than alembic: Django's django_migrations and a schema_migrations
// table (golang-migrate, Rails), each compared with the project's migration files.
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/context.h"
#include "checks/postgres/migration_facts.h"
#include "checks/postgres/migrations.h"

namespace shipcheck::checks {
namespace {

// Versions without leading zeros compare as numbers do: by length, then text.
bool version_less(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

std::string strip_zeros(std::string version) {
  version.erase(0, std::min(version.find_first_not_of('0'), version.size() - 1));
  return version;
}

}  // namespace

Result PgMigrationsAtHead::check_django(const Context& ctx, const pg::Db& db) const {
  const auto files = pg::django_migrations(ctx.root);
  const auto exists = pg::table_exists(db, "django_migrations");
  if (!exists) {
    return error(exists.error());
  }
  if (!*exists) {
    return fail("the database has no django_migrations table: manage.py migrate never ran here");
  }
  const auto rows = db.query("SELECT app, name FROM django_migrations");
  if (!rows) {
    return error(pg::query_failed("django_migrations", rows.error()));
  }
  auto missing = files;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    missing.erase({rows->text(i, 0), rows->text(i, 1)});
  }
  std::vector<std::string> names;
  for (const auto& [app, name] : missing) {
    names.push_back(app + "." + name);
  }
  if (!names.empty()) {
    return fail(fmt::format("{} of {} Django migrations not applied: {}", names.size(),
                            files.size(), pg::listing(names)),
                fmt::format("not applied: {}", fmt::join(names, ", ")));
  }
  return pass(fmt::format("all {} Django migrations are applied", files.size()));
}

Result PgMigrationsAtHead::check_numbered(const Context& ctx, const pg::Db& db) const {
  const auto files = pg::numbered_migrations(ctx.root);
  const auto exists = pg::table_exists(db, "schema_migrations");
  if (!exists) {
    return error(exists.error());
  }
  if (!*exists) {
    return fail("the database has no schema_migrations table: no migration ran here");
  }
  const auto rows = db.query("SELECT * FROM schema_migrations");
  if (!rows) {
    return error(pg::query_failed("schema_migrations", rows.error()));
  }
  const auto column = [&rows](std::string_view name) {
    return static_cast<std::size_t>(std::find(rows->columns.begin(), rows->columns.end(), name) -
                                    rows->columns.begin());
  };
  const std::size_t version = column("version");
  const std::size_t dirty = column("dirty");
  if (version == rows->columns.size()) {
    return error("schema_migrations has no version column");
  }
  std::vector<std::string> applied;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    if (dirty < rows->columns.size() && rows->text(i, dirty) == "t") {
      return fail(
          fmt::format("schema_migrations is dirty at version {}: a migration failed "
                      "half-way",
                      rows->text(i, version)));
    }
    applied.push_back(strip_zeros(rows->text(i, version)));
  }
  if (files.empty()) {
    return skip(
        "no numbered migration files (NNN_name.up.sql, db/migrate/NNN_name.rb) to "
        "compare schema_migrations with");
  }
  std::vector<std::string> missing;
  const bool one_row = dirty < rows->columns.size();  // golang-migrate keeps the latest only
  for (const auto& file : files) {
    const bool done = one_row ? std::any_of(applied.begin(), applied.end(),
                                            [&](const auto& a) { return !version_less(a, file); })
                              : std::find(applied.begin(), applied.end(), file) != applied.end();
    if (!done) {
      missing.push_back(file);
    }
  }
  if (!missing.empty()) {
    std::sort(missing.begin(), missing.end(), version_less);
    return fail(fmt::format("{} of {} migrations not applied: {}", missing.size(), files.size(),
                            pg::listing(missing)));
  }
  return pass(fmt::format("all {} migrations are applied", files.size()));
}

}  // namespace shipcheck::checks
