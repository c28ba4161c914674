// DKR022: a RUN whose shell script has a pipe (`curl ... | sh`, `... | tee log`) runs with
// pipefail: SHELL ["/bin/bash", "-o", "pipefail", "-c"] earlier in the stage (or a stage it
// builds on), or `set -o pipefail` in the script before the pipe. Without it, /bin/sh
// takes the pipe's status from its last command and a failed download is a passing step.
// Exec-form RUNs without a shell, and stages whose shell is not a POSIX shell (PowerShell,
// cmd on Windows), are not judged.
#include "checks/docker/pipefail.h"

#include <algorithm>
#include <array>
#include <optional>

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "checks/docker/shell.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

constexpr std::size_t k_none = std::string_view::npos;

struct ShellState {
  bool posix = true;
  bool pipefail = false;
};

std::string program_name(std::string_view word) {
  const std::size_t slash = word.find_last_of("/\\");
  std::string name = to_lower(slash == k_none ? word : word.substr(slash + 1));
  if (name.ends_with(".exe")) {
    name.resize(name.size() - 4);
  }
  return name;
}

bool is_posix_shell(std::string_view program) {
  static constexpr std::array<std::string_view, 8> k_shells = {"sh",  "bash", "ash",  "dash",
                                                               "zsh", "ksh",  "mksh", "busybox"};
  return std::find(k_shells.begin(), k_shells.end(), program) != k_shells.end();
}

// Whether `words` (a command line from its first option on) turns pipefail on:
// `-o pipefail`, or a cluster ending in o (`-euxo pipefail`).
bool sets_pipefail(const std::vector<std::string>& words, std::size_t from) {
  for (std::size_t i = from + 1; i < words.size(); ++i) {
    const std::string& option = words[i - 1];
    if (words[i] == "pipefail" && option.size() > 1 && option[0] == '-' && option[1] != '-' &&
        option.back() == 'o') {
      return true;
    }
  }
  return false;
}

ShellState state_of_shell(const std::vector<std::string>& words) {
  if (words.empty()) {
    return {};
  }
  const std::string program = program_name(words[0]);
  return {is_posix_shell(program), is_posix_shell(program) && sets_pipefail(words, 1)};
}

bool windows_stage(const dockerfile::File& file, const dockerfile::Stage& stage) {
  const std::string image = to_lower(stage.image);
  return file.escape == '`' || image.find("windows") != k_none ||
         image.find("nanoserver") != k_none || image.find("servercore") != k_none;
}

// Heredoc delimiters opened on a script line (`<<EOF`, `<<-'EOF'`), for skipping bodies.
std::vector<std::string> heredoc_delimiters(std::string_view line) {
  std::vector<std::string> out;
  for (std::size_t at = line.find("<<"); at != k_none; at = line.find("<<", at + 2)) {
    std::size_t i = at + 2;
    if (i < line.size() && (line[i] == '<')) {
      at = i;
      continue;  // a here-string
    }
    i += (i < line.size() && line[i] == '-') ? 1 : 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
      ++i;
    }
    std::string word;
    for (; i < line.size() && std::string_view(" \t;&|<>()").find(line[i]) == k_none; ++i) {
      if (line[i] != '\'' && line[i] != '"' && line[i] != '\\') {
        word += line[i];
      }
    }
    if (!word.empty()) {
      out.push_back(std::move(word));
    }
  }
  return out;
}

// Offset of the first pipe `|` (or `|&`) of a shell script that is code: not `||`, not
// `>|`, not quoted, not in a comment or a heredoc body. k_none when there is none.
std::size_t first_pipe(std::string_view s) {
  char quote = 0;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (quote != 0) {
      if (c == '\\' && quote == '"') {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '\\') {
      ++i;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '#' && (i == 0 || std::string_view(" \t\n;&|(").find(s[i - 1]) != k_none)) {
      i = std::min(s.find('\n', i), s.size()) - 1;
    } else if (c == '\n') {
      // Skip the bodies of heredocs opened on the line just ended.
      for (const std::string& delimiter :
           heredoc_delimiters(s.substr(line_start, i - line_start))) {
        while (i + 1 < s.size()) {
          const std::size_t eol = std::min(s.find('\n', i + 1), s.size());
          const std::string_view body_line = trim(s.substr(i + 1, eol - i - 1));
          i = eol;
          if (body_line == delimiter) {
            break;
          }
        }
      }
      line_start = i + 1;
    } else if (c == '|') {
      const bool double_bar = i + 1 < s.size() && s[i + 1] == '|';
      const bool clobber = i > 0 && s[i - 1] == '>';
      if (double_bar) {
        ++i;
      } else if (!clobber) {
        return i;
      }
    }
  }
  return k_none;
}

// Whether a command of `script` before `pipe` is `set ... -o pipefail`.
bool script_sets_pipefail(std::string_view script, std::size_t pipe) {
  const auto commands = docker::parse_script(script.substr(0, pipe));
  return std::any_of(commands.begin(), commands.end(), [](const docker::Command& c) {
    return c.program() == "set" && sets_pipefail(c.words, 1);
  });
}

// The script of `sh -c script` in exec form and whether the shell's options set pipefail.
std::optional<std::pair<std::string, bool>> exec_script(const dockerfile::Instruction& ins) {
  const auto& words = ins.words;
  if (words.empty() || !is_posix_shell(program_name(words[0]))) {
    return std::nullopt;
  }
  for (std::size_t i = 1; i + 1 < words.size(); ++i) {
    if (words[i].size() > 1 && words[i][0] == '-' && words[i][1] != '-' &&
        words[i].find('c') != k_none) {
      return std::make_pair(words[i + 1], sets_pipefail(words, 1));
    }
  }
  return std::nullopt;
}

// The scripts a RUN runs, each with whether pipefail is already on for it.
std::vector<std::pair<std::string_view, bool>> scripts(const dockerfile::Instruction& ins,
                                                       const ShellState& shell,
                                                       std::string& exec_holder) {
  std::vector<std::pair<std::string_view, bool>> out;
  if (ins.exec_form) {
    if (auto script = exec_script(ins)) {
      exec_holder = std::move(script->first);
      out.emplace_back(exec_holder, script->second);
    }
    return out;
  }
  if (!shell.posix) {
    return out;
  }
  out.emplace_back(ins.args, shell.pipefail);
  if (!ins.heredocs.empty() && !ins.words.empty()) {
    const std::string& first = ins.words[0];
    if (first.rfind("<<", 0) == 0) {  // RUN <<EOF: the body runs under SHELL
      out.emplace_back(ins.heredocs[0].body, shell.pipefail);
    } else if (is_posix_shell(program_name(first))) {  // RUN bash <<EOF: a shell of its own
      out.emplace_back(ins.heredocs[0].body, sets_pipefail(ins.words, 1));
    }
  }
  return out;
}

}  // namespace

DkrPipefail::DkrPipefail()
    : DockerRule(RuleInfo{"DKR022", "container", "A RUN with a pipe sets pipefail first",
                          Severity::low,
                          "add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before the "
                          "RUN (Alpine: `SHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]`), "
                          "or start the script with `set -o pipefail &&`"}) {}

void DkrPipefail::check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                             std::vector<Result>& out) const {
  std::vector<ShellState> final_states;  // per stage, after its last instruction
  for (const auto& stage : file.stages) {
    ShellState shell;
    if (stage.parent_stage && *stage.parent_stage < static_cast<int>(final_states.size())) {
      shell = final_states[static_cast<std::size_t>(*stage.parent_stage)];
    } else if (windows_stage(file, stage)) {
      shell.posix = false;  // cmd /S /C
    }
    for (const auto* ins : file.stage_instructions(stage)) {
      if (ins->keyword == "SHELL" && ins->exec_form) {
        shell = state_of_shell(ins->words);
      }
      if (ins->keyword != "RUN") {
        continue;
      }
      std::string exec_holder;
      for (const auto& [script, pipefail] : scripts(*ins, shell, exec_holder)) {
        const std::size_t pipe = first_pipe(script);
        if (!pipefail && pipe != k_none && !script_sets_pipefail(script, pipe)) {
          out.push_back(locate(fail("RUN has a pipe but pipefail is off: the pipe's status is "
                                    "its last command's, earlier failures go unnoticed",
                                    docker::evidence(*ins)),
                               source, file, *ins));
          break;
        }
      }
    }
    final_states.push_back(shell);
  }
}

std::string DkrPipefail::pass_message() const {
  return "every RUN with a pipe runs with pipefail";
}

}  // namespace shipcheck::checks
