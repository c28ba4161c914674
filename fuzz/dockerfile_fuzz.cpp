// libFuzzer target for the Dockerfile parser: any bytes parse or fail cleanly with a
// position inside the input, and what comes back is consistent (instructions in order,
// stages covering them, positions inside the text); expand and parse_image never crash.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "engines/dockerfile/dockerfile.h"

namespace {

namespace df = shipcheck::dockerfile;

// abort() is what libFuzzer and the replay driver both report as a failure.
void require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

int line_count(std::string_view text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
}

void require_inside(const df::Pos& pos, int lines) {
  require(pos.line >= 1 && pos.line <= lines);
  require(pos.column >= 1);
}

void check_instructions(const df::File& file, int lines) {
  int previous = 0;
  for (const df::Instruction& ins : file.instructions) {
    require(!ins.keyword.empty());
    require_inside(ins.pos, lines);
    require(ins.pos.line > previous);
    require(ins.end_line >= ins.pos.line && ins.end_line <= lines);
    require(ins.args_pos.line >= ins.pos.line && ins.args_pos.line <= ins.end_line);
    for (const df::Flag& flag : ins.flags) {
      require(flag.pos.line >= ins.pos.line && flag.pos.line <= ins.end_line);
    }
    for (const df::Heredoc& doc : ins.heredocs) {
      require(doc.pos.line > ins.pos.line && doc.pos.line <= ins.end_line);
    }
    require(ins.stage >= -1 && ins.stage < static_cast<int>(file.stages.size()));
    require(ins.stage != -1 || ins.keyword == "ARG");
    previous = ins.end_line;
  }
}

void check_stages(const df::File& file) {
  std::size_t next = 0;
  for (std::size_t i = 0; i < file.stages.size(); ++i) {
    const df::Stage& stage = file.stages[i];
    require(stage.index == static_cast<int>(i));
    require(stage.from >= next && stage.from < stage.end);
    require(stage.end <= file.instructions.size());
    require(file.instructions[stage.from].keyword == "FROM");
    require(!stage.parent_stage || *stage.parent_stage < stage.index);
    next = stage.end;
  }
  require(file.stages.empty() || file.stages.back().end == file.instructions.size());
}

// Expansion and image splitting on everything the parser produced.
void exercise_words(const df::File& file) {
  const std::map<std::string, std::string> args = file.global_args();
  for (const df::Instruction& ins : file.instructions) {
    (void)df::expand(ins.args, args, file.escape);
    for (const std::string& word : ins.words) {
      (void)df::expand(word, args, file.escape);
      const df::ImageRef ref = df::parse_image(word);
      require(ref.path.size() + ref.tag.size() + ref.digest.size() <= word.size());
    }
    (void)ins.key_values();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming): libFuzzer API
    const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const int lines = line_count(text);
  const auto parsed = df::parse(text, "Dockerfile");
  if (!parsed) {
    const shipcheck::ParseError& error = parsed.error();
    require(error.line >= 1 && error.line <= lines);
    require(error.column >= 1);
    require(!error.message.empty() && !error.hint.empty());
    return 0;
  }
  require(parsed->lines <= lines);
  require(parsed->escape == '\\' || parsed->escape == '`');
  check_instructions(*parsed, lines);
  check_stages(*parsed);
  exercise_words(*parsed);
  return 0;
}
