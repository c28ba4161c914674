// Dockerfile parser: what BuildKit's frontend accepts, as a syntax tree with 1-based
// positions for every instruction, so rules can point at the line and column they judge.
// Our own because no Debian package parses Dockerfiles (BuildKit's parser is Go).
//
// Handles parser directives (# syntax=, # escape=, # check=), continuations with either
// escape character, comment and empty lines inside continuations, JSON (exec) and shell
// forms, heredocs (RUN <<EOF, <<-EOF, quoted delimiters, several per instruction), ARG
// before the first FROM, multi-stage builds with named stages, a UTF-8 BOM and CRLF.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "core/parse_error.h"

namespace shipcheck::dockerfile {

struct Pos {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in bytes
};

// `--name=value` (or `--name` alone) before an instruction's arguments: COPY --from=build,
// RUN --mount=type=secret,id=x, ADD --chown=app, FROM --platform=linux/amd64.
struct Flag {
  std::string name;  // without the dashes: "from"
  std::string value;
  bool has_value = false;
  Pos pos;
};

struct Heredoc {
  std::string delimiter;  // "EOF"
  // The lines between the opener and the delimiter, each ending in '\n' (CRLF read as LF),
  // leading tabs already removed for <<-EOF: the text the build sees.
  std::string body;
  bool strip_tabs = false;  // <<-EOF
  bool expand = true;       // false when the delimiter was quoted (<<'EOF')
  Pos pos;                  // the first body line (the delimiter's line when the body is empty)
};

// One `name=value` of ENV, LABEL or ARG (quotes removed, not expanded).
struct KeyValue {
  std::string key;
  std::string value;
  bool has_value = false;  // false for `ARG NAME` without a default
};

struct Instruction {
  std::string keyword;   // upper case: "FROM", "RUN", "COPY", ...; unknown keywords kept
  std::string original;  // the instruction's source text, continuations included
  // The arguments after the keyword and the flags, continuations joined: escape+newline
  // removed, comment lines inside the continuation dropped, surrounding blanks trimmed.
  std::string args;
  std::vector<Flag> flags;
  // Exec form: args is a JSON array of strings (CMD ["a", "b"]); `words` holds them.
  // Shell form: `words` holds args split like a shell would for simple cases (quotes
  // removed, no expansion), good enough for flags and package names.
  bool exec_form = false;
  std::vector<std::string> words;
  std::vector<Heredoc> heredocs;
  Pos pos;           // the keyword
  Pos args_pos;      // the first character of the arguments (after flags)
  int end_line = 0;  // last source line of the instruction (continuations, heredocs)
  int stage = -1;    // index into File::stages; -1 for ARGs before the first FROM

  const Flag* flag(std::string_view name) const;  // first flag called `name`, or nullptr
  // ENV, LABEL, ARG: the pairs, from `words`. The legacy `ENV NAME some value` form gives
  // one pair whose value is the remaining words joined by single spaces. Empty for others.
  std::vector<KeyValue> key_values() const;
};

struct Stage {
  int index = 0;
  std::string name;       // `AS name` in lower case; empty when unnamed
  std::string image;      // the FROM image with global ARGs (and their defaults) expanded
  std::string image_raw;  // as written
  std::string platform;   // --platform value, as written
  std::size_t from = 0;   // index of its FROM in File::instructions
  std::size_t end = 0;    // one past its last instruction
  // The stage builds on an earlier stage (FROM <name>) rather than an image; its index.
  std::optional<int> parent_stage;
};

struct Directive {
  std::string name;  // lower case: "syntax", "escape", "check"
  std::string value;
  Pos pos;
};

struct Comment {
  std::string text;  // after the '#', trimmed
  Pos pos;
};

struct File {
  std::vector<Directive> directives;
  char escape = '\\';
  std::vector<Instruction> instructions;  // in file order, ARGs before FROM included
  std::vector<Stage> stages;              // in file order; empty when there is no FROM
  std::vector<Comment> comments;          // every comment line (not directives)
  int lines = 0;

  const Stage* final_stage() const { return stages.empty() ? nullptr : &stages.back(); }
  // Instructions of stage `s`, FROM included.
  std::vector<const Instruction*> stage_instructions(const Stage& s) const;
  // Global ARG name -> default (ARGs before the first FROM).
  std::map<std::string, std::string> global_args() const;
};

// Parses `text` (the whole file). `file_name` only labels errors. Errors, each at a
// 1-based line:column, are what BuildKit refuses: an escape directive other than \ or `,
// a repeated directive, an unterminated heredoc, an unknown instruction (with a "did you
// mean" or missing-continuation hint), an instruction other than ARG before the first FROM,
// FROM without an image or with other than one or three arguments, an invalid stage
// name, ENV/LABEL without `=` pairs, a JSON array holding non-strings, missing arguments
// (COPY/ADD need a destination), a bad ONBUILD trigger. Not errors: an empty file or one of
// only comments (zero stages), a JSON-looking array that does not parse (Docker runs it as
// shell form), a line continuation at end of file, repeated stage names (DKR025 reports
// those). Never throws; never reads more than `text`; linear in its size.
tl::expected<File, ParseError> parse(std::string_view text, std::string_view file_name = {});

// Variable substitution as BuildKit does it: $VAR, ${VAR}, ${VAR:-default}, ${VAR-default},
// ${VAR:+alt}, ${VAR+alt}; the escape character quotes a `$`. Unknown variables expand to
// the empty string (or the default). Bounded: no recursion into substituted values.
std::string expand(std::string_view word, const std::map<std::string, std::string>& vars,
                   char escape = '\\');

// An image reference split into its parts: "registry:5000/team/app:1.2@sha256:abc".
struct ImageRef {
  std::string registry;  // "registry:5000"; empty for Docker Hub
  std::string path;      // "team/app"
  std::string tag;       // "1.2"; empty when absent
  std::string digest;    // "sha256:abc"; empty when absent
};
ImageRef parse_image(std::string_view reference);

}  // namespace shipcheck::dockerfile
