#include "engines/postgres/catalog.h"

#include <algorithm>

#include <fmt/format.h>

namespace shipcheck::postgres {
namespace {

constexpr const char* k_user_schemas =
    "nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg_toast%' AND "
    "nspname NOT LIKE 'pg_temp_%'";

// Each branch yields one text column; names are qualified with quote_ident so that the lines
// read like SQL. Columns of tables only (views' columns follow from their definition).
std::string outline_sql() {
  const std::string user = k_user_schemas;
  return fmt::format(
      "SELECT line FROM ("
      // tables, partitioned tables, views, materialized views, sequences
      "SELECT CASE c.relkind WHEN 'r' THEN 'table ' WHEN 'p' THEN 'partitioned table ' "
      "WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' WHEN 'S' THEN 'sequence ' "
      "WHEN 'f' THEN 'foreign table ' END || quote_ident(n.nspname) || '.' || "
      "quote_ident(c.relname) || CASE WHEN c.relkind IN ('v', 'm') THEN ': ' || "
      "pg_get_viewdef(c.oid) ELSE '' END AS line "
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND {0} "
      "UNION ALL "
      "SELECT 'column ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname) || '.' || "
      "quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) || "
      "CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END || "
      "coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') "
      "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
      "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f') AND {0} "
      "UNION ALL "
      "SELECT 'constraint ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname) || ' ' || "
      "quote_ident(k.conname) || ': ' || pg_get_constraintdef(k.oid) "
      "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {0} "
      "UNION ALL "
      "SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM pg_index i "
      "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE {0} "
      "UNION ALL "
      "SELECT 'type ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) || ' enum (' || "
      "string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) || ')' "
      "FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid "
      "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE {0} GROUP BY n.nspname, t.typname "
      "UNION ALL "
      "SELECT 'function ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || "
      "pg_get_function_identity_arguments(p.oid) || ') md5 ' || md5(pg_get_functiondef(p.oid)) "
      "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
      "WHERE p.prokind IN ('f', 'p') AND {0} AND NOT EXISTS (SELECT 1 FROM pg_depend x "
      "WHERE x.objid = p.oid AND x.deptype = 'e') "
      "UNION ALL "
      "SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t "
      "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE NOT t.tgisinternal AND {0} "
      "UNION ALL "
      "SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'"
      ") lines ORDER BY line COLLATE \"C\"",
      user);
}

}  // namespace

tl::expected<std::vector<std::string>, Error> schema_outline(Session& session) {
  const auto rows = session.query(outline_sql());
  if (!rows) {
    return tl::make_unexpected(rows.error());
  }
  std::vector<std::string> lines;
  lines.reserve(rows->size());
  for (std::size_t r = 0; r < rows->size(); ++r) {
    lines.push_back(rows->text(r, 0));
  }
  return lines;
}

tl::expected<std::vector<TableCount>, Error> row_counts(Session& session) {
  const auto tables = session.query(fmt::format(
      "SELECT t, quote_literal(t) FROM (SELECT quote_ident(n.nspname) || '.' || "
      "quote_ident(c.relname) AS t FROM pg_class c "
      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND {}) tables "
      "ORDER BY t COLLATE \"C\"",
      k_user_schemas));
  if (!tables) {
    return tl::make_unexpected(tables.error());
  }
  std::vector<TableCount> counts;
  if (tables->empty()) {
    return counts;
  }
  // One statement; the server quoted each name (quote_ident, quote_literal), so splicing
  // them cannot change the statement.
  std::string sql;
  for (std::size_t r = 0; r < tables->size(); ++r) {
    sql += fmt::format("{}SELECT {}, count(*) FROM ONLY {}", r == 0 ? "" : " UNION ALL ",
                       tables->text(r, 1), tables->text(r, 0));
  }
  const auto rows = session.query(sql);
  if (!rows) {
    return tl::make_unexpected(rows.error());
  }
  for (std::size_t r = 0; r < rows->size(); ++r) {
    counts.push_back(TableCount{rows->text(r, 0), std::stoll(rows->text(r, 1))});
  }
  std::sort(counts.begin(), counts.end(),
            [](const TableCount& a, const TableCount& b) { return a.table < b.table; });
  return counts;
}

std::vector<std::string> outline_difference(const std::vector<std::string>& a,
                                            const std::vector<std::string>& b) {
  std::vector<std::string> only_a;
  std::vector<std::string> only_b;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only_a));
  std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(only_b));
  std::vector<std::string> out;
  for (const auto& line : only_a) {
    out.push_back("- " + line);
  }
  for (const auto& line : only_b) {
    out.push_back("+ " + line);
  }
  return out;
}

}  // namespace shipcheck::postgres
