// PG010: PostgreSQL backups or WAL archiving are recent.
// Rule page: docs/rules/PG010.md
#pragma once

#include <chrono>
#include <filesystem>

#include "checks/postgres/pg_facts.h"

namespace shipcheck::checks {

class PgBackupsRecent final : public pg::PgRule {
 public:
  PgBackupsRecent();

 protected:
  std::vector<Result> check(const Context& ctx, const PostgresConfig& config,
                            const pg::Db& db) const override;

 private:
  Result check_dir(const std::filesystem::path& dir, const std::string& shown,
                   std::chrono::milliseconds bound) const;
};

}  // namespace shipcheck::checks
