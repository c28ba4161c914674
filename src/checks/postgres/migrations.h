// PG004: the database's migrations are at head.
// Rule page: docs/rules/PG004.md
#pragma once

#include "checks/postgres/pg_facts.h"

namespace shipcheck::checks {

class PgMigrationsAtHead final : public pg::PgRule {
 public:
  PgMigrationsAtHead();

 protected:
  std::optional<std::string> not_applicable(const PostgresConfig& config) const override;
  std::vector<Result> check(const Context& ctx, const PostgresConfig& config,
                            const pg::Db& db) const override;

 private:
  Result check_alembic(const Context& ctx, const pg::Db& db) const;
  Result check_django(const Context& ctx, const pg::Db& db) const;
  Result check_numbered(const Context& ctx, const pg::Db& db) const;
};

}  // namespace shipcheck::checks
