// CMD001: the seeds' checklists carry their own commands ("pytest -v", "alembic current")
// in code blocks under an item. `import` keeps them as `commands:` entries, off until a
// person has read them; enabled ones run here with /bin/sh in the project root, one after
// another, each with its timeout, and pass on exit 0. A command's output is not ours to
// trust: the evidence keeps only its last line and the command's first, with any
// credential-shaped word in them redacted.
#include "checks/commands/command_exits_zero.h"

#include <charconv>

#include <fmt/format.h>

#include "checks/context.h"
#include "core/duration.h"
#include "core/redact.h"
#include "core/text.h"
#include "engines/process/process.h"

namespace shipcheck::checks {
namespace {

constexpr std::chrono::milliseconds k_default_timeout{120'000};

std::chrono::milliseconds timeout_of(const CommandCheck& command) {
  return parse_duration(command.timeout).value_or(k_default_timeout);
}

// "DEPLOY.md:17" -> {DEPLOY.md, 17}; a source without a line keeps line 0.
std::optional<Location> location_of(const std::string& source) {
  if (source.empty()) {
    return std::nullopt;
  }
  Location location;
  location.file = source;
  const auto colon = source.rfind(':');
  int line = 0;
  if (colon != std::string::npos &&
      std::from_chars(source.data() + colon + 1, source.data() + source.size(), line).ec ==
          std::errc() &&
      line > 0) {
    location.file = source.substr(0, colon);
    location.line = line;
  }
  return location;
}

// `text` with each word that looks like a credential redacted.
std::string scrub_words(std::string_view text) {
  std::string out;
  for (const auto& word : split(text, ' ')) {
    out += out.empty() ? "" : " ";
    out += looks_random(word) ? redact_value(word) : word;
  }
  return out;
}

// The command as one line: its first non-empty, non-comment line, "..." when there are more.
std::string shown_command(const std::string& run) {
  std::vector<std::string> lines;
  for (const auto& line : split(run, '\n')) {
    const auto text = trim(line);
    if (!text.empty() && text.front() != '#') {
      lines.emplace_back(text);
    }
  }
  if (lines.empty()) {
    return std::string(trim(run));
  }
  return lines.size() == 1 ? lines.front() : lines.front() + " ...";
}

std::string evidence_of(const CommandCheck& command, const process::Outcome& outcome) {
  const std::string last = scrub_words(outcome.last_line());
  return fmt::format("$ {} -> {} after {:.1f}s{}", scrub_words(shown_command(command.run)),
                     outcome.status_text(), static_cast<double>(outcome.duration.count()) / 1e3,
                     last.empty() ? "" : "; last output: " + last);
}

}  // namespace

CommandExitsZero::CommandExitsZero()
    : Check(RuleInfo{"CMD001", "commands", "The checklist's commands exit 0", Severity::high,
                     "run the command by hand in the project root, fix what it reports, and run "
                     "shipcheck again; a command that no longer applies is removed from "
                     "`commands:` or set to enabled: false"}) {}

std::vector<Result> CommandExitsZero::run(const Context& ctx) const {
  const auto& commands = ctx.config.commands;
  if (commands.empty()) {
    return {skip("no commands: configured")};
  }
  std::vector<Result> results;
  for (const CommandCheck& command : commands) {
    Result r = command.enabled
                   ? Result{}
                   : skip(fmt::format("{}: not enabled; read it, then set enabled: true to run it",
                                      command.title));
    if (command.enabled) {
      process::Command run;
      run.argv = {"/bin/sh", "-c", command.run};
      run.cwd = ctx.root;
      run.timeout = timeout_of(command);
      const auto outcome = process::run(run);
      r = outcome.ok()
              ? pass(fmt::format("{}: exit 0", command.title), evidence_of(command, outcome))
              : fail(fmt::format("{}: {}", command.title, outcome.status_text()),
                     evidence_of(command, outcome));
    }
    r.target = "command:" + command.id;
    r.location = location_of(command.source);
    results.push_back(std::move(r));
  }
  return results;
}

std::chrono::milliseconds CommandExitsZero::timeout(const Context& ctx,
                                                    std::chrono::milliseconds run_timeout) const {
  std::chrono::milliseconds total{0};
  for (const CommandCheck& command : ctx.config.commands) {
    total += command.enabled ? timeout_of(command) : std::chrono::milliseconds{0};
  }
  return std::max(run_timeout, total + std::chrono::milliseconds{5'000});
}

}  // namespace shipcheck::checks
