// `shipcheck probe URL [URL ...]` and `--targets FILE`: the live checks against deployed
// services, with no config file, the way testssl.sh or the Mozilla HTTP Observatory are
// pointed at a host; many targets concurrently (--jobs), one report. Exit 0 when no result
// fails at or above --fail-on, 1 otherwise, 2 on bad usage.
#include <filesystem>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/pipeline.h"
#include "cli/probe_run.h"
#include "cli/targets.h"

namespace shipcheck::cli {
namespace {

namespace fs = std::filesystem;

// Targets in flight at once. Each target's checks already overlap their requests (libcurl
// multi, up to 16 per batch), but a target's TLS inspection and its checks' batches go one
// after another, so over the network most of a target's time is waiting for round trips:
// many targets at once hide that. Against local nginx on 2 cores, throughput stops growing
// from 4 to 8 on (bench/probe_many.sh); more only adds load on the probed hosts.
constexpr unsigned k_default_jobs = 8;

struct ProbeFlags {
  std::vector<std::string> urls;
  std::string targets_file;
  unsigned jobs = k_default_jobs;
  std::string http_url;
  std::string ca_file;
  std::vector<std::string> resolve;
  std::string health;
  std::string readiness;
  std::string liveness;
  std::vector<std::string> docs;
  std::vector<std::string> formats;
  std::vector<std::string> outputs;
  std::vector<std::string> only;
  std::vector<std::string> skip;
  std::string fail_on = "low";
  bool no_color = false;
  bool quiet = false;
  bool verbose = false;
};

void add_flags(CLI::App& app, ProbeFlags& f) {
  app.add_option("url", f.urls, "the services' addresses, https://host[:port][/path]");
  app.add_option("--targets", f.targets_file,
                 "a file of URLs to probe, one a line (# comments and blank lines ignored)");
  app.add_option("--jobs", f.jobs,
                 fmt::format("targets probed at once (default {})", k_default_jobs))
      ->check(CLI::Range(1U, 256U));
  app.add_option("--http-url", f.http_url,
                 "plain-HTTP address that must redirect (default: the URL's host on port 80); "
                 "one target only");
  app.add_option("--cacert", f.ca_file, "extra trust anchor (PEM), e.g. a private CA");
  app.add_option("--resolve", f.resolve, "HOST:PORT:ADDR, like curl --resolve (repeatable)");
  app.add_option("--health", f.health, "health endpoint path (/health): HLTH001");
  app.add_option("--readiness", f.readiness, "readiness endpoint path (/readyz): HLTH002");
  app.add_option("--liveness", f.liveness, "liveness endpoint path (/livez): HLTH003");
  app.add_option("--docs", f.docs, "documentation paths EXP001 looks for (default: the usual ones)")
      ->delimiter(',');
  add_output_flags(app, f.formats, f.outputs, f.no_color, f.quiet, f.verbose);
  app.add_option("--only", f.only, "run only these rules or families (HDR001, HDR)")
      ->delimiter(',');
  app.add_option("--skip", f.skip, "skip these rules or families")->delimiter(',');
  app.add_option("--fail-on", f.fail_on,
                 "lowest severity that fails the probe: critical, high, medium, low (default)");
}

std::optional<std::string> invalid_resolve(const std::vector<std::string>& entries) {
  for (const auto& entry : entries) {
    const std::size_t first = entry.find(':');
    const std::size_t second = first == std::string::npos ? first : entry.find(':', first + 1);
    if (first == 0 || second == std::string::npos || second == entry.size() - 1) {
      return fmt::format("--resolve '{}' is not HOST:PORT:ADDR", entry);
    }
  }
  return std::nullopt;
}

Config probe_config(const ProbeFlags& f, const std::string& url) {
  Config config;
  std::error_code ec;
  config.root = fs::current_path(ec);
  config.url = url;
  config.http_url = f.http_url;
  config.service = url;
  if (!f.ca_file.empty()) {
    config.tls.ca_file = fs::absolute(f.ca_file, ec).string();
  }
  config.tls.resolve = f.resolve;
  config.endpoints.health = f.health;
  config.endpoints.readiness = f.readiness;
  config.endpoints.liveness = f.liveness;
  config.endpoints.docs = f.docs;
  return config;
}

// The targets in order, the command line's and then the file's, each URL checked; a URL
// given twice is probed once.
tl::expected<std::vector<std::string>, std::string> gather_targets(const ProbeFlags& f) {
  std::vector<std::string> urls = f.urls;
  for (const auto& url : urls) {
    if (auto problem = invalid_url(url)) {
      return tl::make_unexpected(*problem);
    }
  }
  if (!f.targets_file.empty()) {
    auto listed = read_targets(f.targets_file);
    if (!listed) {
      return tl::make_unexpected(listed.error());
    }
    urls.insert(urls.end(), listed->begin(), listed->end());
  }
  if (urls.empty()) {
    return tl::make_unexpected(f.targets_file.empty()
                                   ? std::string("give a URL to probe, or --targets FILE")
                                   : fmt::format("--targets {}: lists no URL", f.targets_file));
  }
  urls = without_repeats(urls);
  if (!f.http_url.empty() && urls.size() > 1) {
    return tl::make_unexpected(
        fmt::format("--http-url is the plain-HTTP address of one service; it cannot be used "
                    "with {} targets (each target's default is its host on port 80)",
                    urls.size()));
  }
  return urls;
}

// What the flags get wrong, whatever the targets.
std::optional<std::string> invalid_flags(const ProbeFlags& f) {
  if (auto problem = invalid_resolve(f.resolve)) {
    return problem;
  }
  if (!f.http_url.empty()) {
    if (auto problem = invalid_url(f.http_url)) {
      return "--http-url " + *problem;
    }
  }
  if (!f.ca_file.empty() && !fs::is_regular_file(f.ca_file)) {
    return fmt::format("--cacert {}: no such file", f.ca_file);
  }
  if (!parse_severity(f.fail_on)) {
    return fmt::format("--fail-on '{}' is not a severity (critical, high, medium, low)", f.fail_on);
  }
  return std::nullopt;
}

ProbePlan probe_plan(const ProbeFlags& f, const std::vector<std::string>& urls) {
  ProbePlan plan;
  plan.parallel = f.jobs;
  plan.service = urls.size() == 1 ? urls.front() : fmt::format("{} targets", urls.size());
  for (const auto& url : urls) {
    RunRequest request;
    request.given_config = probe_config(f, url);
    request.only = f.only.empty() ? k_probe_families : f.only;
    request.skip = f.skip;
    request.load_env_file = false;
    plan.requests.push_back(std::move(request));
  }
  return plan;
}

}  // namespace

int probe_command(const Args& args) {
  CLI::App app{"shipcheck probe: the live HTTP checks against URLs, no config needed",
               "shipcheck probe"};
  ProbeFlags f;
  add_flags(app, f);
  if (auto code = parse_args(app, args)) {
    return *code;
  }
  auto sinks = open_sinks(f.formats, f.outputs);
  auto urls = gather_targets(f);
  std::optional<std::string> problem = urls ? invalid_flags(f) : urls.error();
  if (!problem && !sinks) {
    problem = sinks.error();
  }
  if (problem) {
    fmt::print(stderr, "shipcheck probe: {}\n", *problem);
    return k_exit_usage;
  }
  auto run = run_probes(probe_plan(f, *urls), *parse_severity(f.fail_on), f.fail_on);
  if (!run) {
    fmt::print(stderr, "shipcheck probe: {}\n", run.error().to_string());
    return k_exit_usage;
  }
  if (!write_reports(*sinks, run->report, report_options(f.no_color, f.quiet, f.verbose))) {
    return k_exit_usage;
  }
  return run->failing > 0 ? k_exit_findings : k_exit_ok;
}

}  // namespace shipcheck::cli
