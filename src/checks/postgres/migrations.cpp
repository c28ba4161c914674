// PG004: the seeds' "alembic upgrade head" / "alembic current", checked without running
// alembic: the database's alembic_version must be the single head of the revision graph read
// from the migration files. Django's django_migrations and a schema_migrations table
// (golang-migrate, Rails) are compared with their migration files the same way.
#include "checks/postgres/migrations.h"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/context.h"
#include "checks/postgres/migration_facts.h"
#include "config/config.h"

namespace shipcheck::checks {
namespace {

constexpr std::size_t k_listed = 5;  // names shown in a message; the evidence has them all

// "a, b, c, d, e and 3 more"
std::string listing(const std::vector<std::string>& names) {
  if (names.size() <= k_listed) {
    return fmt::format("{}", fmt::join(names, ", "));
  }
  return fmt::format("{} and {} more", fmt::join(names.begin(), names.begin() + k_listed, ", "),
                     names.size() - k_listed);
}

// true/false, or the query's error text.
tl::expected<bool, std::string> table_exists(const pg::Db& db, const std::string& table) {
  const auto rows = db.query("SELECT to_regclass($1) IS NOT NULL", {table});
  if (!rows) {
    return tl::make_unexpected(pg::query_failed("the catalog", rows.error()));
  }
  return rows->text(0, 0) == "t";
}

std::string which_tool(const Context& ctx, const PostgresConfig& config) {
  if (config.migrations != "auto") {
    return config.migrations;
  }
  if (pg::alembic_state(ctx.root)) {
    return "alembic";
  }
  if (!pg::django_migrations(ctx.root).empty()) {
    return "django";
  }
  return pg::numbered_migrations(ctx.root).empty() ? "" : "schema_migrations";
}

// Versions without leading zeros compare as numbers do: by length, then text.
bool version_less(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

std::string strip_zeros(std::string version) {
  version.erase(0, std::min(version.find_first_not_of('0'), version.size() - 1));
  return version;
}

}  // namespace

PgMigrationsAtHead::PgMigrationsAtHead()
    : PgRule(RuleInfo{"PG004", "postgres", "The database's migrations are at head", Severity::high,
                      "run the migrations (alembic upgrade head, manage.py migrate, migrate up) "
                      "before the new code serves traffic"}) {}

std::optional<std::string> PgMigrationsAtHead::not_applicable(const PostgresConfig& config) const {
  if (config.migrations == "none") {
    return "dependencies.postgres.migrations is none";
  }
  return std::nullopt;
}

std::vector<Result> PgMigrationsAtHead::check(const Context& ctx, const PostgresConfig& config,
                                              const pg::Db& db) const {
  const std::string tool = which_tool(ctx, config);
  if (tool == "alembic") {
    return {check_alembic(ctx, db)};
  }
  if (tool == "django") {
    return {check_django(ctx, db)};
  }
  if (tool == "schema_migrations") {
    return {check_numbered(ctx, db)};
  }
  return {
      skip("no migrations found (no alembic setup, Django migrations or numbered migration "
           "files)")};
}

Result PgMigrationsAtHead::check_alembic(const Context& ctx, const pg::Db& db) const {
  const auto state = pg::alembic_state(ctx.root);
  if (!state) {
    return skip("dependencies.postgres.migrations is alembic, but no alembic setup was found");
  }
  if (!state->problem.empty()) {
    return error(fmt::format("cannot tell the head: {}", state->problem));
  }
  if (state->heads.size() != 1) {
    return error(fmt::format("{} has {} heads ({}): there is no single head to compare with",
                             state->where, state->heads.size(), fmt::join(state->heads, ", ")));
  }
  const std::string& head = state->heads.front();
  const auto exists = table_exists(db, "alembic_version");
  if (!exists) {
    return error(exists.error());
  }
  if (!*exists) {
    return fail(
        fmt::format("the database has no alembic_version table: no migration ran here "
                    "(head is {})",
                    head));
  }
  const auto rows = db.query("SELECT version_num FROM alembic_version ORDER BY 1");
  if (!rows) {
    return error(pg::query_failed("alembic_version", rows.error()));
  }
  std::vector<std::string> current;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    current.push_back(rows->text(i, 0));
  }
  const std::string evidence =
      fmt::format("alembic_version: {}; head of {}: {}",
                  current.empty() ? "(empty)" : fmt::format("{}", fmt::join(current, ", ")),
                  state->where, head);
  if (current == std::vector<std::string>{head}) {
    return make(
        Status::pass,
        fmt::format("the database is at head {} ({} revisions)", head, state->revisions.size()),
        evidence);
  }
  if (current.size() != 1) {
    return make(
        Status::fail,
        fmt::format("alembic_version holds {} rows, not the single head {}", current.size(), head),
        evidence);
  }
  if (const auto steps = pg::steps_behind(*state, current.front(), head)) {
    return make(Status::fail,
                fmt::format("the database is at {}, {} migration{} behind head {}", current.front(),
                            *steps, *steps == 1 ? "" : "s", head),
                evidence);
  }
  return make(Status::fail,
              fmt::format("the database is at {}, which is not an ancestor of head {} (a newer "
                          "release's migration, or another branch)",
                          current.front(), head),
              evidence);
}

Result PgMigrationsAtHead::check_django(const Context& ctx, const pg::Db& db) const {
  const auto files = pg::django_migrations(ctx.root);
  const auto exists = table_exists(db, "django_migrations");
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
                            files.size(), listing(names)),
                fmt::format("not applied: {}", fmt::join(names, ", ")));
  }
  return pass(fmt::format("all {} Django migrations are applied", files.size()));
}

Result PgMigrationsAtHead::check_numbered(const Context& ctx, const pg::Db& db) const {
  const auto files = pg::numbered_migrations(ctx.root);
  const auto exists = table_exists(db, "schema_migrations");
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
                            listing(missing)));
  }
  return pass(fmt::format("all {} migrations are applied", files.size()));
}

}  // namespace shipcheck::checks
