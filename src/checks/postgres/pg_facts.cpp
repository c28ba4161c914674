// The database target and the run's shared session (see pg_facts.h).
#include "checks/postgres/pg_facts.h"

#include <cstdlib>
#include <memory>
#include <mutex>
#include <regex>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/context.h"
#include "core/duration.h"

namespace shipcheck::checks::pg {

struct SharedSession {
  std::optional<Target> target;
  std::string skip;   // why there is nothing to check
  std::string error;  // why no session could be opened
  std::unique_ptr<postgres::Session> session;
  std::unique_ptr<std::mutex> mutex = std::make_unique<std::mutex>();
};

namespace {

// SQLAlchemy's URLs name a driver (postgresql+asyncpg://) and asyncpg spells sslmode as
// ssl: both are rewritten to what libpq reads. Anything else is passed on as written.
std::string libpq_url(std::string url) {
  static const std::regex k_driver(R"(^(postgres(ql)?)\+[A-Za-z0-9_]+://)");
  static const std::regex k_ssl(R"(([?&])ssl=(require|true|verify-ca|verify-full)(&|$))");
  url = std::regex_replace(url, k_driver, "$1://");
  std::smatch m;
  if (std::regex_search(url, m, k_ssl)) {
    const std::string mode = m[2] == "true" ? "require" : m[2].str();
    url.replace(static_cast<std::size_t>(m.position(0)), static_cast<std::size_t>(m.length(0)),
                m[1].str() + "sslmode=" + mode + m[3].str());
  }
  return url;
}

SharedSession open_session(const Context& ctx) {
  SharedSession shared;
  const PostgresConfig& config = *ctx.config.dependencies.postgres;
  shared.target = find_target(ctx, config.url_env, shared.skip, shared.error);
  if (!shared.target) {
    return shared;
  }
  postgres::Options options;
  options.timeout = duration_or(config.timeout, std::chrono::seconds(5));
  auto session = postgres::Session::connect(shared.target->url, options);
  if (!session) {
    shared.error = fmt::format("cannot connect to {} ({}): {}", shared.target->info.display,
                               postgres::to_string(session.error().kind), session.error().message);
    return shared;
  }
  shared.session = std::make_unique<postgres::Session>(std::move(*session));
  return shared;
}

}  // namespace

std::optional<Target> find_target(const Context& ctx, const std::string& url_env, std::string& skip,
                                  std::string& error) {
  Target target;
  if (const char* value = std::getenv(url_env.c_str()); value != nullptr && *value != '\0') {
    target.url = value;
    target.source = url_env + " from the environment";
  } else if (const dotenv::Entry* entry = ctx.env ? ctx.env->find(url_env) : nullptr;
             entry != nullptr && !entry->value.empty()) {
    target.url = entry->value;
    target.source = fmt::format("{} in {}", url_env, ctx.env_path);
  } else {
    skip = fmt::format("{} is not set (neither in the environment nor in the env file)", url_env);
    return std::nullopt;
  }
  target.url = libpq_url(std::move(target.url));
  std::string invalid;
  auto info = postgres::parse_url(target.url, invalid);
  if (!info) {
    error = fmt::format("{}: {}", target.source, invalid);
    return std::nullopt;
  }
  target.info = *info;
  return target;
}

tl::expected<postgres::Rows, postgres::Error> Db::query(
    std::string_view sql, const std::vector<std::string>& params) const {
  std::lock_guard lock(*m_shared.mutex);
  return m_shared.session->query(sql, params);
}

const postgres::Session& Db::session() const {
  return *m_shared.session;
}

std::string query_failed(std::string_view what, const postgres::Error& error) {
  return fmt::format("cannot read {}: {} ({})", what, error.message,
                     postgres::to_string(error.kind));
}

tl::expected<bool, std::string> table_exists(const Db& db, const std::string& name) {
  const auto rows = db.query("SELECT to_regclass($1) IS NOT NULL", {name});
  if (!rows) {
    return tl::make_unexpected(query_failed("the catalog", rows.error()));
  }
  return rows->text(0, 0) == "t";
}

std::string listing(const std::vector<std::string>& names, std::size_t shown) {
  if (names.size() <= shown) {
    return fmt::format("{}", fmt::join(names, ", "));
  }
  return fmt::format("{} and {} more",
                     fmt::join(names.begin(), names.begin() + static_cast<long>(shown), ", "),
                     names.size() - shown);
}

std::string text_array(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const auto& item : items) {
    out += out.size() > 1 ? ",\"" : "\"";
    for (const char c : item) {
      if (c == '"' || c == '\\') {
        out += '\\';
      }
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

std::chrono::milliseconds duration_or(std::string_view text, std::chrono::milliseconds fallback) {
  const auto parsed = parse_duration(text);
  return parsed && parsed->count() > 0 ? *parsed : fallback;
}

std::string human(std::chrono::milliseconds duration) {
  const long long ms = duration.count();
  if (ms < 1000) {
    return fmt::format("{}ms", ms);
  }
  const long long s = ms / 1000;
  if (s < 60) {
    return fmt::format("{}s", s);
  }
  if (s < 3600) {
    return fmt::format("{}m {:02}s", s / 60, s % 60);
  }
  if (s < 86400) {
    return fmt::format("{}h {:02}m", s / 3600, s % 3600 / 60);
  }
  return fmt::format("{}d {:02}h", s / 86400, s % 86400 / 3600);
}

std::vector<Result> PgRule::run(const Context& ctx) const {
  if (!ctx.config.dependencies.postgres) {
    return {skip("no PostgreSQL configured (dependencies.postgres in shipcheck.yaml)")};
  }
  const PostgresConfig& config = *ctx.config.dependencies.postgres;
  if (auto why = not_applicable(config)) {
    return {skip(*why)};
  }
  const SharedSession& shared = ctx.memo.get<SharedSession>([&ctx] { return open_session(ctx); });
  std::vector<Result> results;
  if (!shared.skip.empty()) {
    results = {skip(shared.skip)};
  } else if (!shared.error.empty()) {
    results = {judges_connection() ? fail(shared.error) : error(shared.error)};
  } else {
    results = check(ctx, config, Db(shared, *shared.target));
  }
  for (auto& r : results) {
    r.target = shared.target ? shared.target->info.display : std::string();
  }
  return results;
}

}  // namespace shipcheck::checks::pg
