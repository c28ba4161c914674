// Sources: which bytes a secret scan reads. A working tree (the files git tracks plus
// untracked, not-ignored ones, read from disk; or, outside git, every file not excluded
// by .gitignore files), and git history (every blob reachable from all refs, each unique
// blob once, with the commit, author, date and path that first introduced it).
// Knows nothing of detectors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace shipcheck::secrets {

// True iff the head of a file (its first 8 KiB suffice) looks binary: a NUL byte, or
// more than 30% bytes that are neither printable ASCII, whitespace nor valid UTF-8.
bool looks_binary(std::string_view head);

// Files of a working tree to scan, relative to `root`, '/'-separated, sorted.
// In a git work tree: tracked files (the index) plus untracked files that are not ignored,
// limited to those under `root`. Outside git: every regular file under `root`, skipping
// `.git/` and what `.gitignore` files (at any depth, git's pattern syntax incl. negation)
// exclude. Symlinks are not followed.
tl::expected<std::vector<std::string>, std::string> list_worktree_files(
    const std::filesystem::path& root);

// As list_worktree_files, but hands each path to `visit` as soon as the walk finds it (in
// walk order, each once), so that scanning can start before the listing ends.
tl::expected<void, std::string> visit_worktree_files(const std::filesystem::path& root,
                                                     const std::function<void(std::string)>& visit);

struct CommitInfo {
  std::string id;      // full hex id
  std::string author;  // name
  std::string email;
  std::int64_t time = 0;  // seconds since the epoch (author time)
};

// A blob as first introduced in history.
struct HistoryBlob {
  std::string oid;   // hex object id
  std::string path;  // path in the introducing commit's tree, '/'-separated
  std::size_t size = 0;
  std::size_t commit = 0;  // index into HistoryIndex::commits
};

struct HistoryOptions {
  std::string since;  // a revision: its ancestors (and itself) are not walked; empty = all
  std::uintmax_t max_blob_size = 0;  // larger blobs are counted and skipped; 0 = no limit
};

struct HistoryIndex {
  std::vector<CommitInfo> commits;  // every walked commit, oldest first
  std::vector<HistoryBlob> blobs;   // every unique blob, in the order it was introduced
  std::size_t blob_versions = 0;    // (path, blob) pairs seen across commits, before dedup
  std::size_t skipped_large = 0;
};

// Walks every commit reachable from HEAD and all refs (branches, tags, remotes, stash),
// oldest first, diffing each against its first parent (a root commit against the empty
// tree), and records each blob id the first time an added or modified file carries it.
tl::expected<HistoryIndex, std::string> index_history(const std::filesystem::path& repo_path,
                                                      const HistoryOptions& options);

// Reads blobs by id. Each thread uses its own reader (its own repository handle).
class BlobReader {
 public:
  static tl::expected<BlobReader, std::string> open(const std::filesystem::path& repo_path);
  BlobReader(BlobReader&&) noexcept;
  BlobReader& operator=(BlobReader&&) noexcept;
  ~BlobReader();
  // The blob's raw content; an error when the id is unknown.
  tl::expected<std::string, std::string> read(const std::string& oid) const;

 private:
  struct Impl;
  explicit BlobReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace shipcheck::secrets
