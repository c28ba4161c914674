#include "checks/secrets/secret_findings.h"

#include <stdexcept>

#include "checks/context.h"
#include "checks/secrets/secret_rules.h"
#include "engines/git/repo.h"

namespace shipcheck::checks {
namespace {

namespace engine = ::shipcheck::secrets;

// The one scan all fifteen rules share in a run.
struct SharedScan {
  std::vector<Result> findings;
  engine::ScanStats stats;
};

SharedScan scan_once(const Context& ctx) {
  auto matcher = secrets::shared_matcher({});
  if (!matcher) {
    throw std::runtime_error(matcher.error());
  }
  engine::ScanOptions options;
  // History is where deleted secrets live on; outside git there is only the tree.
  auto repo = git::GitRepo::try_open(ctx.root);
  options.history = repo && repo->has_value();
  auto scanned = engine::scan_directory(**matcher, ctx.root, options);
  if (!scanned) {
    throw std::runtime_error(scanned.error());
  }
  return SharedScan{secrets::finding_results(scanned->findings), scanned->stats};
}

const RuleInfo& info_of(const std::string& rule_id) {
  const RuleInfo* info = secrets::secret_rule(rule_id);
  if (info == nullptr) {
    throw std::logic_error("no SEC rule " + rule_id);
  }
  return *info;
}

}  // namespace

SecretFindings::SecretFindings(const std::string& rule_id) : Check(info_of(rule_id)) {}

std::vector<Result> SecretFindings::run(const Context& ctx) const {
  const SharedScan& scan = ctx.memo.get<SharedScan>([&ctx] { return scan_once(ctx); });
  std::vector<Result> mine;
  for (const auto& r : scan.findings) {
    if (r.rule == info().id) {
      mine.push_back(r);
    }
  }
  if (mine.empty()) {
    mine.push_back(secrets::clean_result(info(), scan.stats));
  }
  return mine;
}

}  // namespace shipcheck::checks
