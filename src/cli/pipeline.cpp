// The `run` pipeline.
#include "cli/pipeline.h"

#include <cctype>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <mutex>
#include <vector>

#include <fmt/format.h>

#include "checks/context.h"
#include "cli/checklist_view.h"
#include "cli/manual_items.h"
#include "cli/options.h"
#include "config/detect.h"
#include "config/loader.h"
#include "core/fingerprint.h"
#include "core/score.h"
#include "core/suppress.h"
#include "core/text.h"

namespace shipcheck::cli {
std::string now_rfc3339() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

namespace {

// A family code (ENV, K8S) or name (kubernetes): letters and digits, first and last a
// letter, so that a rule id (ENV004, K8S004) is not one.
bool is_family_code(std::string_view token) {
  const auto alpha = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  return !token.empty() && alpha(token.front()) && alpha(token.back()) &&
         std::all_of(token.begin(), token.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

bool token_selects(std::string_view token, const RuleInfo& info) {
  if (is_family_code(token)) {
    return iequals(info.id.substr(0, std::min(info.id.size(), token.size())), token) ||
           iequals(info.family, token);
  }
  return iequals(info.id, token);
}

bool any_selects(const std::vector<std::string>& tokens, const RuleInfo& info) {
  return std::any_of(tokens.begin(), tokens.end(),
                     [&](const auto& t) { return token_selects(t, info); });
}

std::optional<std::string> unknown_token(const Registry& registry,
                                         const std::vector<std::string>& tokens) {
  for (const auto& token : tokens) {
    const bool known = std::any_of(registry.checks().begin(), registry.checks().end(),
                                   [&](const auto& c) { return token_selects(token, c->info()); });
    if (!known) {
      const auto near = registry.suggest(token);
      return fmt::format("unknown rule or family '{}'{}", token,
                         near.empty() ? "" : fmt::format(" (did you mean {}?)", near.front()));
    }
  }
  return std::nullopt;
}

void apply_severity_overrides(std::vector<Result>& results, const Config& config) {
  for (auto& r : results) {
    if (auto it = config.rules.severity.find(r.rule); it != config.rules.severity.end()) {
      r.severity = it->second;
    }
  }
}

}  // namespace

tl::expected<Config, ParseError> resolve_config(const RunRequest& request) {
  if (request.given_config) {
    return *request.given_config;
  }
  if (request.config_file) {
    return config::load_config(*request.config_file, config::process_env);
  }
  if (auto found = config::find_config(request.dir)) {
    return config::load_config(*found, config::process_env);
  }
  std::error_code ec;
  const auto root = std::filesystem::weakly_canonical(std::filesystem::absolute(request.dir), ec);
  if (!std::filesystem::is_directory(root)) {
    return tl::make_unexpected(
        ParseError{request.dir.string(), 0, 0, "not a directory", "give the project's root"});
  }
  return config::config_from_detection(config::detect_stack(root), root);
}

tl::expected<Config, ParseError> resolve_config_in(const std::string& dir,
                                                   const std::string& config_file) {
  RunRequest request;
  request.dir = dir;
  if (!config_file.empty()) {
    request.config_file = config_file;
  }
  return resolve_config(request);
}

tl::expected<std::optional<dotenv::File>, ParseError> load_env_file(const Config& config) {
  if (config.env_file.empty()) {
    return std::nullopt;
  }
  const auto path = config.root / config.env_file;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return std::nullopt;
  }
  auto parsed = dotenv::parse_file(path.string(), config::process_env);
  if (!parsed) {
    ParseError error = parsed.error();
    error.file = config.env_file;
    return tl::make_unexpected(error);
  }
  return std::optional<dotenv::File>(std::move(*parsed));
}

Redactor make_redactor(const Config& config, const std::optional<dotenv::File>& env) {
  Redactor redactor;
  for (const auto& value : config.sensitive_values) {
    redactor.add(value);
  }
  if (env) {
    for (const auto& entry : env->entries) {
      if (is_secret_name(entry.key) || looks_random(entry.value)) {
        redactor.add(entry.value);
      }
    }
  }
  std::vector<std::string> names{config.auth.token_env};
  if (config.dependencies.postgres) {
    names.push_back(config.dependencies.postgres->url_env);
  }
  if (config.dependencies.redis) {
    names.push_back(config.dependencies.redis->url_env);
  }
  for (const auto& name : names) {
    if (auto value = name.empty() ? std::nullopt : config::process_env(name)) {
      redactor.add(*value);
    }
  }
  return redactor;
}

tl::expected<std::vector<const Check*>, std::string> select_checks(const Registry& registry,
                                                                   const Config& config,
                                                                   const RunRequest& request) {
  for (const auto* tokens : {&request.only, &request.skip}) {
    if (auto error = unknown_token(registry, *tokens)) {
      return tl::make_unexpected(*error);
    }
  }
  std::vector<const Check*> selected;
  for (const auto& check : registry.checks()) {
    const RuleInfo& info = check->info();
    if ((!request.only.empty() && !any_selects(request.only, info)) ||
        any_selects(request.skip, info) || any_selects(config.rules.disable, info)) {
      continue;
    }
    selected.push_back(check.get());
  }
  // Results come out in rule-id order, whatever the registration order.
  std::sort(selected.begin(), selected.end(),
            [](const Check* a, const Check* b) { return a->info().id < b->info().id; });
  return selected;
}

namespace {

// Freeing the parsed files of a large run one allocation at a time took about 8% of
// `scan containers` on 10,000 files, just before the process exits anyway (clang's
// -disable-free does the same). Held from a global, so LeakSanitizer sees it as reachable.
template <typename T>
void keep_until_exit(std::unique_ptr<T> state) {
  static auto* const kept = new std::vector<std::shared_ptr<const void>>();
  kept->push_back(std::shared_ptr<const void>(std::move(state)));
}

}  // namespace

namespace {

// The checks that disturb the service (Check::runs_last) run after all the others.
RunOutcome run_in_two_rounds(const std::vector<const Check*>& checks, const Context& ctx,
                             const RunOptions& options) {
  std::vector<const Check*> first;
  std::vector<const Check*> last;
  for (const Check* check : checks) {
    (check->runs_last() ? last : first).push_back(check);
  }
  RunOutcome outcome = run_checks(first, ctx, options);
  if (last.empty()) {
    return outcome;
  }
  RunOutcome after = run_checks(last, ctx, options);
  outcome.results.insert(outcome.results.end(), std::make_move_iterator(after.results.begin()),
                         std::make_move_iterator(after.results.end()));
  outcome.abandoned = outcome.abandoned || after.abandoned;
  return outcome;
}

}  // namespace

bool in_round(const Check& check, Round round) {
  return round == Round::both || (round == Round::disturbing) == check.runs_last();
}

tl::expected<RunOutput, ParseError> execute_run(const Registry& registry,
                                                const RunRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  RunOutput output;
  output.report.started_at = now_rfc3339();
  auto config = resolve_config(request);
  if (!config) {
    return tl::make_unexpected(config.error());
  }
  output.config_source = config->file.empty() ? "detected" : config->file.string();
  if (request.adjust_config) {
    request.adjust_config(*config);
  }
  auto env = request.load_env_file
                 ? load_env_file(*config)
                 : tl::expected<std::optional<dotenv::File>, ParseError>(std::nullopt);
  if (!env) {
    return tl::make_unexpected(env.error());
  }
  auto selected = select_checks(registry, *config, request);
  if (!selected) {
    return tl::make_unexpected(ParseError{"command line", 0, 0, selected.error(), ""});
  }
  std::erase_if(*selected, [&](const Check* c) { return !in_round(*c, request.round); });
  std::set<std::string> baseline;
  if (request.baseline) {
    auto read = read_baseline(*request.baseline);
    if (!read) {
      return tl::make_unexpected(ParseError{request.baseline->string(), 0, 0, read.error(), ""});
    }
    baseline = std::move(*read);
  }
  const Redactor redactor = make_redactor(*config, *env);
  // Heap-allocated: leaked on purpose if a timed-out check still runs (see RunOutcome).
  auto owned_config = std::make_unique<Config>(std::move(*config));
  auto ctx = std::unique_ptr<Context>(
      new Context{*owned_config, owned_config->root, std::move(*env), owned_config->env_file, {}});
  RunOutcome outcome =
      run_in_two_rounds(*selected, *ctx, {request.jobs, request.timeout, request.on_progress});

  Report& report = output.report;
  report.service = owned_config->service.empty() ? owned_config->root.filename().string()
                                                 : owned_config->service;
  report.min_score = request.min_score.value_or(owned_config->min_score);
  report.results = std::move(outcome.results);
  apply_severity_overrides(report.results, *owned_config);
  for (auto& r : report.results) {
    ensure_fingerprint(r);
  }
  const std::string config_name =
      owned_config->file.empty() ? "shipcheck.yaml" : owned_config->file.filename().string();
  report.notices = apply_suppressions(
      report.results, SuppressionInput{owned_config->root, &owned_config->suppress, config_name,
                                       today_utc(), std::move(baseline)});
  report.manual = manual_records(*owned_config, report.notices);
  decide_verdict(report);
  output.checklist = checklist_view(*owned_config, report.notices);
  redactor.scrub(report);
  if (output.checklist) {
    for (auto& item : output.checklist->items) {
      item.text = redactor.scrub(item.text);  // a checklist may quote a real key
    }
  }
  report.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  output.abandoned = outcome.abandoned;
  output.project_root = owned_config->root;
  output.store = owned_config->store;
  if (outcome.abandoned) {
    (void)ctx.release();
    (void)owned_config.release();
  } else if (request.process_ends_after) {
    keep_until_exit(std::move(ctx));
    keep_until_exit(std::move(owned_config));
  }
  return output;
}

const Registry& full_registry() {
  static Registry registry;  // static: must outlive abandoned check threads
  static std::once_flag filled;
  std::call_once(filled, [] { register_all(registry); });
  return registry;
}

tl::expected<GatedRun, ParseError> run_gated(const RunRequest& request, Severity fail_on,
                                             std::string_view fail_on_text) {
  auto output = execute_run(full_registry(), request);
  if (!output) {
    return tl::make_unexpected(std::move(output.error()));
  }
  GatedRun run{std::move(output->report), 0};
  run.failing = apply_fail_on(run.report, fail_on, fail_on_text);
  return run;
}

}  // namespace shipcheck::cli
