// DRL001: a fresh backup of the database restores, complete, into a scratch database.
// Rule page: docs/rules/DRL001.md
#pragma once

#include <functional>
#include <string>

#include "checks/drills/drill_facts.h"

namespace shipcheck::checks {

class BackupRestoreDrill final : public drill::DrillRule {
 public:
  BackupRestoreDrill();
  // Called with the scratch database's URL after the restore, before the comparison: how a
  // test damages the restored copy to see the drill catch it. Not for production use.
  using AfterRestore = std::function<void(const std::string& scratch_url)>;
  explicit BackupRestoreDrill(AfterRestore after_restore);

 protected:
  std::optional<std::string> not_applicable(const Context& ctx) const override;
  std::vector<Result> drill(const Context& ctx, const drill::Setup& setup) const override;

 private:
  AfterRestore m_after_restore;
};

}  // namespace shipcheck::checks
