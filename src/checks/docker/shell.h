// The shell commands inside RUN (and shell-form CMD/ENTRYPOINT) instructions, split well
// enough for rules about package managers: simple commands with quotes removed, wrappers
// (sudo, env, exec, ...) and VAR=value prefixes taken off, `sh -c '...'` and heredoc
// scripts (RUN <<EOF) followed. Not a shell: no expansion, no functions, no aliases.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engines/dockerfile/dockerfile.h"

namespace shipcheck::checks::docker {

struct Command {
  // Program (its base name: "/usr/bin/apt-get" -> "apt-get") and arguments, quotes removed.
  std::vector<std::string> words;
  std::map<std::string, std::string> env;  // VAR=value prefixes and `env VAR=value`
  bool sudo = false;                       // run through sudo
  std::string text;                        // the command as written, whitespace collapsed

  std::string_view program() const { return words.empty() ? std::string_view() : words[0]; }
};

// The simple commands of a shell script, split at ;, &&, ||, |, &, newlines, parentheses
// and reserved words (if/then/do/...), redirections dropped. `depth` bounds how far
// `sh -c` scripts are followed.
std::vector<Command> parse_script(std::string_view script, int depth = 0);

// The commands of a RUN, CMD or ENTRYPOINT: the shell form's script and the scripts of its
// heredocs when they run as shell (`RUN <<EOF`, `RUN bash <<EOF`); the exec form's words as
// one command (or its script when it is `sh -c script`).
std::vector<Command> commands(const dockerfile::Instruction& ins);

// An option of a command line: "-y", "--no-install-recommends", "--omit" with value "dev".
struct Option {
  std::string name;  // with its dashes
  std::string value;
};

// A command's arguments from words[from] on: positional ones and options. Short clusters
// split ("-yq" -> -y, -q) unless the first letter takes a value ("-rreq.txt");
// "--name=value" and "-q=2" carry their value; names in `with_value` take the next word.
// After "--" everything is positional.
struct Args {
  std::vector<std::string> positional;
  std::vector<Option> options;

  bool has(std::initializer_list<std::string_view> names) const;
  // Values of every option called one of `names`.
  std::vector<std::string> values(std::initializer_list<std::string_view> names) const;
};
Args parse_args(const std::vector<std::string>& words, std::size_t from,
                const std::vector<std::string_view>& with_value);

}  // namespace shipcheck::checks::docker
