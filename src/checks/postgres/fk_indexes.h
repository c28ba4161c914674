// PG007: every foreign key's columns have an index.
// Rule page: docs/rules/PG007.md
#pragma once

#include "checks/postgres/pg_facts.h"

namespace shipcheck::checks {

class PgForeignKeysIndexed final : public pg::PgRule {
 public:
  PgForeignKeysIndexed();

 protected:
  std::vector<Result> check(const Context& ctx, const PostgresConfig& config,
                            const pg::Db& db) const override;
};

}  // namespace shipcheck::checks
