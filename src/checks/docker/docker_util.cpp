// Helpers the DKR checks share (docker_util.h).
#include "checks/docker/docker_util.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "core/redact.h"
#include "core/text.h"

namespace shipcheck::checks::docker {

namespace {

bool token_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         std::string_view("_+=-").find(c) != std::string_view::npos;
}

bool is_hex_digest(std::string_view run) {
  return (run.size() == 40 || run.size() == 64) &&
         run.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

bool random_mix(std::string_view run) {
  const auto has = [&](auto pred) { return std::any_of(run.begin(), run.end(), pred); };
  const bool digit = has([](char c) { return c >= '0' && c <= '9'; });
  const bool letter = has([](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); });
  return digit && letter && !is_hex_digest(run) && looks_random(run);
}

// A credential-looking run: 32+ random characters, or a random segment of 16+ between '-'
// and '_' (sk-proj-..., ghp_..., xoxb-...-...). Words, flags and versioned names
// (`--no-install-recommends`, `nodejs20-debian12`) are made of short or unmixed segments;
// commit and sha256 digests are pins, not secrets.
bool token_like(std::string_view run) {
  if (run.size() >= 32 && random_mix(run)) {
    return true;
  }
  for (std::size_t i = 0; i < run.size();) {
    const std::size_t end = std::min(run.find_first_of("-_", i), run.size());
    const std::string_view segment = run.substr(i, end - i);
    if (segment.size() >= 16 && random_mix(segment)) {
      return true;
    }
    i = end + 1;
  }
  return false;
}

// Random-looking tokens, and the values of secret-named assignments (TOKEN=..., in RUN
// lines too), replaced by their redacted form.
std::string redact_tokens(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t j = i;
    while (j < text.size() && token_char(text[j])) {
      ++j;
    }
    if (j == i) {
      out += text[i++];
      continue;
    }
    const std::string_view run = text.substr(i, j - i);
    const std::size_t eq = run.find('=');
    if (eq != std::string_view::npos && eq > 0 && eq + 1 < run.size() &&
        is_secret_name(run.substr(0, eq)) && run[eq + 1] != '$') {
      out += std::string(run.substr(0, eq + 1)) + redact_value(run.substr(eq + 1));
    } else {
      out += token_like(run) ? redact_value(run) : std::string(run);
    }
    i = j;
  }
  return out;
}

}  // namespace

std::string evidence(std::string_view text, std::size_t max) {
  std::string out;
  bool blank = false;
  // Instructions can carry credentials (curl -H "Authorization: ...", https://u:pw@host):
  // URL passwords and random-looking tokens never leave.
  const std::string scrubbed = redact_tokens(Redactor().scrub(text));
  for (char c : scrubbed) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
    if (space) {
      blank = !out.empty();
      continue;
    }
    if (blank) {
      out += ' ';
      blank = false;
    }
    out += c;
  }
  if (out.size() <= max) {
    return out;
  }
  std::size_t cut = max;
  // Back off continuation bytes so that a multi-byte character is never split.
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return out.substr(0, cut) + "…";
}

std::string evidence(const dockerfile::Instruction& ins) {
  return evidence(ins.original);
}

std::string stage_label(const dockerfile::File& file, int stage) {
  if (stage < 0 || static_cast<std::size_t>(stage) >= file.stages.size()) {
    return "global";
  }
  const auto& s = file.stages[static_cast<std::size_t>(stage)];
  return s.name.empty() ? fmt::format("stage {}", stage) : s.name;
}

std::vector<const dockerfile::Stage*> final_chain(const dockerfile::File& file) {
  std::vector<const dockerfile::Stage*> chain;
  const dockerfile::Stage* stage = file.final_stage();
  // Parents come strictly earlier in the file, so the walk ends; the bound is a guard.
  while (stage != nullptr && chain.size() <= file.stages.size()) {
    chain.push_back(stage);
    const auto parent = stage->parent_stage;
    if (!parent || *parent < 0 || *parent >= stage->index) {
      break;
    }
    stage = &file.stages[static_cast<std::size_t>(*parent)];
  }
  return chain;
}

bool in_final_image(const dockerfile::File& file, int index) {
  const auto chain = final_chain(file);
  return std::any_of(chain.begin(), chain.end(),
                     [&](const dockerfile::Stage* s) { return s->index == index; });
}

std::vector<const dockerfile::Instruction*> final_image_instructions(const dockerfile::File& file) {
  auto chain = final_chain(file);
  std::reverse(chain.begin(), chain.end());
  std::vector<const dockerfile::Instruction*> out;
  for (const auto* stage : chain) {
    const auto part = file.stage_instructions(*stage);
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

std::size_t index_of(const dockerfile::File& file, const dockerfile::Instruction& ins) {
  return static_cast<std::size_t>(&ins - file.instructions.data());
}

std::vector<KeyValue> key_values(const dockerfile::Instruction& ins) {
  std::vector<KeyValue> out;
  const auto& words = ins.words;
  if (!words.empty() && words[0].find('=') == std::string::npos && ins.keyword != "ARG") {
    // Legacy `ENV KEY value with spaces`: one pair, the rest of the line is the value.
    KeyValue kv{words[0], {}, words.size() > 1};
    for (std::size_t i = 1; i < words.size(); ++i) {
      kv.value += (i > 1 ? " " : "") + words[i];
    }
    out.push_back(std::move(kv));
    return out;
  }
  for (const auto& word : words) {
    const auto eq = word.find('=');
    if (eq == std::string::npos) {
      out.push_back(KeyValue{word, {}, false});
    } else {
      out.push_back(KeyValue{word.substr(0, eq), word.substr(eq + 1), true});
    }
  }
  return out;
}

namespace {
using Vars = std::map<std::string, std::string>;
}  // namespace

std::map<std::string, std::string> global_variables(const dockerfile::File& file) {
  Vars globals;
  for (const auto& [k, v] : file.global_args()) {
    if (!v.empty()) {
      globals[k] = v;
    }
  }
  return globals;
}

std::vector<const dockerfile::Stage*> stage_chain(const dockerfile::File& file, int index) {
  std::vector<const dockerfile::Stage*> chain;
  // Parents come strictly earlier in the file; the size bound is a guard all the same.
  for (auto s = std::optional<int>(index);
       s && *s >= 0 && static_cast<std::size_t>(*s) < file.stages.size() &&
       chain.size() <= file.stages.size();
       s = file.stages[static_cast<std::size_t>(*s)].parent_stage) {
    chain.insert(chain.begin(), &file.stages[static_cast<std::size_t>(*s)]);
    if (chain.front()->parent_stage && *chain.front()->parent_stage >= *s) {
      break;
    }
  }
  return chain;
}

namespace {

bool name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// The reference `${...}` starting at word[i] == '$', word[i+1] == '{': whether it resolves;
// `i` ends on its closing brace.
bool braced_resolvable(std::string_view word, std::size_t& i, const Vars& vars) {
  std::size_t j = i + 2;
  while (j < word.size() && name_char(word[j])) {
    ++j;
  }
  const std::string name(word.substr(i + 2, j - i - 2));
  const std::string_view op = word.substr(j, word.substr(j, 2) == ":-" ? 2 : 1);
  int depth = 1;
  std::size_t k = j;
  for (; k < word.size() && depth > 0; ++k) {
    depth += word[k] == '{' ? 1 : word[k] == '}' ? -1 : 0;
  }
  i = k - 1;
  return vars.count(name) != 0 || op == ":-" || op == "-";
}

}  // namespace

bool resolvable(std::string_view word, const std::map<std::string, std::string>& vars,
                char escape) {
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (word[i] == escape) {
      ++i;
      continue;
    }
    if (word[i] != '$' || i + 1 >= word.size()) {
      continue;
    }
    if (word[i + 1] == '{') {
      if (!braced_resolvable(word, i, vars)) {
        return false;
      }
      continue;
    }
    std::size_t j = i + 1;
    while (j < word.size() && name_char(word[j])) {
      ++j;
    }
    if (j > i + 1 && vars.count(std::string(word.substr(i + 1, j - i - 1))) == 0) {
      return false;
    }
    i = j - 1;
  }
  return true;
}

std::vector<BaseImage> base_images(const dockerfile::File& file) {
  const Vars globals = global_variables(file);
  std::vector<BaseImage> out;
  for (const auto& stage : file.stages) {
    if (stage.parent_stage || iequals(stage.image, "scratch") ||
        !resolvable(stage.image_raw, globals, file.escape) || stage.image.empty()) {
      continue;
    }
    out.push_back(BaseImage{&file.instructions[stage.from], &stage, stage.image,
                            dockerfile::parse_image(stage.image)});
  }
  return out;
}

bool is_remote_source(std::string_view source) {
  const std::string s = to_lower(source);
  for (std::string_view scheme : {"http://", "https://", "git://", "ssh://", "git@"}) {
    if (s.rfind(scheme, 0) == 0) {
      return true;
    }
  }
  return s.find("://") != std::string::npos &&
         (s.size() > 4 && s.compare(s.size() - 4, 4, ".git") == 0);
}

std::vector<std::string> sources(const dockerfile::Instruction& ins) {
  if (ins.words.size() < 2) {
    return {};
  }
  return {ins.words.begin(), ins.words.end() - 1};
}

std::vector<std::string> mount_targets(const dockerfile::Instruction& ins, std::string_view type) {
  std::vector<std::string> out;
  for (const auto& flag : ins.flags) {
    if (flag.name != "mount") {
      continue;
    }
    std::string mount_type = "bind";  // BuildKit's default
    std::string target;
    for (const auto& field : split(flag.value, ',')) {
      const auto eq = field.find('=');
      const std::string key = to_lower(trim(field.substr(0, eq)));
      const std::string value =
          eq == std::string::npos ? "" : std::string(trim(field.substr(eq + 1)));
      if (key == "type") {
        mount_type = value;
      } else if (key == "target" || key == "dst" || key == "destination") {
        target = value;
      }
    }
    if (!target.empty() && (type.empty() || mount_type == type)) {
      out.push_back(target);
    }
  }
  return out;
}

bool earlier_mentions(const dockerfile::File& file, const dockerfile::Instruction& ins,
                      std::string_view keyword, std::string_view needle) {
  const std::size_t index = index_of(file, ins);
  for (const auto* stage : stage_chain(file, ins.stage)) {
    for (std::size_t i = stage->from; i < std::min(stage->end, index); ++i) {
      const auto& other = file.instructions[i];
      if (other.keyword == keyword && other.args.find(needle) != std::string::npos) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace shipcheck::checks::docker
