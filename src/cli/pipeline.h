// The `run` pipeline without the command line: config -> context -> selected checks ->
// runner -> fingerprints, overrides, suppressions, redaction -> Report. Testable as a unit.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "config/config.h"
#include "core/parse_error.h"
#include "core/redact.h"
#include "core/registry.h"
#include "core/report.h"
#include "core/runner.h"
#include "engines/dotenv/dotenv.h"
#include "report/checklist_view.h"

namespace shipcheck::cli {

// The families that talk to the deployed service: what `probe` runs and `run --static`
// leaves out.
inline const std::vector<std::string> k_live_families = {"HDR",  "TLS",  "EXP",  "HLTH",
                                                         "CORS", "AUTH", "RATE", "SMK"};
// The families that talk to the service's dependencies (databases, caches, DNS) and the
// drills on its database: `run --static` leaves them out too; `probe` does not run them (it
// has no config naming a dependency).
inline const std::vector<std::string> k_dependency_families = {"PG", "RDS", "DNS", "DRL"};
// The load test (`performance:`): `run --static` leaves it out; `probe` does not run it.
inline const std::vector<std::string> k_load_families = {"PERF"};

// Which of the selected checks a run executes: all of them (those that disturb the service,
// Check::runs_last, after the others), or one round only, so that a caller probing many
// targets can finish every target's ordinary checks before any of them is disturbed.
enum class Round { both, ordinary, disturbing };

struct RunRequest {
  std::filesystem::path dir = ".";
  std::optional<std::filesystem::path> config_file;  // --config
  std::optional<Config> given_config;                // used as is: no file is looked for
  std::vector<std::string> only;                     // rule ids or family codes
  std::vector<std::string> skip;
  unsigned jobs = 0;
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};
  std::optional<int> min_score;
  std::optional<std::filesystem::path> baseline;
  std::function<void(const RunProgress&)> on_progress;
  // Changes the resolved config before checks run (`scan containers` names its files).
  std::function<void(Config&)> adjust_config;
  bool load_env_file = true;  // false: the env file is neither read nor required to parse
  // The command ends after this run: keep the run's state (every parsed file) until the
  // process exits instead of freeing it piece by piece (see keep_until_exit()).
  bool process_ends_after = false;
  Round round = Round::both;
};

struct RunOutput {
  Report report;              // redacted
  bool abandoned = false;     // see RunOutcome::abandoned
  std::string config_source;  // "shipcheck.yaml" or "detected"
  std::filesystem::path project_root;
  // The checklist the config links, for the Markdown report (see cli/checklist_view.h).
  std::optional<report::ChecklistView> checklist;
  std::string store;  // config.store: the PostgreSQL history, or "" for the project's file
};

// The current time in UTC as RFC 3339 ("2026-11-21T22:40:00Z"), for reports.
std::string now_rfc3339();

// Finds and loads the config (--config, else shipcheck.yaml in dir or its parents, else
// what `init` would detect). Errors carry file:line:column.
tl::expected<Config, ParseError> resolve_config(const RunRequest& request);

// resolve_config for the commands that take a project DIR and --config FILE ("" = look for
// shipcheck.yaml in DIR or above).
tl::expected<Config, ParseError> resolve_config_in(const std::string& dir,
                                                   const std::string& config_file);

// Parses Config::env_file when it exists; nullopt when none is configured or present.
tl::expected<std::optional<dotenv::File>, ParseError> load_env_file(const Config& config);

// A redactor knowing every secret this run could print: ${VAR} values of the config,
// values of secret-named or high-entropy env-file variables, and url_env/token_env values.
Redactor make_redactor(const Config& config, const std::optional<dotenv::File>& env);

// Checks to run after --only/--skip and rules.disable. Unknown ids are errors.
tl::expected<std::vector<const Check*>, std::string> select_checks(const Registry& registry,
                                                                   const Config& config,
                                                                   const RunRequest& request);

// Whether `check` belongs to `round`.
bool in_round(const Check& check, Round round);

// The whole pipeline. `registry` must outlive the call (and the process, if abandoned).
tl::expected<RunOutput, ParseError> execute_run(const Registry& registry,
                                                const RunRequest& request);

// A run of the scan-like commands (`scan containers`, `probe`): every registered check the
// request selects, with the verdict made not ready when `failing` results fail at or above
// --fail-on (`fail_on_text` is the flag as given, for the report's decided_by).
struct GatedRun {
  Report report;
  int failing = 0;
};
tl::expected<GatedRun, ParseError> run_gated(const RunRequest& request, Severity fail_on,
                                             std::string_view fail_on_text);

// Every registered check, registered once per process and never freed (abandoned check
// threads may still use it): what run_gated selects from.
const Registry& full_registry();

}  // namespace shipcheck::cli
