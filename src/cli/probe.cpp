// `shipcheck probe URL`: the live checks against one deployed service, with no config file,
// the way testssl.sh or the Mozilla HTTP Observatory are pointed at a host. Exit 0 when no
// result fails at or above --fail-on, 1 otherwise, 2 on bad usage.
#include <filesystem>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/pipeline.h"

namespace shipcheck::cli {
namespace {

namespace fs = std::filesystem;

struct ProbeFlags {
  std::string url;
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
  app.add_option("url", f.url, "the service's address, https://host[:port][/path]")->required();
  app.add_option("--http-url", f.http_url,
                 "plain-HTTP address that must redirect (default: the URL's host on port 80)");
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

std::optional<std::string> invalid_url(const std::string& url) {
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) {
    return fmt::format("'{}' is not an http:// or https:// URL", url);
  }
  if (url.find_first_of(" \t\r\n") != std::string::npos) {
    return fmt::format("the URL contains white space");
  }
  return std::nullopt;
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

Config probe_config(const ProbeFlags& f) {
  Config config;
  std::error_code ec;
  config.root = fs::current_path(ec);
  config.url = f.url;
  config.http_url = f.http_url;
  config.service = f.url;
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

}  // namespace

int probe_command(const Args& args) {
  CLI::App app{"shipcheck probe: the live HTTP checks against one URL, no config needed",
               "shipcheck probe"};
  ProbeFlags f;
  add_flags(app, f);
  if (auto code = parse_args(app, args)) {
    return *code;
  }
  const auto fail_on = parse_severity(f.fail_on);
  auto sinks = open_sinks(f.formats, f.outputs);
  std::optional<std::string> problem = invalid_url(f.url);
  if (!problem) {
    problem = invalid_resolve(f.resolve);
  }
  if (!problem && !f.ca_file.empty() && !fs::is_regular_file(f.ca_file)) {
    problem = fmt::format("--cacert {}: no such file", f.ca_file);
  }
  if (!problem && !fail_on) {
    problem =
        fmt::format("--fail-on '{}' is not a severity (critical, high, medium, low)", f.fail_on);
  }
  if (!problem && !sinks) {
    problem = sinks.error();
  }
  if (problem) {
    fmt::print(stderr, "shipcheck probe: {}\n", *problem);
    return k_exit_usage;
  }
  RunRequest request;
  request.given_config = probe_config(f);
  request.only = f.only.empty() ? k_live_families : f.only;
  request.skip = f.skip;
  request.load_env_file = false;
  auto run = run_gated(request, *fail_on, f.fail_on);
  if (!run) {
    fmt::print(stderr, "shipcheck probe: {}\n", run.error().to_string());
    return k_exit_usage;
  }
  Report& report = run->report;
  const int failing = run->failing;
  if (!write_reports(*sinks, report, report_options(f.no_color, f.quiet, f.verbose))) {
    return k_exit_usage;
  }
  return failing > 0 ? k_exit_findings : k_exit_ok;
}

}  // namespace shipcheck::cli
