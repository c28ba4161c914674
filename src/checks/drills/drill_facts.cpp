#include "checks/drills/drill_facts.h"

#include <unistd.h>

#include <cstdlib>
#include <random>

#include <fmt/format.h>

#include "checks/context.h"
#include "config/config.h"
#include "engines/postgres/client_tools.h"
#include "engines/process/process.h"

namespace shipcheck::checks::drill {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// "shipcheck_drill_3f9a0c1d": unguessable, so two drills (or two runs) never collide, and
// prefixed, so that one left behind by a killed run is easy to find.
std::string scratch_name() {
  std::random_device random;
  return fmt::format("shipcheck_drill_{:08x}{:08x}", random(), random());
}

std::string program(const Setup& setup, const char* name) {
  return setup.bindir.empty() ? std::string(name) : (setup.bindir / name).string();
}

// A client program's failure for a message: its status and its last line of output, with
// the password (should a tool ever print it) cut out.
std::string tool_failure(std::string_view tool, const process::Outcome& outcome,
                         const std::string& password) {
  const std::string line = postgres::without_password(outcome.last_line(), password);
  return line.empty() ? fmt::format("{} failed ({})", tool, outcome.status_text())
                      : fmt::format("{} failed ({}): {}", tool, outcome.status_text(), line);
}

std::string password_of(const std::string& url) {
  for (const auto& [name, value] : postgres::libpq_environment(url)) {
    if (name == "PGPASSWORD") {
      return value;
    }
  }
  return {};
}

std::string with_thousands(std::int64_t n) {
  std::string digits = std::to_string(n);
  for (int at = static_cast<int>(digits.size()) - 3; at > (n < 0 ? 1 : 0); at -= 3) {
    digits.insert(static_cast<std::size_t>(at), ",");
  }
  return digits;
}

}  // namespace

std::chrono::milliseconds Setup::left() const {
  return std::max(std::chrono::milliseconds(0),
                  std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
}

postgres::Options Setup::session_options(bool read_only) const {
  postgres::Options options;
  options.timeout = std::min(connect_timeout, std::max(left(), std::chrono::milliseconds(1)));
  options.query_timeout = std::max(left(), std::chrono::milliseconds(1));
  options.read_only = read_only;
  options.application_name = "shipcheck drill";
  return options;
}

std::string Setup::scratch_display() const {
  std::string why;
  const auto info = postgres::parse_url(scratch_server, why);
  return info ? info->display : std::string("the scratch server");
}

tl::expected<ScratchDatabase, std::string> ScratchDatabase::create(const Setup& setup) {
  auto admin = postgres::Session::connect(setup.scratch_server, setup.session_options(false));
  if (!admin) {
    return tl::make_unexpected(fmt::format("cannot connect to {} ({}): {}", setup.scratch_display(),
                                           postgres::to_string(admin.error().kind),
                                           admin.error().message));
  }
  std::string name = scratch_name();
  if (auto made = admin->query(fmt::format("CREATE DATABASE {} TEMPLATE template0", name)); !made) {
    return tl::make_unexpected(fmt::format("cannot create a scratch database on {}: {}",
                                           setup.scratch_display(), made.error().message));
  }
  return ScratchDatabase(setup, std::move(*admin), std::move(name));
}

ScratchDatabase::ScratchDatabase(const Setup& setup, postgres::Session admin, std::string name)
    : m_setup(&setup), m_admin(std::move(admin)), m_name(std::move(name)) {}

ScratchDatabase::ScratchDatabase(ScratchDatabase&& other) noexcept
    : m_setup(other.m_setup), m_admin(std::move(other.m_admin)), m_name(std::move(other.m_name)) {
  other.m_admin.reset();
  other.m_name.clear();
}

ScratchDatabase::~ScratchDatabase() {
  if (!m_admin || m_name.empty()) {
    return;
  }
  // FORCE ends sessions a killed migration tool may have left behind (PostgreSQL 13+).
  if (!m_admin->query(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", m_name))) {
    // A lost admin session (the deadline passed): one more try on a fresh one.
    postgres::Options options = m_setup->session_options(false);
    options.timeout = options.query_timeout = m_setup->connect_timeout;
    if (auto again = postgres::Session::connect(m_setup->scratch_server, options)) {
      (void)again->query(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", m_name));
    }
  }
}

std::string ScratchDatabase::url() const {
  return postgres::url_with_database(m_setup->scratch_server, m_name)
      .value_or(m_setup->scratch_server + " dbname=" + m_name);
}

tl::expected<postgres::Session, std::string> ScratchDatabase::connect() const {
  auto session = postgres::Session::connect(url(), m_setup->session_options(false));
  if (!session) {
    return tl::make_unexpected(
        fmt::format("cannot connect to the scratch database: {}", session.error().message));
  }
  return std::move(*session);
}

tl::expected<Timed, std::string> dump(const Setup& setup, const fs::path& file,
                                      const std::string& snapshot) {
  process::Command command;
  command.argv = {program(setup, "pg_dump"), "--format=custom", "--no-password",
                  "--file=" + file.string()};
  if (!snapshot.empty()) {
    command.argv.push_back("--snapshot=" + snapshot);
  }
  command.env = postgres::libpq_environment(setup.source.url);
  command.timeout = setup.left();
  const auto outcome = process::run(command);
  if (!outcome.ok()) {
    return tl::make_unexpected(tool_failure("pg_dump", outcome, password_of(setup.source.url)));
  }
  std::error_code ec;
  return Timed{outcome.duration, fs::file_size(file, ec)};
}

tl::expected<Timed, std::string> restore(const Setup& setup, const fs::path& file,
                                         const ScratchDatabase& scratch) {
  process::Command command;
  // The name only: the connection itself (and its password) travels in the environment.
  command.argv = {
      program(setup, "pg_restore"), "--no-owner", "--no-acl", "--exit-on-error", "--no-password",
      "--dbname=" + scratch.name(), file.string()};
  command.env = postgres::libpq_environment(setup.scratch_server, scratch.name());
  command.timeout = setup.left();
  const auto outcome = process::run(command);
  if (!outcome.ok()) {
    return tl::make_unexpected(
        tool_failure("pg_restore", outcome, password_of(setup.scratch_server)));
  }
  return Timed{outcome.duration, 0};
}

TempDir::TempDir() {
  std::error_code ec;
  std::string pattern = (fs::temp_directory_path(ec) / "shipcheck-drill-XXXXXX").string();
  if (!ec && ::mkdtemp(pattern.data()) != nullptr) {  // mkdtemp makes it 0700
    m_path = pattern;
  }
}

TempDir::~TempDir() {
  if (!m_path.empty()) {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
}

std::string count_summary(const std::vector<postgres::TableCount>& counts) {
  std::int64_t rows = 0;
  for (const auto& c : counts) {
    rows += c.rows;
  }
  return fmt::format("{} table{}, {} row{}", counts.size(), counts.size() == 1 ? "" : "s",
                     with_thousands(rows), rows == 1 ? "" : "s");
}

std::string count_listing(const std::vector<postgres::TableCount>& counts) {
  std::string out;
  for (const auto& c : counts) {
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", c.table, with_thousands(c.rows));
  }
  return out;
}

std::vector<Result> DrillRule::run(const Context& ctx) const {
  const DrillsConfig& drills = ctx.config.drills;
  if (!drills.enabled) {
    return {skip("drills run only when asked: shipcheck run --drills, or a drills: section")};
  }
  if (!ctx.config.dependencies.postgres) {
    return {skip("no PostgreSQL configured (dependencies.postgres in shipcheck.yaml)")};
  }
  if (auto why = not_applicable(ctx)) {
    return {skip(*why)};
  }
  const PostgresConfig& pg_config = *ctx.config.dependencies.postgres;
  std::string skipped;
  std::string failed;
  auto source = pg::find_target(ctx, pg_config.url_env, skipped, failed);
  if (!source) {
    return {skipped.empty() ? error(failed) : skip(skipped)};
  }
  Setup setup;
  setup.source = *source;
  setup.scratch_server = source->url;
  if (!drills.scratch_url_env.empty()) {
    auto scratch = pg::find_target(ctx, drills.scratch_url_env, skipped, failed);
    if (!scratch) {
      return {error(skipped.empty() ? failed : skipped)};
    }
    setup.scratch_server = scratch->url;
  }
  setup.connect_timeout = pg::duration_or(pg_config.timeout, std::chrono::seconds(5));
  setup.timeout = pg::duration_or(drills.timeout, std::chrono::minutes(10));
  setup.bindir = drills.pg_bindir;
  setup.deadline = Clock::now() + setup.timeout;
  auto results = drill(ctx, setup);
  for (auto& r : results) {
    r.target = source->info.display;
  }
  return results;
}

std::chrono::milliseconds DrillRule::timeout(const Context& ctx,
                                             std::chrono::milliseconds run_timeout) const {
  if (!ctx.config.drills.enabled) {
    return run_timeout;
  }
  // A little beyond the drill's own bound, so that its own timeout message wins the race.
  const auto own = pg::duration_or(ctx.config.drills.timeout, std::chrono::minutes(10)) +
                   std::chrono::seconds(15);
  return std::max(run_timeout, own);
}

}  // namespace shipcheck::checks::drill
