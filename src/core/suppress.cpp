// Suppressions: inline comments, config entries and baselines.
#include "core/suppress.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.h"

namespace shipcheck {
namespace {

constexpr std::string_view k_marker = "shipcheck:ignore";

bool suppressible(const Result& r) {
  return r.status == Status::fail || r.status == Status::warn || r.status == Status::error;
}

// Lines of the files results point at, read once each; a missing file has no lines.
class LineCache {
 public:
  explicit LineCache(std::filesystem::path root) : m_root(std::move(root)) {}
  std::string_view line(const std::string& file, int number) {
    auto [it, inserted] = m_files.try_emplace(file);
    if (inserted) {
      it->second = read_lines(m_root / file);
    }
    const auto& lines = it->second;
    return number >= 1 && static_cast<std::size_t>(number) <= lines.size() ? lines[number - 1]
                                                                           : std::string_view{};
  }

 private:
  static std::vector<std::string> read_lines(const std::filesystem::path& path) {
    std::vector<std::string> lines;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec) ||
        std::filesystem::file_size(path, ec) > (16U << 20U)) {
      return lines;
    }
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
      lines.push_back(std::move(line));
    }
    return lines;
  }
  std::filesystem::path m_root;
  std::map<std::string, std::vector<std::string>> m_files;
};

std::optional<SuppressionNote> inline_note(const Result& r, LineCache& cache) {
  // A finding in git history sits in an old blob: the file on disk says nothing about it.
  if (!r.location || r.location->file.empty() || r.location->line <= 0 ||
      !r.location->commit.empty()) {
    return std::nullopt;
  }
  // The finding's own line, or a comment on the line above it.
  for (int line : {r.location->line, r.location->line - 1}) {
    if (auto reason = inline_suppression(cache.line(r.location->file, line), r.rule)) {
      return SuppressionNote{*reason, fmt::format("{}:{}", r.location->file, line)};
    }
  }
  return std::nullopt;
}

bool entry_matches(const SuppressEntry& e, const Result& r) {
  const bool rule_ok = iequals(e.rule, r.rule) || iequals(e.rule, r.rule.substr(0, e.rule.size()));
  if (!rule_ok || (!e.fingerprint.empty() && e.fingerprint != r.fingerprint)) {
    return false;
  }
  const std::string& path = r.location ? r.location->file : r.target;
  return e.path.empty() || glob_match(e.path, path);
}

// "DKR003", "K8S", "ENV001,ENV004": upper-case letters and digits (and commas), starting
// with a letter.
bool is_rule_token(std::string_view word) {
  return !word.empty() && std::isupper(static_cast<unsigned char>(word.front())) != 0 &&
         std::all_of(word.begin(), word.end(), [](char c) {
           return std::isupper(static_cast<unsigned char>(c)) != 0 ||
                  std::isdigit(static_cast<unsigned char>(c)) != 0 || c == ',';
         });
}

// An id names the rule, or a family code names every rule of it.
bool names_rule(std::string_view id, std::string_view rule) {
  if (id.empty()) {
    return false;
  }
  // Rule ids are a family code and three digits.
  return iequals(id, rule) ||
         (id.size() + 3 == rule.size() && iequals(id, rule.substr(0, id.size())));
}

}  // namespace

std::optional<std::string> inline_suppression(std::string_view line, std::string_view rule) {
  const std::size_t at = line.find(k_marker);
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view rest = line.substr(at + k_marker.size());
  std::string_view reason;
  const std::size_t dash = rest.find("--");
  if (dash != std::string_view::npos) {
    reason = trim(rest.substr(dash + 2));
    rest = rest.substr(0, dash);
  }
  bool matched = false;
  for (std::string_view words = rest; !words.empty();) {
    words = trim(words);
    const std::size_t end = std::min(words.find_first_of(" \t"), words.size());
    std::string_view word = words.substr(0, end);
    // Without "--", the ids end at the first word that is not one (hadolint's and
    // kube-linter's comments read "ignore DKR003 reason"): the rest is the reason.
    if (dash == std::string_view::npos && !is_rule_token(word)) {
      reason = trim(words);
      break;
    }
    words.remove_prefix(end);
    while (!word.empty()) {
      const std::size_t comma = std::min(word.find(','), word.size());
      matched = matched || names_rule(word.substr(0, comma), rule);
      word.remove_prefix(std::min(comma + 1, word.size()));
    }
  }
  if (!matched) {
    return std::nullopt;
  }
  return reason.empty() ? std::string("(no reason given)") : std::string(reason);
}

std::vector<std::string> apply_suppressions(std::vector<Result>& results,
                                            const SuppressionInput& input) {
  LineCache cache(input.root);
  const auto& entries = input.entries ? *input.entries : std::vector<SuppressEntry>{};
  std::vector<bool> used(entries.size(), false);
  std::vector<bool> expired(entries.size(), false);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    expired[i] = !entries[i].expires.empty() && entries[i].expires < input.today;
  }
  for (auto& r : results) {
    if (!suppressible(r)) {
      continue;
    }
    if (auto note = inline_note(r, cache)) {
      r.suppressed = std::move(note);
      continue;
    }
    for (std::size_t i = 0; i < entries.size() && !r.suppressed; ++i) {
      if (entry_matches(entries[i], r)) {
        used[i] = true;
        if (!expired[i]) {
          r.suppressed = SuppressionNote{
              entries[i].reason, fmt::format("{}:{}", input.config_file, entries[i].pos.line)};
        }
      }
    }
    if (!r.suppressed && input.baseline.count(r.fingerprint) != 0) {
      r.suppressed = SuppressionNote{"accepted in baseline", "baseline"};
    }
  }
  std::vector<std::string> notices;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto where = fmt::format("{}:{}", input.config_file, entries[i].pos.line);
    if (expired[i]) {
      notices.push_back(fmt::format("{}: suppression of {} expired on {} and no longer applies",
                                    where, entries[i].rule, entries[i].expires));
    } else if (!used[i]) {
      notices.push_back(
          fmt::format("{}: suppression of {} matched nothing (unused)", where, entries[i].rule));
    }
  }
  return notices;
}

tl::expected<std::set<std::string>, std::string> read_baseline(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) {
    return tl::make_unexpected(fmt::format("{}: cannot read baseline file", file.string()));
  }
  const auto json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("fingerprints") ||
      !json["fingerprints"].is_array()) {
    return tl::make_unexpected(fmt::format(
        "{}: not a shipcheck baseline (expected {{\"fingerprints\": [...]}})", file.string()));
  }
  std::set<std::string> fingerprints;
  for (const auto& entry : json["fingerprints"]) {
    if (entry.is_object() && entry.contains("fingerprint") && entry["fingerprint"].is_string()) {
      fingerprints.insert(entry["fingerprint"].get<std::string>());
    } else if (entry.is_string()) {
      fingerprints.insert(entry.get<std::string>());
    }
  }
  return fingerprints;
}

tl::expected<std::size_t, std::string> write_baseline(const std::filesystem::path& file,
                                                      const std::vector<Result>& results) {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& r : results) {
    if (suppressible(r) && !r.suppressed) {
      entries.push_back({{"fingerprint", r.fingerprint},
                         {"rule", r.rule},
                         {"path", r.location ? r.location->file : r.target}});
    }
  }
  std::ofstream out(file);
  if (!out) {
    return tl::make_unexpected(fmt::format("{}: cannot write baseline file", file.string()));
  }
  out << nlohmann::json{{"schema", "shipcheck.baseline/v1"}, {"fingerprints", entries}}.dump(2)
      << '\n';
  return entries.size();
}

std::string today_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

}  // namespace shipcheck
