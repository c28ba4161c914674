// PG004: the seeds' "alembic upgrade head" / "alembic current", checked without running
// alembic: the database's alembic_version must be the single head of the revision graph read
// from the migration files. (Django and schema_migrations: migrations_other.cpp.)
#include "checks/postgres/migrations.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/context.h"
#include "checks/postgres/migration_facts.h"
#include "config/config.h"

namespace shipcheck::checks {
namespace {

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
  const auto exists = pg::table_exists(db, "alembic_version");
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

}  // namespace shipcheck::checks
