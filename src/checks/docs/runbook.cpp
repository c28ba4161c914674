// DOC002: on-call needs a runbook (see docs/rules/DOC002.md).
#include "checks/docs/runbook.h"

#include <fmt/format.h>

#include "checks/docs/doc_files.h"

namespace shipcheck::checks {

namespace {

constexpr std::string_view k_runbook_places =
    "RUNBOOK.md, PLAYBOOK.md, docs/runbook*.md, docs/playbook*.md, runbooks/, docs/runbooks/, "
    "docs/playbooks/";

bool is_runbook_name(std::string_view name) {
  return is_markdown_name(name) &&
         (name_starts_with(name, "runbook") || name_starts_with(name, "playbook"));
}

// The first non-empty runbook among the conventional places, root-relative.
std::optional<std::string> detect(const Context& ctx) {
  for (std::string_view dir : {"", "docs"}) {
    for (const std::string& file : files_in(ctx.root, dir, is_runbook_name)) {
      if (count_nonempty_lines(read_doc(ctx.root / file).value_or("")) > 0) {
        return file;
      }
    }
  }
  for (std::string_view dir : {"runbooks", "docs/runbooks", "docs/playbooks", "playbooks"}) {
    if (auto file = first_markdown_under(ctx.root, dir)) {
      return file;
    }
  }
  return std::nullopt;
}

}  // namespace

Runbook::Runbook()
    : Check(RuleInfo{"DOC002", "docs", "Runbook is present", Severity::medium,
                     "write RUNBOOK.md (or docs/runbook.md): how to deploy, check health, read "
                     "logs, scale, roll back, and whom to call"}) {}

std::vector<Result> Runbook::run(const Context& ctx) const {
  const std::string& configured = ctx.config.docs.runbook;
  if (!configured.empty()) {
    if (const auto file = configured_doc(ctx, configured)) {
      return {pass(fmt::format("runbook: {}", *file))};
    }
    Result r = fail(fmt::format("docs.runbook names {}, which is missing or empty", configured));
    r.location = Location{configured, 0, 0, {}};
    return {std::move(r)};
  }
  if (const auto file = detect(ctx)) {
    return {pass(fmt::format("runbook: {}", *file))};
  }
  return {fail("no runbook found", fmt::format("looked for {}", k_runbook_places))};
}

}  // namespace shipcheck::checks
