// DRL002: the seeds' "Alembic downgrade tested" and "Rollback procedure tested". On a
// scratch copy of the database (pg_dump, pg_restore), the project's own alembic runs
// `downgrade -1` and then `upgrade heads`; the schema afterwards must equal the schema
// before, line for line. The source database is only read (by pg_dump).
#include "checks/drills/migration_roundtrip.h"

#include <filesystem>

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/postgres/migration_facts.h"
#include "config/config.h"
#include "engines/process/process.h"

namespace shipcheck::checks {
namespace {

namespace fs = std::filesystem;

// Where alembic must run: the directory holding alembic.ini (the project root, or the
// parent of the script directory that holds versions/).
std::optional<fs::path> alembic_home(const fs::path& root, const pg::AlembicState& state) {
  std::error_code ec;
  if (fs::exists(root / "alembic.ini", ec)) {
    return root;
  }
  const fs::path script_dir = (root / state.where).parent_path();
  for (const fs::path& dir : {script_dir, script_dir.parent_path()}) {
    if (fs::exists(dir / "alembic.ini", ec)) {
      return dir;
    }
  }
  return std::nullopt;
}

// The env file's variables (the app's settings, which env.py may import), then the URL
// variable pointing at the scratch copy; the environment's own values stay as they are.
std::vector<std::pair<std::string, std::string>> migration_env(const Context& ctx,
                                                               const std::string& url_env,
                                                               const std::string& scratch_url) {
  std::vector<std::pair<std::string, std::string>> env;
  if (ctx.env) {
    for (const auto& entry : ctx.env->entries) {
      if (std::getenv(entry.key.c_str()) == nullptr) {
        env.emplace_back(entry.key, entry.value);
      }
    }
  }
  env.emplace_back(url_env, scratch_url);
  return env;
}

std::string current_revision(postgres::Session& session) {
  const auto rows = session.query("SELECT string_agg(version_num, ', ') FROM alembic_version");
  return rows && !rows->empty() && !rows->is_null(0, 0) ? rows->text(0, 0) : std::string("none");
}

}  // namespace

MigrationRoundTripDrill::MigrationRoundTripDrill()
    : DrillRule(RuleInfo{"DRL002", "drills", "The newest migration's downgrade undoes its upgrade",
                         Severity::medium,
                         "make the newest migration's downgrade() the exact inverse of its "
                         "upgrade() (every column, index, constraint and default), so that a "
                         "rollback of the release can take the schema with it"}) {}

std::optional<std::string> MigrationRoundTripDrill::not_applicable(const Context& ctx) const {
  if (!ctx.config.drills.migrations) {
    return "the migration drill is turned off (drills.migrations: false)";
  }
  const std::string& kind = ctx.config.dependencies.postgres->migrations;
  if (kind != "auto" && kind != "alembic") {
    return fmt::format("the drill runs alembic migrations; this project's are {}", kind);
  }
  if (!pg::alembic_state(ctx.root)) {
    return "the project has no alembic migrations";
  }
  return std::nullopt;
}

std::vector<Result> MigrationRoundTripDrill::drill(const Context& ctx,
                                                   const drill::Setup& setup) const {
  const auto state = pg::alembic_state(ctx.root);
  const auto home = alembic_home(ctx.root, *state);
  if (!home) {
    return {error(fmt::format("no alembic.ini beside {}: cannot run alembic", state->where))};
  }
  drill::TempDir dir;
  if (!dir.ok()) {
    return {error("cannot create a private temporary directory for the dump")};
  }
  const auto file = dir.path() / "copy.dump";
  if (auto dumped = drill::dump(setup, file); !dumped) {
    return {error("cannot copy the database: " + dumped.error())};
  }
  auto scratch = drill::ScratchDatabase::create(setup);
  if (!scratch) {
    return {error(scratch.error())};
  }
  if (auto restored = drill::restore(setup, file, *scratch); !restored) {
    return {error("cannot copy the database: " + restored.error())};
  }
  auto copy = scratch->connect();
  if (!copy) {
    return {error(copy.error())};
  }
  const auto before = postgres::schema_outline(*copy);
  if (!before) {
    return {error(pg::query_failed("the copy's schema", before.error()))};
  }
  const std::string from = current_revision(*copy);
  const auto& config = ctx.config;
  process::Command command;
  command.cwd = *home;
  command.env = migration_env(ctx, config.dependencies.postgres->url_env, scratch->url());
  const auto run_step = [&](std::vector<std::string> args) {
    command.argv = config.drills.migrate_command;
    command.argv.insert(command.argv.end(), args.begin(), args.end());
    command.timeout = setup.left();
    return process::run(command);
  };
  const std::string tool = fmt::format("{}", fmt::join(config.drills.migrate_command, " "));
  const auto down = run_step({"downgrade", "-1"});
  if (!down.ok()) {
    return {fail(fmt::format("`{} downgrade -1` failed on the scratch copy ({}){}", tool,
                             down.status_text(),
                             down.last_line().empty() ? "" : ": " + down.last_line()))};
  }
  const std::string middle = current_revision(*copy);
  const auto up = run_step({"upgrade", "heads"});
  if (!up.ok()) {
    return {
        fail(fmt::format("`{} upgrade heads` after the downgrade failed ({}){}", tool,
                         up.status_text(), up.last_line().empty() ? "" : ": " + up.last_line()))};
  }
  const auto after = postgres::schema_outline(*copy);
  if (!after) {
    return {error(pg::query_failed("the copy's schema", after.error()))};
  }
  const std::string evidence =
      fmt::format("revisions {} -> {} -> {}; downgrade {}, upgrade {}", from, middle,
                  current_revision(*copy), pg::human(down.duration), pg::human(up.duration));
  const auto differences = postgres::outline_difference(*before, *after);
  if (!differences.empty()) {
    return {fail(fmt::format("after downgrade -1 and upgrade, the schema differs from before: {}",
                             pg::listing(differences, 3)),
                 fmt::format("{}\n{}", evidence, fmt::join(differences, "\n")))};
  }
  return {pass(fmt::format("downgrade -1 then upgrade on a scratch copy left the schema as it "
                           "was ({} lines compared)",
                           before->size()),
               evidence)};
}

}  // namespace shipcheck::checks
