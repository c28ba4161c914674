// render_init_yaml: the commented shipcheck.yaml `shipcheck init` writes from a StackInfo.
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "config/detect.h"
#include "core/text.h"

namespace shipcheck::config {
namespace {

// Writes explanation comments, active settings, and examples that are commented out
// unless enabled (the same text either way, so tests can load the examples).
class InitWriter {
 public:
  explicit InitWriter(bool examples_enabled) : m_examples(examples_enabled) {}

  void comment(std::string_view text) {
    for (const std::string& line : split(text, '\n')) {
      m_out += line.empty() ? "#\n" : fmt::format("# {}\n", line);
    }
  }
  void setting(std::string_view yaml) { m_out += fmt::format("{}\n", yaml); }
  void example(std::string_view yaml) {
    for (const std::string& line : split(yaml, '\n')) {
      m_out += m_examples ? fmt::format("{}\n", line) : fmt::format("# {}\n", line);
    }
  }
  void blank() { m_out += "\n"; }
  std::string take() { return std::move(m_out); }

 private:
  bool m_examples;
  std::string m_out;
};

bool has(const StackInfo& info, std::string_view framework) {
  for (const std::string& id : info.frameworks) {
    if (id == framework) {
      return true;
    }
  }
  return false;
}

// Names come from detection, which keeps them to [A-Za-z0-9._-]; YAML would still read
// some of those as booleans, nulls or numbers, so those are quoted.
std::string scalar(std::string_view text) {
  const std::string lowered = to_lower(text);
  const bool reserved = lowered == "true" || lowered == "false" || lowered == "yes" ||
                        lowered == "no" || lowered == "on" || lowered == "off" ||
                        lowered == "null" || lowered == "~";
  const bool numeric_start =
      !text.empty() && ((text[0] >= '0' && text[0] <= '9') || text[0] == '-' || text[0] == '.');
  if (text.empty() || reserved || (numeric_start && text.substr(0, 4) != ".env")) {
    return fmt::format("\"{}\"", text);
  }
  return std::string(text);
}

void write_header(InitWriter& w, const StackInfo& info) {
  w.comment(
      "shipcheck.yaml, written by `shipcheck init`. `shipcheck run` checks this project\n"
      "against it; `shipcheck rules` lists every rule and `shipcheck explain RULE` explains\n"
      "one. Commented-out sections are examples: uncomment and edit what applies.\n"
      "${VAR} in a value is read from the environment (and hidden in every report).\n");
  if (info.evidence.empty() && info.env_files.empty()) {
    w.comment(
        "Detected: nothing recognisable (no FastAPI, Django, Express or Next.js project,\n"
        "Dockerfile, compose file, Kubernetes manifest or env file). Static checks\n"
        "still run.");
  } else {
    w.comment("Detected:");
    for (const std::string& why : info.evidence) {
      w.comment(fmt::format("  - {}", why));
    }
    if (!info.env_files.empty()) {
      w.comment(fmt::format("  - env files: {}", fmt::join(info.env_files, ", ")));
    }
    w.comment(
        "Each of these turns on its rules: Dockerfiles the DKR rules, compose files CMP,\n"
        "manifests K8S, migrations the PG migration checks, env files the ENV rules.");
  }
  w.blank();
}

void write_identity(InitWriter& w, const StackInfo& info) {
  w.comment("The name reports and the run history use (from the package name or directory).");
  w.setting(fmt::format("service: {}", scalar(info.service_name)));
  w.comment("The repository to inspect, relative to this file.");
  w.setting("project: .");
  w.comment(
      "`run` answers \"ready\" at this score or above, with no critical or high failure\n"
      "and every required manual item signed off. --min-score overrides it.");
  w.setting("min_score: 90");
  const std::string env_file = detected_env_file(info);
  w.comment(
      "The env file holding production settings, which the ENV rules inspect\n"
      "(DEBUG off, strong secrets, no placeholders ...). Keep it out of git.");
  if (env_file.empty()) {
    w.comment("None was found; point this at the production env file:");
    w.example("env_file: .env.production");
  } else {
    w.setting(fmt::format("env_file: {}", scalar(env_file)));
  }
  w.blank();
}

void write_live(InitWriter& w, const StackInfo& info) {
  w.comment(
      "The deployed service. Without a url only static checks run; with one, the\n"
      "HTTP, TLS, CORS, auth and exposure checks run against it.");
  w.example(
      "url: https://api.example.com\n"
      "http_url: http://api.example.com\n"
      "tls:\n"
      "  ca_file: certs/ca.pem\n"
      "  resolve: [\"api.example.com:443:127.0.0.1\"]");
  w.blank();
  w.comment(
      "Paths the live checks request. Protected paths must answer 401/403 without a\n"
      "valid token; docs paths must not be public in production.");
  if (has(info, "fastapi")) {
    w.comment("FastAPI serves /docs, /redoc and /openapi.json unless docs_url=None.");
  } else if (has(info, "django")) {
    w.comment("Django: keep /admin/ behind auth.");
  }
  w.example(
      "endpoints:\n"
      "  health: /health\n"
      "  readiness: /readyz\n"
      "  liveness: /livez\n"
      "  protected: [/api/tasks]\n"
      "  docs: [/docs, /redoc, /openapi.json]\n"
      "auth:\n"
      "  token_env: SMOKE_TOKEN\n"
      "cors:\n"
      "  allowed_origins: [https://app.example.com]");
  w.blank();
}

void write_dependencies(InitWriter& w, const StackInfo& info) {
  w.comment(
      "Databases and caches to check. The URLs stay in environment variables;\n"
      "only the variables' names go here.");
  if (info.alembic) {
    w.comment(
        "Alembic was found, so there is a SQL database: the PG rules check that the\n"
        "migrations are at head.");
  }
  w.example(
      "dependencies:\n"
      "  postgres: {url_env: DATABASE_URL, tables: [users]}\n"
      "  redis: {url_env: REDIS_URL}");
  w.blank();
  w.comment(
      "A load test against url: an open model at `rate` requests/s (or a closed model\n"
      "with `connections`), gated by thresholds.");
  w.example(
      "performance:\n"
      "  path: /health\n"
      "  rate: 100\n"
      "  duration: 10s\n"
      "  thresholds: [\"p95 < 200ms\", \"p99 < 500ms\", \"error_rate < 1%\"]");
  w.blank();
}

void write_containers(InitWriter& w, const StackInfo& info) {
  w.comment(
      "Dockerfiles, compose files and Kubernetes manifests (DKR, CMP, K8S rules). They are\n"
      "found by name (and manifests by content) unless listed here: files, directories\n"
      "or globs.");
  if (info.dockerfile || info.compose || info.kubernetes) {
    w.comment(fmt::format("Found here:{}{}{}", info.dockerfile ? " a Dockerfile" : "",
                          info.compose ? " a compose file" : "",
                          info.kubernetes ? " Kubernetes manifests" : ""));
  }
  w.example(
      "containers:\n"
      "  dockerfiles: [Dockerfile]\n"
      "  compose: [docker-compose.yml]\n"
      "  kubernetes: [k8s/]\n"
      "  exclude: [\"tests/fixtures/**\"]\n"
      "  min_replicas: 2");
  w.blank();
}

void write_watch(InitWriter& w, const StackInfo& info) {
  w.comment("`shipcheck watch` after a deploy: poll for `for`, roll back when a trigger fires.");
  const std::string rollback =
      info.kubernetes ? fmt::format("kubectl rollout undo deployment/{}", info.service_name)
                      : std::string("./scripts/rollback.sh");
  w.example(
      fmt::format("watch:\n"
                  "  for: 30m\n"
                  "  interval: 10s\n"
                  "  prometheus: http://prometheus:9090\n"
                  "  rollback_when:\n"
                  "    - error_rate > 5% for 5m\n"
                  "    - unavailable for 2m\n"
                  "    - p95 > 1.5 * baseline for 5m     # the median of the first 2m\n"
                  "  success: stable for 30m          # end early once calm this long\n"
                  "  on_rollback: \"{}\"",
                  rollback));
  w.blank();
}

void write_policy(InitWriter& w) {
  w.comment(
      "Checklist items no program can verify; `shipcheck signoff ID --by NAME` ticks\n"
      "them (`shipcheck import CHECKLIST.md` writes these from a Markdown checklist).");
  w.example(
      "manual:\n"
      "  - {id: notify-team, title: \"Notify team of deployment\", required: true}\n"
      "  - {id: backup-drill, title: \"Restore a backup\", source: DEPLOY.md:12, "
      "valid_for: 30d}");
  w.blank();
  w.comment("Turn rules (or whole families) off, or change a rule's severity.");
  w.example(
      "rules:\n"
      "  disable: [DOC003]\n"
      "  severity: {HDR004: low}");
  w.blank();
  w.comment("Accepted findings: a reason is required; an expired entry stops applying.");
  w.example(
      "suppress:\n"
      "  - {rule: SEC014, path: \"tests/fixtures/**\", reason: \"fake keys\", "
      "expires: 2027-01-31}");
}

}  // namespace

std::string render_init_yaml(const StackInfo& info, bool examples_enabled) {
  InitWriter writer(examples_enabled);
  write_header(writer, info);
  write_identity(writer, info);
  write_live(writer, info);
  write_dependencies(writer, info);
  write_containers(writer, info);
  write_watch(writer, info);
  write_policy(writer);
  return writer.take();
}

}  // namespace shipcheck::config
