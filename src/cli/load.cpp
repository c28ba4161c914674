// `shipcheck load URL`: a load test from the command line (engines/load), with k6-like
// thresholds as the exit code's gate. A duration and either a rate or a connection count are
// required: a load test never runs unbounded.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/load_report.h"
#include "cli/options.h"
#include "core/duration.h"

namespace shipcheck::cli {
namespace {

struct LoadFlags {
  std::string url;
  double rate = 0;
  int connections = 0;
  std::string duration;
  unsigned threads = 0;
  std::string method = "GET";
  std::vector<std::string> headers;
  std::string data;
  std::string body_file;
  std::vector<std::string> paths;
  std::int64_t max_requests = 0;
  std::string timeout = "10s";
  std::vector<std::string> thresholds;
  std::string format = "text";
  std::string output;
  std::string ca_file;
  std::vector<std::string> resolve;
  bool insecure = false;
  std::string auth_env;
  bool quiet = false;
};

void add_flags(CLI::App& app, LoadFlags& f) {
  app.add_option("url", f.url, "http(s)://host[:port][/path]")->required();
  app.add_option("--rate,-R", f.rate,
                 "open model: requests per second, spread over the connections");
  app.add_option("--connections,-c", f.connections,
                 "closed model: connections each sending as fast as answered (open model: how "
                 "many connections carry the rate; default rate/10, at least the threads)");
  app.add_option("--duration", f.duration, "how long to send (10s, 1m); required")->required();
  app.add_option("--threads,-t", f.threads, "event loops, one per thread (default: cores)");
  app.add_option("-X,--method", f.method, "request method (GET)");
  app.add_option("-H,--header", f.headers, "'Name: value' (repeatable)");
  app.add_option("-d,--data", f.data, "request body");
  app.add_option("--body-file", f.body_file, "request body from a file");
  app.add_option("--path", f.paths, "paths sent in turn instead of the URL's (repeatable)");
  app.add_option("--max-requests", f.max_requests, "stop after this many requests");
  app.add_option("--timeout", f.timeout, "one request's bound, connecting included (10s)");
  app.add_option("--threshold", f.thresholds,
                 "a gate like 'p95 < 200ms', 'error_rate < 1%', 'rps >= 100' (repeatable); "
                 "exit 1 when one is crossed");
  app.add_option("--format", f.format, "text or json (shipcheck.load/v1, with the histogram)")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--output,-o", f.output, "write the report to this file");
  app.add_option("--cacert", f.ca_file, "extra trust anchor (PEM), e.g. a private CA");
  app.add_option("--resolve", f.resolve, "HOST:PORT:ADDR, like curl --resolve (repeatable)");
  app.add_flag("-k,--insecure", f.insecure, "do not verify the server's certificate");
  app.add_option("--auth-env", f.auth_env,
                 "send 'Authorization: Bearer $VAR' with the token this variable holds");
  app.add_flag("--quiet,-q", f.quiet, "no progress line");
}

tl::expected<load::RequestSpec, std::string> base_request(const LoadFlags& f) {
  load::RequestSpec spec;
  spec.method = f.method;
  for (const auto& header : f.headers) {
    const auto colon = header.find(':');
    if (colon == std::string::npos || colon == 0) {
      return tl::make_unexpected(fmt::format("-H '{}' is not 'Name: value'", header));
    }
    std::string value = header.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    spec.headers.emplace_back(header.substr(0, colon), value);
  }
  if (!f.auth_env.empty()) {
    const char* token = std::getenv(f.auth_env.c_str());
    if (token == nullptr || *token == '\0') {
      return tl::make_unexpected(fmt::format("--auth-env: {} is not set", f.auth_env));
    }
    spec.headers.emplace_back("Authorization", fmt::format("Bearer {}", token));
  }
  if (!f.data.empty() && !f.body_file.empty()) {
    return tl::make_unexpected("-d and --body-file contradict each other: keep one");
  }
  spec.body = f.data;
  if (!f.body_file.empty()) {
    std::ifstream in(f.body_file, std::ios::binary);
    if (!in) {
      return tl::make_unexpected(fmt::format("--body-file {}: cannot read it", f.body_file));
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    spec.body = buffer.str();
  }
  return spec;
}

// Options from the flags, or what is wrong with them.
tl::expected<load::Options, std::string> make_options(const LoadFlags& f) {
  const auto duration = parse_duration(f.duration);
  if (!duration || duration->count() <= 0) {
    return tl::make_unexpected(
        fmt::format("--duration '{}' is not a duration (10s, 1m)", f.duration));
  }
  const auto timeout = parse_duration(f.timeout);
  if (!timeout || timeout->count() <= 0) {
    return tl::make_unexpected(fmt::format("--timeout '{}' is not a duration (10s)", f.timeout));
  }
  if (f.rate <= 0 && f.connections <= 0) {
    return tl::make_unexpected(
        "give --rate R (open model) or --connections C (closed model): a load test needs one");
  }
  if (f.rate < 0 || f.connections < 0 || f.max_requests < 0) {
    return tl::make_unexpected("--rate, --connections and --max-requests cannot be negative");
  }
  load::Options options;
  auto target = load::parse_target(f.url);
  if (!target) {
    return tl::make_unexpected(target.error());
  }
  auto address = load::pinned_address(f.resolve, *target);
  if (!address) {
    return tl::make_unexpected(address.error());
  }
  if (auto resolved = load::resolve_address(*target, address->empty() ? target->host : *address);
      !resolved) {
    return tl::make_unexpected(resolved.error());
  }
  options.target = *target;
  auto spec = base_request(f);
  if (!spec) {
    return tl::make_unexpected(spec.error());
  }
  std::vector<load::RequestSpec> specs;
  for (const auto& path : f.paths.empty() ? std::vector<std::string>{""} : f.paths) {
    if (!path.empty() && path.front() != '/') {
      return tl::make_unexpected(fmt::format("--path '{}' does not start with '/'", path));
    }
    load::RequestSpec one = *spec;
    one.path = path;
    specs.push_back(one);
  }
  for (const auto& one : specs) {
    options.requests.push_back(load::prepare(options.target, one));
  }
  options.sequence = load::mix_sequence(specs);
  options.threads = f.threads > 0 ? f.threads : std::max(1U, std::thread::hardware_concurrency());
  options.rate = f.rate;
  options.connections =
      f.connections > 0 ? f.connections : static_cast<int>(std::clamp(f.rate / 10, 1.0, 1000.0));
  options.connections = std::max(options.connections, static_cast<int>(options.threads));
  options.threads = std::min(options.threads, static_cast<unsigned>(options.connections));
  options.duration = *duration;
  options.timeout = *timeout;
  options.max_requests = f.max_requests;
  options.ca_file = f.ca_file;
  options.insecure = f.insecure;
  return options;
}

std::function<void(const load::Tick&)> progress_line(bool enabled, double duration_s) {
  if (!enabled) {
    return {};
  }
  auto last = std::make_shared<load::Tick>();
  return [last, duration_s](const load::Tick& tick) {
    const double window = tick.elapsed_s - last->elapsed_s;
    const double rps =
        window > 0 ? static_cast<double>(tick.responses - last->responses) / window : 0;
    fmt::print(stderr, "\r\033[K[{:.0f}s/{:.0f}s] {:.0f} req/s, p95 {}, {} responses, {} errors",
               tick.elapsed_s, duration_s, rps,
               load::format_micros(static_cast<double>(tick.p95_us)), tick.responses, tick.errors);
    std::fflush(stderr);
    *last = tick;
  };
}

}  // namespace

int load_command(const Args& args) {
  CLI::App app{"shipcheck load: a load test with latency percentiles and threshold gates",
               "shipcheck load"};
  LoadFlags f;
  add_flags(app, f);
  if (auto code = parse_args(app, args)) {
    return *code;
  }
  LoadRun run;
  for (const auto& text : f.thresholds) {
    auto threshold = load::parse_threshold(text);
    if (!threshold) {
      fmt::print(stderr, "shipcheck load: --threshold '{}': {}\n", text, threshold.error());
      return k_exit_usage;
    }
    run.thresholds.push_back(*threshold);
  }
  auto options = make_options(f);
  if (!options) {
    fmt::print(stderr, "shipcheck load: {}\n", options.error());
    return k_exit_usage;
  }
  const bool tty = isatty(STDERR_FILENO) != 0 && !f.quiet;
  const load::Outcome outcome =
      load::run(*options, progress_line(tty, static_cast<double>(options->duration.count()) / 1e3));
  if (tty) {
    fmt::print(stderr, "\r\033[K");
  }
  if (!outcome.fatal.empty()) {
    fmt::print(stderr, "shipcheck load: {}\n", outcome.fatal);
    return k_exit_usage;
  }
  run.url = f.url;
  run.options = &*options;
  run.outcome = &outcome;
  const load::Measured measured{&outcome.corrected, outcome.attempts(), outcome.error_count(),
                                outcome.seconds};
  bool crossed = false;
  for (const auto& threshold : run.thresholds) {
    run.verdicts.push_back(load::evaluate(threshold, measured));
    crossed = crossed || !run.verdicts.back().passed;
  }
  const std::string text = f.format == "json" ? load_json(run) : load_text(run);
  if (f.output.empty()) {
    fmt::print("{}", text);
  } else if (!(std::ofstream(f.output) << text)) {
    fmt::print(stderr, "shipcheck load: cannot write {}\n", f.output);
    return k_exit_usage;
  }
  return crossed ? k_exit_findings : k_exit_ok;
}

}  // namespace shipcheck::cli
