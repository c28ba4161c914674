// Helpers the DKR checks share: evidence text, stages of the final image, ENV/ARG/LABEL
// pairs and the variables in scope at an instruction.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engines/dockerfile/dockerfile.h"

namespace shipcheck::checks::docker {

// `text` with URL passwords hidden, runs of whitespace (newlines included) collapsed to
// one space, trimmed, and cut to at most `max` bytes (on a UTF-8 boundary, "…" appended).
std::string evidence(std::string_view text, std::size_t max = 120);

// The instruction as evidence: its source text, collapsed and cut.
std::string evidence(const dockerfile::Instruction& ins);

// "build" for a named stage, "stage 2" for an unnamed one, "global" for ARGs before FROM.
std::string stage_label(const dockerfile::File& file, int stage);

// The stages whose instructions end up in the final image: the final stage and the stages
// it builds on through `FROM <earlier stage>`, final first. Empty when there is no stage.
std::vector<const dockerfile::Stage*> final_chain(const dockerfile::File& file);

// True iff stage `index` is in final_chain(file).
bool in_final_image(const dockerfile::File& file, int index);

// The instructions of the final image in build order (the oldest ancestor stage first,
// each stage's FROM included).
std::vector<const dockerfile::Instruction*> final_image_instructions(const dockerfile::File& file);

// KEY=value pairs of an ENV, ARG or LABEL instruction, in order. The legacy form
// `ENV KEY value with spaces` gives one pair; `ARG NAME` (no default) gives has_value=false.
struct KeyValue {
  std::string key;
  std::string value;
  bool has_value = false;
};
std::vector<KeyValue> key_values(const dockerfile::Instruction& ins);

// True iff every variable `word` references ($X, ${X}, ${X:-d}, ...) is in `vars` or has a
// default in the reference itself, so dockerfile::expand() gives the value the build would
// (with default build arguments). False when the value depends on an unknown variable.
bool resolvable(std::string_view word, const std::map<std::string, std::string>& vars,
                char escape = '\\');

// The global ARGs (before the first FROM) that have a non-empty default: what FROM lines
// are expanded with.
std::map<std::string, std::string> global_variables(const dockerfile::File& file);

// Stage `index` and the stages it builds on through `FROM <earlier stage>`, oldest first.
std::vector<const dockerfile::Stage*> stage_chain(const dockerfile::File& file, int index);

// A FROM that names an image (not an earlier stage, not `scratch`) whose variables all
// resolve with the global ARGs' defaults.
struct BaseImage {
  const dockerfile::Instruction* from = nullptr;
  const dockerfile::Stage* stage = nullptr;
  std::string image;  // expanded
  dockerfile::ImageRef ref;
};
std::vector<BaseImage> base_images(const dockerfile::File& file);

// True iff an ADD source is fetched from the network: http(s)://, git@host:..., git://,
// ssh://, or a URL ending in .git.
bool is_remote_source(std::string_view source);

// The sources of an ADD or COPY: every word but the last (the destination).
std::vector<std::string> sources(const dockerfile::Instruction& ins);

// Targets of the instruction's --mount flags of the given type ("cache", "tmpfs", ...;
// empty = any type).
std::vector<std::string> mount_targets(const dockerfile::Instruction& ins,
                                       std::string_view type = {});

// True iff some instruction of `file` before `ins`, in the chain of stages `ins` belongs
// to, is a `keyword` instruction whose arguments contain `needle`.
bool earlier_mentions(const dockerfile::File& file, const dockerfile::Instruction& ins,
                      std::string_view keyword, std::string_view needle);

// Index of `ins` in file.instructions.
std::size_t index_of(const dockerfile::File& file, const dockerfile::Instruction& ins);

}  // namespace shipcheck::checks::docker
