// The SEC family: one rule per kind of credential (the detectors in rules/secrets.yaml
// each report under one), and the translation of scan findings into Results, shared by
// `shipcheck run` and `shipcheck scan secrets`.
#pragma once

#include <string>
#include <vector>

#include "core/check.h"
#include "core/result.h"
#include "engines/secrets/scan.h"

namespace shipcheck::checks::secrets {

// SEC001 ... SEC015, in id order.
const std::vector<RuleInfo>& secret_rules();
const RuleInfo* secret_rule(const std::string& id);

// One `fail` result per finding, in the findings' order: location with line, column and
// (history) commit; evidence redacted to a prefix and the length; a fingerprint of rule,
// path, detector and secret that survives line moves.
std::vector<Result> finding_results(const std::vector<::shipcheck::secrets::SourceFinding>& found);

// A `pass` result for `rule` saying what was scanned.
Result clean_result(const RuleInfo& rule, const ::shipcheck::secrets::ScanStats& stats);

// The matcher of the built-in detectors plus `extra_rule_files`, compiled once per process
// per set of files (the Vectorscan database is cached on disk, see cache_dir()).
tl::expected<const ::shipcheck::secrets::Matcher*, std::string> shared_matcher(
    const std::vector<std::string>& extra_rule_files);

// $SHIPCHECK_CACHE_DIR, else $XDG_CACHE_HOME/shipcheck, else ~/.cache/shipcheck; empty
// (no cache) when none can be determined.
std::string cache_dir();

}  // namespace shipcheck::checks::secrets
