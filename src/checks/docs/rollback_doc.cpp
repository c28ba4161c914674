// DOC004: know how to roll back before rolling out (see docs/rules/DOC004.md).
#include "checks/docs/rollback_doc.h"

#include <fmt/format.h>

#include "checks/docs/doc_files.h"
#include "core/text.h"

namespace shipcheck::checks {

namespace {

constexpr std::string_view k_rollback_places =
    "ROLLBACK.md, docs/rollback*.md, and a \"Rollback\" heading in README, RUNBOOK*.md, "
    "DEPLOY*.md, docs/*.md and docs/runbooks/";

bool is_rollback_name(std::string_view name) {
  return is_markdown_name(name) && name_starts_with(name, "rollback");
}

bool mentions_rollback(std::string_view title) {
  return contains_icase(title, "rollback") || contains_icase(title, "roll back") ||
         contains_icase(title, "rolling back") || contains_icase(title, "roll-back");
}

// Markdown files whose headings may hold a rollback section, root-relative.
std::vector<std::string> heading_candidates(const Context& ctx) {
  std::vector<std::string> files;
  if (const auto readme = find_readme(ctx)) {
    files.push_back(*readme);
  }
  const auto ops_doc = [](std::string_view name) {
    return is_markdown_name(name) &&
           (name_starts_with(name, "runbook") || name_starts_with(name, "playbook") ||
            name_starts_with(name, "deploy"));
  };
  for (auto& file : files_in(ctx.root, "", ops_doc)) {
    files.push_back(std::move(file));
  }
  for (std::string_view dir : {"docs", "docs/runbooks"}) {
    for (auto& file : files_in(ctx.root, dir, is_markdown_name)) {
      files.push_back(std::move(file));
    }
  }
  return files;
}

// "DEPLOY.md:42 (Rollback Plan)" for the first rollback heading found.
std::optional<std::string> find_rollback_heading(const Context& ctx) {
  for (const std::string& file : heading_candidates(ctx)) {
    const auto text = read_doc(ctx.root / file);
    for (const Heading& heading : markdown_headings(text.value_or(""))) {
      if (mentions_rollback(heading.text)) {
        return fmt::format("{}:{} ({})", file, heading.line, heading.text);
      }
    }
  }
  return std::nullopt;
}

}  // namespace

RollbackDoc::RollbackDoc()
    : Check(RuleInfo{"DOC004", "docs", "Rollback procedure is documented", Severity::medium,
                     "write the rollback steps (previous release, database downgrade, who "
                     "decides) in ROLLBACK.md or a \"Rollback\" section of the runbook"}) {}

std::vector<Result> RollbackDoc::run(const Context& ctx) const {
  const std::string& configured = ctx.config.docs.rollback;
  if (!configured.empty()) {
    if (const auto file = configured_doc(ctx, configured)) {
      return {pass(fmt::format("rollback procedure: {}", *file))};
    }
    Result r = fail(fmt::format("docs.rollback names {}, which is missing or empty", configured));
    r.location = Location{configured, 0, 0, {}};
    return {std::move(r)};
  }
  for (std::string_view dir : {"", "docs"}) {
    for (const std::string& file : files_in(ctx.root, dir, is_rollback_name)) {
      if (count_nonempty_lines(read_doc(ctx.root / file).value_or("")) > 0) {
        return {pass(fmt::format("rollback procedure: {}", file))};
      }
    }
  }
  if (const auto heading = find_rollback_heading(ctx)) {
    return {pass(fmt::format("rollback procedure: {}", *heading))};
  }
  return {fail("no rollback procedure found", fmt::format("looked for {}", k_rollback_places))};
}

}  // namespace shipcheck::checks
