// PG003: the seeds' "Verify Tables - Confirm tables exist": each table of
// dependencies.postgres.tables, or else each table the alembic upgrades create, is a table
// (or view) the session can see. Names resolve as the application's would: through its
// search_path, or schema-qualified.
#include "checks/postgres/tables.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/context.h"
#include "checks/postgres/migration_facts.h"
#include "config/config.h"

namespace shipcheck::checks {
namespace {

// The expected tables and where the list came from; empty when there is none.
std::pair<std::vector<std::string>, std::string> expected_tables(const Context& ctx,
                                                                 const PostgresConfig& config) {
  if (!config.tables.empty()) {
    return {config.tables, "dependencies.postgres.tables"};
  }
  const auto alembic = pg::alembic_state(ctx.root);
  if (!alembic || !alembic->problem.empty()) {
    return {};
  }
  return {pg::alembic_tables(ctx.root, *alembic), "the alembic migrations in " + alembic->where};
}

}  // namespace

PgTablesExist::PgTablesExist()
    : PgRule(RuleInfo{"PG003", "postgres", "The expected PostgreSQL tables exist", Severity::high,
                      "run the migrations against this database (alembic upgrade head), or "
                      "correct dependencies.postgres.tables"}) {}

std::vector<Result> PgTablesExist::check(const Context& ctx, const PostgresConfig& config,
                                         const pg::Db& db) const {
  const auto [tables, source] = expected_tables(ctx, config);
  if (tables.empty()) {
    return {
        skip("no expected tables: list them in dependencies.postgres.tables (no alembic "
             "migration creates any)")};
  }
  // to_regclass is NULL for a missing name and never raises on a malformed one.
  const auto rows = db.query(
      "SELECT t.name FROM unnest($1::text[]) WITH ORDINALITY AS t(name, n) "
      "LEFT JOIN pg_class c ON c.oid = to_regclass(t.name) AND c.relkind IN ('r','p','v','m','f') "
      "WHERE c.oid IS NULL ORDER BY t.n",
      {pg::text_array(tables)});
  if (!rows) {
    return {error(pg::query_failed("the catalog", rows.error()))};
  }
  const std::string evidence =
      fmt::format("expected (from {}): {}", source, fmt::join(tables, ", "));
  if (!rows->empty()) {
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < rows->size(); ++i) {
      missing.push_back(rows->text(i, 0));
    }
    return {
        fail(fmt::format("{} of {} expected tables {} missing: {}", missing.size(), tables.size(),
                         missing.size() == 1 ? "is" : "are", fmt::join(missing, ", ")),
             evidence)};
  }
  return {pass(fmt::format("all {} expected tables exist", tables.size()), evidence)};
}

}  // namespace shipcheck::checks
