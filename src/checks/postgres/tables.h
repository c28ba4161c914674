// PG003: the expected tables exist.
// Rule page: docs/rules/PG003.md
#pragma once

#include "checks/postgres/pg_facts.h"

namespace shipcheck::checks {

class PgTablesExist final : public pg::PgRule {
 public:
  PgTablesExist();

 protected:
  std::vector<Result> check(const Context& ctx, const PostgresConfig& config,
                            const pg::Db& db) const override;
};

}  // namespace shipcheck::checks
