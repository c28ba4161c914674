// `shipcheck probe` over many targets at once. Each target is a run of its own (its own
// Config and Context, so the memo of shared responses and TLS inspection never crosses
// targets); at most `parallel` targets are in flight. The checks that disturb a service
// (RATE001's burst) wait until every target's other checks are done, and bursts at one host
// go one after another, so that no target is judged while another is being rate limited.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "cli/pipeline.h"

namespace shipcheck::cli {

struct ProbePlan {
  std::vector<RunRequest> requests;  // one per target, in the order given; given_config set
  unsigned parallel = 1;             // targets in flight at once
  std::string service;               // the report's service: the URL, or "N targets"
};

// One report for every target: results in the order of the targets, each target's as a
// single run would give them; score, verdict and the --fail-on gate over all of them.
tl::expected<GatedRun, ParseError> run_probes(const ProbePlan& plan, Severity fail_on,
                                              std::string_view fail_on_text);

}  // namespace shipcheck::cli
