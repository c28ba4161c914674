// GIT005: `alembic upgrade head` needs exactly one head (see docs/rules/GIT005.md).
#include "checks/repo/migrations_single_head.h"

#include <fstream>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/repo/alembic_setup.h"
#include "checks/repo/git_facts.h"
#include "engines/alembic/alembic.h"

namespace shipcheck::checks {

namespace {

constexpr std::streamsize k_max_script_bytes = 4 << 20;

tl::expected<alembic::Revision, ParseError> parse_script(const std::filesystem::path& root,
                                                         const std::string& script) {
  std::ifstream in(root / script, std::ios::binary);
  std::string text(static_cast<std::size_t>(k_max_script_bytes) + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.gcount() > k_max_script_bytes) {
    return tl::make_unexpected(ParseError{script, 0, 0, "larger than 4 MiB; not read", {}});
  }
  text.resize(static_cast<std::size_t>(in.gcount()));
  return alembic::parse_revision(text, script);
}

std::string where(const std::vector<std::string>& dirs) {
  return fmt::format("{}", fmt::join(dirs, ", "));
}

}  // namespace

MigrationsSingleHead::MigrationsSingleHead()
    : Check(RuleInfo{"GIT005", "repo", "Alembic migrations have a single head", Severity::high,
                     "merge the heads with `alembic merge heads -m \"merge heads\"`, or fix the "
                     "down_revision that names a missing revision"}) {}

std::vector<Result> MigrationsSingleHead::run(const Context& ctx) const {
  const GitFacts& git = git_facts(ctx);
  if (!git.error.empty()) {
    return {error(git.error)};
  }
  if (!git.repo) {
    return {skip("not a git repository")};
  }
  const auto setups = find_alembic_setups(ctx.root);
  if (setups.empty()) {
    return {skip("alembic is not used (no alembic.ini, no alembic/ directory)")};
  }
  std::vector<Result> out;
  for (const AlembicSetup& setup : setups) {
    check_setup(ctx, setup, out);
  }
  return out;
}

void MigrationsSingleHead::check_setup(const Context& ctx, const AlembicSetup& setup,
                                       std::vector<Result>& out) const {
  if (!setup.problem.empty()) {
    Result r = error(setup.problem);
    r.location = location_in(setup.source);
    out.push_back(std::move(r));
    return;
  }
  std::vector<alembic::Revision> revisions;
  bool unreadable = false;
  for (const std::string& script : migration_scripts(ctx.root, setup)) {
    auto parsed = parse_script(ctx.root, script);
    if (!parsed) {
      Result r = error(fmt::format("cannot read migration: {}", parsed.error().to_string()));
      r.location = location_in(script, parsed.error().line, parsed.error().column);
      out.push_back(std::move(r));
      unreadable = true;
      continue;
    }
    revisions.push_back(std::move(*parsed));
  }
  if (unreadable) {
    return;  // a missing node would make its children look dangling or heads
  }
  if (revisions.empty()) {
    Result r = fail(fmt::format("{} holds no migration scripts", where(setup.version_dirs)));
    r.location = location_in(setup.source);
    r.remediation = "create the first migration: `alembic revision --autogenerate -m \"initial\"`";
    out.push_back(std::move(r));
    return;
  }
  judge_graph(where(setup.version_dirs), revisions, out);
}

void MigrationsSingleHead::judge_graph(const std::string& dirs,
                                       const std::vector<alembic::Revision>& revisions,
                                       std::vector<Result>& out) const {
  std::map<std::string, const alembic::Revision*> by_id;
  for (const auto& rev : revisions) {
    by_id.emplace(rev.id, &rev);
  }
  const alembic::Graph graph = alembic::analyze(revisions);
  const std::size_t before = out.size();
  for (const auto& d : graph.dangling) {
    Result r = fail(fmt::format("revision {} names down_revision {}, which no migration defines",
                                d.revision, d.parent));
    r.location = location_in(d.file, d.line);
    out.push_back(std::move(r));
  }
  for (const auto& id : graph.duplicates) {
    Result r = fail(fmt::format("revision id {} is defined by more than one migration", id));
    r.location = location_in(by_id.at(id)->file, by_id.at(id)->line);
    out.push_back(std::move(r));
  }
  if (!graph.cycle.empty()) {
    out.push_back(fail(fmt::format("migrations form a cycle: {} -> {}",
                                   fmt::join(graph.cycle, " -> "), graph.cycle.front())));
  }
  if (graph.heads.size() > 1) {
    std::vector<std::string> heads;
    for (const auto& head : graph.heads) {
      heads.push_back(fmt::format("{} ({})", head, by_id.at(head)->file));
    }
    const alembic::Revision& first = *by_id.at(graph.heads.front());
    Result r = fail(
        fmt::format("{} has {} heads: {}", dirs, graph.heads.size(), fmt::join(graph.heads, ", ")),
        fmt::format("{}", fmt::join(heads, "\n")));
    r.location = location_in(first.file, first.line);
    out.push_back(std::move(r));
  }
  if (out.size() == before && graph.heads.size() == 1) {
    out.push_back(pass(fmt::format("{}: {} revision{}, single head {}", dirs, revisions.size(),
                                   revisions.size() == 1 ? "" : "s", graph.heads.front())));
  }
}

}  // namespace shipcheck::checks
