// `shipcheck scan containers [DIR | FILE...]`: the DKR, CMP and K8S rules on their own, the
// way hadolint, kube-score or kube-linter run in CI: one directory (its Dockerfiles, compose
// files and Kubernetes manifests, found as `run` finds them) or the files named.
#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "checks/infra_files.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/pipeline.h"
#include "core/score.h"
#include "core/suppress.h"

namespace shipcheck::cli {
namespace {

namespace fs = std::filesystem;

// The rules of this command; DKR001, CMP001 and K8S001 are the "file parses" rules.
const std::vector<std::string> k_families = {"DKR", "CMP", "K8S"};
const std::set<std::string> k_parse_rules = {"DKR001", "CMP001", "K8S001"};

struct ContainerFlags {
  std::vector<std::string> paths;
  std::vector<std::string> formats;
  std::vector<std::string> outputs;
  std::vector<std::string> only;
  std::vector<std::string> skip;
  std::string fail_on = "low";
  std::string baseline;
  std::string write_baseline;
  unsigned jobs = 0;
  bool no_color = false;
  bool quiet = false;
  bool verbose = false;
};

void add_flags(CLI::App& app, ContainerFlags& f) {
  app.add_option("paths", f.paths,
                 "a directory (default .) or Dockerfiles, compose files and manifests");
  add_output_flags(app, f.formats, f.outputs, f.no_color, f.quiet, f.verbose);
  app.add_option("--only", f.only, "run only these rules or families (DKR004, K8S)")
      ->delimiter(',');
  app.add_option("--skip", f.skip, "skip these rules or families")->delimiter(',');
  app.add_option("--fail-on", f.fail_on,
                 "lowest severity that fails the scan: critical, high, medium, low (default)");
  app.add_option("--baseline", f.baseline, "report only findings not in this baseline file");
  app.add_option("--write-baseline", f.write_baseline,
                 "write the current findings' fingerprints to this file");
  app.add_option("--jobs,-j", f.jobs, "checks run in parallel (default: cores)");
}

// A file named on the command line, relative to the project root when it is inside it.
std::string shown_path(const fs::path& file, const fs::path& root) {
  std::error_code ec;
  const fs::path absolute = fs::weakly_canonical(fs::absolute(file, ec), ec);
  const fs::path relative = absolute.lexically_relative(root);
  if (!relative.empty() && *relative.begin() != "..") {
    return relative.generic_string();
  }
  return absolute.generic_string();
}

// Named files go to the list their name (or, for other YAML, Kubernetes) says; nothing is
// detected around them.
void name_files(const std::vector<std::string>& files, Config& config) {
  config.containers.detect = false;
  config.containers.dockerfiles.clear();
  config.containers.compose.clear();
  config.containers.kubernetes.clear();
  for (const auto& file : files) {
    const std::string path = shown_path(file, config.root);
    switch (checks::infra::kind_by_name(path).value_or(checks::infra::Kind::kubernetes)) {
      case checks::infra::Kind::dockerfile:
        config.containers.dockerfiles.push_back(path);
        break;
      case checks::infra::Kind::compose:
        config.containers.compose.push_back(path);
        break;
      case checks::infra::Kind::kubernetes:
        config.containers.kubernetes.push_back(path);
        break;
    }
  }
}

RunRequest make_request(const ContainerFlags& f, const std::vector<std::string>& files) {
  RunRequest request;
  request.process_ends_after = true;
  request.only = f.only.empty() ? k_families : f.only;
  request.skip = f.skip;
  request.jobs = f.jobs;
  request.load_env_file = false;
  if (!f.baseline.empty()) {
    request.baseline = f.baseline;
  }
  if (!files.empty()) {
    request.adjust_config = [files](Config& config) { name_files(files, config); };
  }
  return request;
}

// Bad input is a usage error (exit 2), as for every parser of shipcheck; say where.
int report_parse_failures(const Report& report) {
  int count = 0;
  for (const auto& r : report.results) {
    if (k_parse_rules.count(r.rule) != 0 && r.status == Status::fail && !r.suppressed) {
      const Location& at = r.location.value_or(Location{r.target, 0, 0, {}});
      fmt::print(stderr, "{}{}{}: error: {}\n", at.file,
                 at.line > 0 ? fmt::format(":{}", at.line) : "",
                 at.column > 0 ? fmt::format(":{}", at.column) : "", r.message);
      ++count;
    }
  }
  return count;
}

}  // namespace

int scan_containers_command(const Args& args) {
  CLI::App app{
      "shipcheck scan containers: lint Dockerfiles, compose files and Kubernetes manifests",
      "shipcheck scan containers"};
  ContainerFlags f;
  add_flags(app, f);
  if (auto code = parse_args(app, args)) {
    return *code;
  }
  const auto fail_on = parse_severity(f.fail_on);
  auto sinks = open_sinks(f.formats, f.outputs);
  if (!fail_on || !sinks) {
    fmt::print(stderr, "shipcheck scan containers: {}\n",
               !sinks ? sinks.error()
                      : fmt::format("--fail-on '{}' is not a severity (critical, high, medium, "
                                    "low)",
                                    f.fail_on));
    return k_exit_usage;
  }
  std::error_code ec;
  std::vector<std::string> files;
  std::string dir = ".";
  if (f.paths.size() == 1 && fs::is_directory(f.paths.front(), ec)) {
    dir = f.paths.front();
  } else {
    for (const auto& path : f.paths) {
      if (!fs::is_regular_file(path, ec)) {
        fmt::print(
            stderr, "shipcheck scan containers: {}: {}\n", path,
            fs::is_directory(path, ec) ? "give one directory alone, or files" : "no such file");
        return k_exit_usage;
      }
      files.push_back(path);
    }
  }
  RunRequest request = make_request(f, files);
  request.dir = dir;
  auto run = run_gated(request, *fail_on, f.fail_on);
  if (!run) {
    fmt::print(stderr, "shipcheck scan containers: {}\n", run.error().to_string());
    return k_exit_usage;
  }
  Report& report = run->report;
  const int failing = run->failing;
  if (!write_reports(*sinks, report, report_options(f.no_color, f.quiet, f.verbose))) {
    return k_exit_usage;
  }
  if (!f.write_baseline.empty() && !save_baseline(f.write_baseline, report.results)) {
    return k_exit_usage;
  }
  if (report_parse_failures(report) > 0) {
    return k_exit_usage;
  }
  return failing > 0 ? k_exit_findings : k_exit_ok;
}

}  // namespace shipcheck::cli
