// PG007: the seeds' "Indexes created on foreign key columns": every foreign key's columns
// lead some complete (non-partial) index of its table, in any order. Without one, a DELETE
// or key UPDATE on the referenced table scans the referencing table, once per row, under lock.
#include "checks/postgres/fk_indexes.h"

#include <fmt/format.h>

namespace shipcheck::checks {
namespace {

constexpr std::string_view k_user_keys =
    "FROM pg_constraint c JOIN pg_namespace ns ON ns.oid = c.connamespace "
    "WHERE c.contype = 'f' AND ns.nspname NOT IN ('pg_catalog', 'information_schema') "
    "AND ns.nspname NOT LIKE 'pg\\_%'";

// An index "covers" a key when its leading columns are exactly the key's columns: the slice of
// indkey (an int2vector, indexed from 0) as long as the key contains every key column.
constexpr std::string_view k_unindexed =
    " AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid "
    "AND i.indpred IS NULL "
    "AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey)";

}  // namespace

PgForeignKeysIndexed::PgForeignKeysIndexed()
    : PgRule(RuleInfo{"PG007", "postgres", "Every foreign key's columns have an index",
                      Severity::medium,
                      "create an index on the foreign key's columns (CREATE INDEX CONCURRENTLY, "
                      "in a migration)"}) {}

std::vector<Result> PgForeignKeysIndexed::check(const Context& /*ctx*/,
                                                const PostgresConfig& /*config*/,
                                                const pg::Db& db) const {
  const auto total = db.query(fmt::format("SELECT count(*) {}", k_user_keys));
  const auto rows = db.query(fmt::format(
      "SELECT c.conrelid::regclass::text, c.conname, (SELECT string_agg(quote_ident(a.attname), "
      "', ' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n) "
      "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) {}{} ORDER BY 1, 2",
      k_user_keys, k_unindexed));
  if (!total || !rows) {
    return {error(pg::query_failed("pg_constraint", total ? rows.error() : total.error()))};
  }
  const std::string count = total->text(0, 0);
  if (rows->empty()) {
    return {pass(count == "0"
                     ? "the database has no foreign keys"
                     : fmt::format("all {} foreign keys have an index on their columns", count))};
  }
  std::vector<Result> out;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const std::string table = rows->text(i, 0);
    const std::string columns = rows->text(i, 2);
    Result r = fail(
        fmt::format("foreign key {} on {} ({}) has no index", rows->text(i, 1), table, columns),
        fmt::format("{} of {} foreign keys have no index", rows->size(), count));
    r.remediation =
        fmt::format("CREATE INDEX CONCURRENTLY ON {} ({}); in a migration", table, columns);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace shipcheck::checks
