// PG008: no transaction has been open longer than the bound.
// Rule page: docs/rules/PG008.md
#pragma once

#include "checks/postgres/pg_facts.h"

namespace shipcheck::checks {

class PgNoLongTransactions final : public pg::PgRule {
 public:
  PgNoLongTransactions();

 protected:
  std::vector<Result> check(const Context& ctx, const PostgresConfig& config,
                            const pg::Db& db) const override;
};

}  // namespace shipcheck::checks
