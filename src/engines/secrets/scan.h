// Secret scans of a working tree, of git history and of a stream: which bytes to read,
// read on `jobs` threads (each with its own matcher scratch and blob reader), findings
// gathered in a deterministic order. Knows nothing of rules' reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <future>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "engines/secrets/matcher.h"
#include "engines/secrets/sources.h"

namespace shipcheck::secrets {

struct ScanOptions {
  std::uintmax_t max_file_size = 16 * 1024 * 1024;  // larger files are skipped and counted
  unsigned jobs = 0;                                // 0 = one per core
  bool history = false;                             // also every unique blob in git history
  std::string since;                                // history after this revision only
};

struct SourceFinding {
  Finding finding;
  std::string path;                  // relative to the scanned root, or the history path
  std::optional<CommitInfo> commit;  // set for a finding that exists only in history
};

struct ScanStats {
  std::size_t files = 0;  // files and blobs read
  std::uintmax_t bytes = 0;
  std::size_t skipped_binary = 0;
  std::size_t skipped_large = 0;
  std::size_t skipped_allowlisted = 0;
  std::size_t commits = 0;
  std::size_t blobs = 0;          // unique blobs scanned from history
  std::size_t blob_versions = 0;  // (path, blob) pairs history holds, before dedup
};

struct ScanOutput {
  std::vector<SourceFinding> findings;  // tree findings by path and line, then history's
  ScanStats stats;
};

// The working tree under `root` (sources.h list_worktree_files) and, with
// options.history, the history of the repository holding it. A secret found both in the
// tree and in history is reported once, in the tree; one found in several historic blobs
// is reported once, at the commit that introduced it first.
tl::expected<ScanOutput, std::string> scan_directory(const Matcher& matcher,
                                                     const std::filesystem::path& root,
                                                     const ScanOptions& options);

// A matcher that may still be compiling (std::async): the tree is listed meanwhile, and
// scanning starts when it is ready. An error value is the scan's error.
using PendingMatcher = std::shared_future<tl::expected<const Matcher*, std::string>>;
tl::expected<ScanOutput, std::string> scan_directory(const PendingMatcher& matcher,
                                                     const std::filesystem::path& root,
                                                     const ScanOptions& options);

// A stream of unknown length (stdin), read in chunks with an overlap so that memory stays
// bounded and a secret across a chunk boundary is still found once.
ScanOutput scan_stream(const Matcher& matcher, std::istream& in, const std::string& name);

}  // namespace shipcheck::secrets
