// DKR024: COPY --from and RUN --mount from= name an earlier stage (by name or index) or an
// image. A reference to the stage itself is a cycle BuildKit refuses; one to a later stage
// (or to a name that a later stage takes over) fails with the classic builder and, under
// BuildKit, makes the build order differ from the reading order.
#include "checks/docker/stage_references.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

// A --from value: what it names, or why it is wrong.
struct Reference {
  std::string keyword;  // "COPY --from" or "RUN --mount from"
  std::string value;
  const dockerfile::Flag* flag = nullptr;
};

// The `from=` of each --mount flag of a RUN, and the --from of a COPY.
std::vector<Reference> references(const dockerfile::Instruction& ins) {
  std::vector<Reference> out;
  for (const auto& flag : ins.flags) {
    if (ins.keyword == "COPY" && flag.name == "from") {
      out.push_back({"COPY --from", flag.value, &flag});
    }
    if (ins.keyword != "RUN" || flag.name != "mount") {
      continue;
    }
    for (const auto& field : split(flag.value, ',')) {
      const auto eq = field.find('=');
      if (eq != std::string::npos && to_lower(trim(field.substr(0, eq))) == "from") {
        out.push_back({"RUN --mount from", std::string(trim(field.substr(eq + 1))), &flag});
      }
    }
  }
  return out;
}

std::optional<int> stage_index(std::string_view value) {
  if (value.empty() || value.size() > 6 ||
      value.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  return std::stoi(std::string(value));
}

// The stage BuildKit binds a name to: the last one so called.
const dockerfile::Stage* stage_named(const dockerfile::File& file, const std::string& name) {
  const dockerfile::Stage* found = nullptr;
  for (const auto& stage : file.stages) {
    found = stage.name == name ? &stage : found;
  }
  return found;
}

// Why `ref`, used in stage `current`, is wrong; nullopt when it is fine.
std::optional<std::string> problem(const dockerfile::File& file, const Reference& ref,
                                   int current) {
  const std::string shown = fmt::format("{}={}", ref.keyword, ref.value);
  if (ref.keyword == "COPY --from" && ref.value.find('$') != std::string::npos) {
    return fmt::format(
        "{}: BuildKit does not expand variables in --from (define a stage "
        "`FROM ${{VAR}} AS name` and copy from it)",
        shown);
  }
  int target = -1;
  if (const auto index = stage_index(ref.value)) {
    if (*index >= static_cast<int>(file.stages.size())) {
      return fmt::format("{}: there is no stage {} (stages count from 0; this file has {})", shown,
                         *index, file.stages.size());
    }
    target = *index;
  } else if (const auto* named = stage_named(file, to_lower(ref.value))) {
    target = named->index;
  } else {
    return std::nullopt;  // an image
  }
  const int line = file.instructions[file.stages[static_cast<std::size_t>(target)].from].pos.line;
  if (target == current) {
    return fmt::format("{} names its own stage (line {}): a stage cannot read from itself", shown,
                       line);
  }
  if (target > current) {
    return fmt::format(
        "{} names the stage on line {}, which comes after this one: read only "
        "from an earlier stage",
        shown, line);
  }
  return std::nullopt;
}

}  // namespace

DkrStageReferences::DkrStageReferences()
    : DockerRule(RuleInfo{"DKR024", "container",
                          "COPY --from and RUN --mount from= name an earlier stage or an image",
                          Severity::high,
                          "move the stage you copy from above the stage that copies, or name "
                          "the right stage; with variables, define `FROM ${VAR} AS name` first "
                          "and use --from=name"}) {}

void DkrStageReferences::check_file(const infra::DockerfileSource& source,
                                    const dockerfile::File& file, std::vector<Result>& out) const {
  for (const auto& ins : file.instructions) {
    if (ins.stage < 0) {
      continue;
    }
    for (const auto& ref : references(ins)) {
      if (auto message = problem(file, ref, ins.stage)) {
        Result r = locate(fail(std::move(*message), docker::evidence(ins)), source, file, ins,
                          ref.keyword + "=" + ref.value);
        r.location->line = ref.flag->pos.line;
        r.location->column = ref.flag->pos.column;
        out.push_back(std::move(r));
      }
    }
  }
}

std::string DkrStageReferences::pass_message() const {
  return "every COPY --from and RUN --mount from= names an earlier stage or an image";
}

}  // namespace shipcheck::checks
