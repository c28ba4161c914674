// PG006: the configured replicas stream from the primary with little lag.
// Rule page: docs/rules/PG006.md
#pragma once

#include "checks/postgres/pg_facts.h"

namespace shipcheck::checks {

class PgReplicasStreaming final : public pg::PgRule {
 public:
  PgReplicasStreaming();

 protected:
  std::optional<std::string> not_applicable(const PostgresConfig& config) const override;
  std::vector<Result> check(const Context& ctx, const PostgresConfig& config,
                            const pg::Db& db) const override;
};

}  // namespace shipcheck::checks
