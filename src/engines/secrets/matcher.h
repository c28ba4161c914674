// Matcher: every detector compiled into one Vectorscan database, matched in one pass over
// a buffer; each candidate is confirmed by the detector's PCRE2 regex on a small region
// around it and then post-filtered (filters.h). Base64, hex and percent-encoded runs are
// decoded (bounded depth) and scanned too, reported at the encoded run's location.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "engines/secrets/detector.h"

namespace shipcheck::secrets {

struct Finding {
  const Detector* detector = nullptr;  // owned by the Matcher
  std::string secret;                  // the raw secret: never print it (redact_value)
  std::size_t offset = 0;              // byte offset in the scanned buffer
  std::size_t length = 0;              // bytes of the buffer it covers (the encoded run's)
  int line = 1;                        // 1-based
  int column = 1;                      // 1-based, in bytes
  std::string encoding;                // "", "base64", "hex", "percent": how it was hidden
};

class Matcher {
 public:
  // Compiles `rules`. The Vectorscan database is cached (serialised) under `cache_dir`
  // when it is not empty, keyed by a hash of the patterns and the library version.
  static tl::expected<Matcher, std::string> compile(RuleSet rules, std::string cache_dir = {});

  Matcher(Matcher&&) noexcept;
  Matcher& operator=(Matcher&&) noexcept;
  ~Matcher();

  // Per-thread working memory; a Scratch must not be used by two threads at once.
  class Scratch;
  struct ScratchDeleter {
    void operator()(Scratch* scratch) const;
  };
  using ScratchPtr = std::unique_ptr<Scratch, ScratchDeleter>;
  ScratchPtr make_scratch() const;

  // True iff `path` is excluded by the allowlist's path globs.
  bool path_allowed(std::string_view path) const;

  // Findings in `data`, a file's contents at `path` (used for detectors' `paths` globs),
  // in offset order. Where several detectors match overlapping text, one finding is kept:
  // a provider's detector before a Kubernetes Secret one before a generic assignment.
  // Lines holding `shipcheck:allow` produce nothing.
  std::vector<Finding> scan(std::string_view data, std::string_view path, Scratch& scratch) const;

  const RuleSet& rules() const;

 private:
  struct Impl;
  explicit Matcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace shipcheck::secrets
