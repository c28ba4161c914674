// The matcher: one Vectorscan pass finds candidates; each detector's PCRE2 regex confirms
// them on a small region; post-filters and allowlists decide.
#include "engines/secrets/matcher.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "core/text.h"
#include "engines/secrets/encoded.h"
#include "engines/secrets/filters.h"
#include "engines/secrets/hs_database.h"
#include "engines/secrets/path_globs.h"
#include "engines/secrets/regex.h"

namespace shipcheck::secrets {
namespace {

// A single-line detector's match lies within this many bytes of where Vectorscan saw it
// end; bounding the region keeps minified one-line files from costing a regex per byte.
constexpr std::size_t k_line_span = 1024;
// Decoded text is scanned again at most this deep (base64 of hex of ...).
constexpr int k_max_decode_depth = 2;

// The longest span a finding can cover (the largest detector window the loader accepts).
constexpr std::size_t k_max_span = 65536 * 2;

constexpr std::string_view k_allow_marker = "shipcheck:allow";

struct Compiled {
  const Detector* detector;
  Regex regex;
  std::optional<Regex> file_requires;
  std::vector<Regex> allow;
};

std::size_t line_start(std::string_view data, std::size_t pos) {
  const std::size_t nl = pos == 0 ? std::string_view::npos : data.rfind('\n', pos - 1);
  return nl == std::string_view::npos ? 0 : nl + 1;
}

std::size_t line_end(std::string_view data, std::size_t pos) {
  const std::size_t nl = data.find('\n', pos);
  return nl == std::string_view::npos ? data.size() : nl;
}

std::string_view line_at(std::string_view data, std::size_t pos) {
  const std::size_t begin = line_start(data, pos);
  return data.substr(begin, line_end(data, pos) - begin);
}

// Where in `data` a candidate that Vectorscan saw end at `end` may lie.
std::pair<std::size_t, std::size_t> region_of(std::string_view data, std::size_t end,
                                              const Detector& d) {
  if (d.window > 0) {
    const std::size_t begin = line_start(data, end > d.window ? end - d.window : 0);
    return {begin, std::min(data.size(), end + d.window)};
  }
  const std::size_t begin =
      std::max(line_start(data, end == 0 ? 0 : end - 1), end > k_line_span ? end - k_line_span : 0);
  return {begin, std::min(line_end(data, end), end + k_line_span)};
}

// A region of the buffer where detector `detector` must be confirmed.
struct Candidate {
  unsigned detector;
  std::size_t begin;
  std::size_t end;
};

struct CallbackState {
  std::string_view data;
  const std::vector<const Detector*>* detectors;
  std::vector<Candidate>* out;
  std::vector<std::size_t>* covered;  // per detector: end of its last region
};

int on_match(unsigned id, unsigned long long /*from*/, unsigned long long to, unsigned /*flags*/,
             void* context) {
  auto* state = static_cast<CallbackState*>(context);
  std::size_t& covered = (*state->covered)[id];
  // Patterns with open-ended repeats report every extension, and one line may hold many
  // matches: a region already queued covers them.
  if (covered != 0 && to <= covered) {
    return 0;
  }
  const auto [begin, end] =
      region_of(state->data, static_cast<std::size_t>(to), *(*state->detectors)[id]);
  state->out->push_back(Candidate{id, begin, end});
  covered = std::max<std::size_t>(end, 1);
  return 0;
}

}  // namespace

class Matcher::Scratch {
 public:
  hs_scratch_t* hs = nullptr;
  MatchData match;
  std::vector<Candidate> candidates;
  std::vector<std::size_t> covered;
  ~Scratch() { hs_free_scratch(hs); }
};

// Detectors that apply to the same files share a database: a file is matched against the
// detectors for every file and against the groups its path selects (a Python file meets
// the Python assignment detector, not the fifteen generic ones of other languages), which
// more than halves the Vectorscan work per byte.
struct DatabaseGroup {
  std::vector<std::string> globs;  // the detectors' `paths`; empty = every file
  PathGlobs paths;
  HsDatabase db;
};

struct FreeScratch {
  void operator()(hs_scratch_t* s) const { hs_free_scratch(s); }
};

struct Matcher::Impl {
  RuleSet rules;
  std::vector<DatabaseGroup> groups;
  std::unique_ptr<hs_scratch_t, FreeScratch> prototype;  // fits every group's database
  std::vector<Compiled> compiled;
  std::vector<const Detector*> detectors;  // by Vectorscan id
  std::vector<Regex> global_allow;
  PathGlobs allowed_paths;

  // Scans one buffer; `depth` > 0 for decoded text.
  void scan(std::string_view data, std::string_view path, Scratch& s, int depth,
            std::vector<Finding>& out) const;
  // Fills s.candidates: regions where some detector must be confirmed.
  void find_candidates(std::string_view data, std::string_view path, Scratch& s) const;
  tl::expected<void, std::string> compile_groups(const std::string& cache_dir);
  void confirm(std::string_view data, const Candidate& c, Scratch& s, std::vector<Finding>& out,
               std::unordered_map<unsigned, bool>& file_ok) const;
  bool accepted(const Compiled& c, std::string_view secret, Scratch& s) const;
  void scan_decoded(std::string_view data, std::string_view path, Scratch& s, int depth,
                    std::vector<Finding>& out) const;
};

void Matcher::Impl::find_candidates(std::string_view data, std::string_view path,
                                    Scratch& s) const {
  s.candidates.clear();
  s.covered.assign(compiled.size(), 0);
  CallbackState state{data, &detectors, &s.candidates, &s.covered};
  for (const auto& group : groups) {
    if (group.paths.empty() || group.paths.matches(path)) {
      // A callback never stops the scan, so the only failures are programming errors.
      hs_scan(group.db.get(), data.data(), static_cast<unsigned>(data.size()), 0, s.hs, on_match,
              &state);
    }
  }
}

tl::expected<void, std::string> Matcher::Impl::compile_groups(const std::string& cache_dir) {
  std::vector<std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < rules.detectors.size(); ++i) {
    const auto& globs = rules.detectors[i].paths;
    auto same = std::find_if(groups.begin(), groups.end(),
                             [&](const DatabaseGroup& g) { return g.globs == globs; });
    if (same == groups.end()) {
      groups.push_back(DatabaseGroup{globs, PathGlobs(globs), HsDatabase()});
      members.emplace_back();
      same = std::prev(groups.end());
    }
    members[static_cast<std::size_t>(same - groups.begin())].push_back(i);
  }
  hs_scratch_t* scratch = nullptr;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::vector<std::string> patterns;
    std::vector<unsigned> ids;
    std::vector<std::string> origins;
    for (const std::size_t i : members[g]) {
      const Detector& d = rules.detectors[i];
      patterns.push_back(d.prefilter.empty() ? d.regex : d.prefilter);
      ids.push_back(static_cast<unsigned>(i));
      origins.push_back(fmt::format("{} ({})", d.origin, d.id));
    }
    auto db = HsDatabase::compile(patterns, ids, origins, cache_dir);
    if (!db) {
      hs_free_scratch(scratch);
      return tl::make_unexpected(db.error());
    }
    groups[g].db = std::move(*db);
    if (!groups[g].db.fit_scratch(&scratch)) {
      hs_free_scratch(scratch);
      return tl::make_unexpected(std::string("Vectorscan cannot allocate scratch space"));
    }
  }
  prototype.reset(scratch);
  return {};
}

bool Matcher::Impl::accepted(const Compiled& c, std::string_view secret, Scratch& s) const {
  std::string decoded;
  std::string_view value = secret;
  if (c.detector->base64_value) {
    auto plain = decode_base64(secret);
    if (!plain || !mostly_printable(*plain)) {
      return false;
    }
    decoded = std::move(*plain);
    value = decoded;
  }
  if (!passes_filters(*c.detector, value)) {
    return false;
  }
  const std::string lower = to_lower(value);
  for (const auto& word : rules.allowlist.stopwords) {
    if (lower.find(word) != std::string::npos) {
      return false;
    }
  }
  const auto hits = [&](const Regex& r) { return r.search(value, s.match); };
  return std::none_of(c.allow.begin(), c.allow.end(), hits) &&
         std::none_of(global_allow.begin(), global_allow.end(), hits);
}

void Matcher::Impl::confirm(std::string_view data, const Candidate& cand, Scratch& s,
                            std::vector<Finding>& out,
                            std::unordered_map<unsigned, bool>& file_ok) const {
  const Compiled& c = compiled[cand.detector];
  const Detector& d = *c.detector;
  // Vectorscan matched this detector only if `path` is one of its files (DatabaseGroup).
  if (c.file_requires) {
    auto [it, fresh] = file_ok.try_emplace(cand.detector, false);
    if (fresh) {
      it->second = c.file_requires->search(data, s.match);
    }
    if (!it->second) {
      return;
    }
  }
  const std::size_t begin = cand.begin;
  const std::string_view region = data.substr(begin, cand.end - begin);
  for (std::size_t from = 0; from <= region.size();) {
    const auto m = c.regex.find(region, from, d.group, s.match);
    if (!m) {
      break;
    }
    from = m->match_end > from ? m->match_end : from + 1;
    if (!m->group_matched || m->end == m->begin) {
      continue;
    }
    const std::string_view secret = region.substr(m->begin, m->end - m->begin);
    const std::size_t offset = begin + m->begin;
    if (!accepted(c, secret, s) ||
        line_at(data, offset).find(k_allow_marker) != std::string_view::npos) {
      continue;
    }
    Finding f;
    f.detector = &d;
    f.secret = std::string(secret);
    f.offset = offset;
    f.length = secret.size();
    out.push_back(std::move(f));
  }
}

void Matcher::Impl::scan_decoded(std::string_view data, std::string_view path, Scratch& s,
                                 int depth, std::vector<Finding>& out) const {
  for (auto& run : find_encoded_runs(data)) {
    std::vector<Finding> inner;
    scan(run.decoded, path, s, depth + 1, inner);
    for (auto& f : inner) {
      if (line_at(data, run.offset).find(k_allow_marker) != std::string_view::npos) {
        continue;
      }
      f.offset = run.offset;
      f.length = run.length;
      if (f.encoding.empty()) {
        f.encoding = run.encoding;
      }
      out.push_back(std::move(f));
    }
  }
}

void Matcher::Impl::scan(std::string_view data, std::string_view path, Scratch& s, int depth,
                         std::vector<Finding>& out) const {
  std::unordered_map<unsigned, bool> file_ok;
  find_candidates(data, path, s);
  for (const auto& cand : s.candidates) {
    confirm(data, cand, s, out, file_ok);
  }
  // Decoded text is scanned with the same scratch: s.candidates is not needed past here.
  if (depth < k_max_decode_depth) {
    scan_decoded(data, path, s, depth, out);
  }
}

Matcher::Matcher(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Matcher::Matcher(Matcher&&) noexcept = default;
Matcher& Matcher::operator=(Matcher&&) noexcept = default;
Matcher::~Matcher() = default;

tl::expected<Matcher, std::string> Matcher::compile(RuleSet rules, std::string cache_dir) {
  auto impl = std::make_unique<Impl>();
  impl->rules = std::move(rules);
  if (impl->rules.detectors.empty()) {
    return tl::make_unexpected(std::string("no secret detectors to compile"));
  }
  if (auto compiled = impl->compile_groups(cache_dir); !compiled) {
    return tl::make_unexpected(compiled.error());
  }
  try {
    for (const auto& d : impl->rules.detectors) {
      Compiled c{&d, Regex(d.regex), std::nullopt, {}};
      if (!d.file_requires.empty()) {
        c.file_requires.emplace(d.file_requires);
      }
      for (const auto& a : d.allow) {
        c.allow.emplace_back(a);
      }
      impl->compiled.push_back(std::move(c));
      impl->detectors.push_back(&d);
    }
    impl->allowed_paths = PathGlobs(impl->rules.allowlist.paths);
    for (const auto& a : impl->rules.allowlist.regexes) {
      impl->global_allow.emplace_back(a);
    }
  } catch (const std::invalid_argument& e) {
    return tl::make_unexpected(fmt::format("a detector regex does not compile: {}", e.what()));
  }
  return Matcher(std::move(impl));
}

void Matcher::ScratchDeleter::operator()(Scratch* scratch) const {
  delete scratch;
}

Matcher::ScratchPtr Matcher::make_scratch() const {
  ScratchPtr scratch(new Scratch);
  if (hs_clone_scratch(m_impl->prototype.get(), &scratch->hs) != HS_SUCCESS) {
    throw std::runtime_error("Vectorscan cannot allocate scratch space");
  }
  return scratch;
}

bool Matcher::path_allowed(std::string_view path) const {
  return m_impl->allowed_paths.matches(path);
}

const RuleSet& Matcher::rules() const {
  return m_impl->rules;
}

namespace {

// Generic detectors say less than a provider's about what leaked and how to rotate it.
int specificity_rank(const Detector& d) {
  if (d.rule == "SEC013") {
    return 2;
  }
  return d.rule == "SEC015" ? 1 : 0;
}

bool overlaps(const Finding& a, const Finding& b) {
  return a.offset < b.offset + std::max<std::size_t>(b.length, 1) &&
         b.offset < a.offset + std::max<std::size_t>(a.length, 1);
}

// Of findings whose spans overlap, keeps the most specific (then the earliest detector in
// the rule files); sorts by offset.
void keep_most_specific(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) { return a.offset < b.offset; });
  std::vector<Finding> kept;
  for (auto& f : findings) {
    // Sorted by start and no span is longer than a detector window: look back that far.
    auto rival = kept.end();
    for (auto k = kept.rbegin(); k != kept.rend() && k->offset + k_max_span > f.offset; ++k) {
      if (overlaps(*k, f)) {
        rival = std::prev(k.base());
        break;
      }
    }
    if (rival == kept.end()) {
      kept.push_back(std::move(f));
      continue;
    }
    const auto rank = [](const Finding& x) {
      return std::make_pair(specificity_rank(*x.detector), x.detector);
    };
    if (rank(f) < rank(*rival)) {
      *rival = std::move(f);
    }
  }
  findings = std::move(kept);
}

void number_lines(std::string_view data, std::vector<Finding>& findings) {
  int line = 1;
  std::size_t counted = 0;
  for (auto& f : findings) {
    line +=
        static_cast<int>(std::count(data.begin() + static_cast<std::ptrdiff_t>(counted),
                                    data.begin() + static_cast<std::ptrdiff_t>(f.offset), '\n'));
    counted = f.offset;
    f.line = line;
    f.column = static_cast<int>(f.offset - line_start(data, f.offset)) + 1;
  }
}

}  // namespace

std::vector<Finding> Matcher::scan(std::string_view data, std::string_view path,
                                   Scratch& scratch) const {
  std::vector<Finding> findings;
  m_impl->scan(data, path, scratch, 0, findings);
  keep_most_specific(findings);
  number_lines(data, findings);
  return findings;
}

}  // namespace shipcheck::secrets
