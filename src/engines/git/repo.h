// Git reader over libgit2: RAII handles and the few read-only queries the checks need
// (tracked files, ignore rules, status, tags). Knows nothing of rules.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <git2.h>
#include <tl/expected.hpp>

namespace shipcheck::git {

// Initialises libgit2 once per process (thread-safe; never shut down: handles may live
// until exit). Every GitRepo constructor path calls it; call it yourself before using
// raw libgit2 functions.
void init_library();

// Owning handles: one deleter per libgit2 type, so no logic code calls *_free.
template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* handle) const { Free(handle); }
};
template <class T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using RepositoryPtr = Handle<git_repository, git_repository_free>;
using IndexPtr = Handle<git_index, git_index_free>;
using StatusListPtr = Handle<git_status_list, git_status_list_free>;
using ReferencePtr = Handle<git_reference, git_reference_free>;
using ObjectPtr = Handle<git_object, git_object_free>;
using CommitPtr = Handle<git_commit, git_commit_free>;
using RevwalkPtr = Handle<git_revwalk, git_revwalk_free>;
using TreePtr = Handle<git_tree, git_tree_free>;
using BlobPtr = Handle<git_blob, git_blob_free>;
using OdbPtr = Handle<git_odb, git_odb_free>;

// One path that `git status` would list (ignored files never appear).
struct StatusEntry {
  std::string path;        // relative to the work tree, '/'-separated
  bool staged = false;     // index differs from HEAD (new, modified, deleted, renamed)
  bool modified = false;   // work tree differs from the index (incl. deleted)
  bool untracked = false;  // not in the index
  bool conflicted = false;
  std::string code;  // as `git status --short` prints it: "M ", " D", "A ", "??", "UU"
};

// A tag relative to HEAD, as `git describe` would measure it.
struct TagDistance {
  std::string tag;         // short name, "v1.2.0"
  std::size_t ahead = 0;   // commits reachable from HEAD but not from the tag
  std::size_t behind = 0;  // commits reachable from the tag but not from HEAD
  bool reachable() const { return behind == 0; }  // the tag is an ancestor of HEAD
};

// An open repository with a work tree. Every query is serialised on an internal mutex,
// so one GitRepo may be shared by checks running on several threads (libgit2 objects
// themselves must not be used concurrently). Queries throw std::runtime_error with
// libgit2's message when the repository cannot be read.
class GitRepo {
 public:
  // Finds the repository containing `path` (searching parent directories, as git does).
  // nullopt: there is none, or it is bare. Throws only if one exists but cannot be opened.
  static std::optional<GitRepo> open(const std::filesystem::path& path);
  // As open(), but an unreadable repository is an error value instead of an exception.
  static tl::expected<std::optional<GitRepo>, std::string> try_open(
      const std::filesystem::path& path);

  // Absolute work tree directory, without a trailing separator.
  const std::filesystem::path& workdir() const { return m_workdir; }

  // Paths in the index (stage 0 or conflicted, each once), relative to the work tree, sorted.
  std::vector<std::string> tracked_files() const;
  // True iff .gitignore, .git/info/exclude or core.excludesFile ignore this path (relative
  // to the work tree; it need not exist). Says nothing about whether it is tracked.
  bool is_ignored(const std::string& relative_path) const;
  // Modified, staged, conflicted and untracked (not ignored) paths; untracked directories
  // are listed file by file. Sorted by path.
  std::vector<StatusEntry> status() const;

  // Full hex id of the commit HEAD resolves to; nullopt on an unborn branch (no commits).
  std::optional<std::string> head_commit() const;
  // Short names of the tags (annotated and lightweight) whose commit is HEAD's, sorted.
  std::vector<std::string> tags_pointing_at_head() const;
  // The tag matching `glob` (shipcheck::glob_match) nearest to HEAD: the reachable one
  // with fewest commits since it, else (no matching tag is an ancestor) the one whose
  // commit is newest. An empty glob matches every tag. nullopt: no matching tag, or HEAD
  // is unborn.
  std::optional<TagDistance> nearest_tag(std::string_view glob) const;

 private:
  explicit GitRepo(RepositoryPtr repo);
  struct Tag {
    std::string name;
    git_oid commit;
  };
  std::vector<Tag> tags_locked() const;  // caller holds m_mutex

  RepositoryPtr m_repo;
  std::filesystem::path m_workdir;
  std::unique_ptr<std::mutex> m_mutex;  // behind a pointer so that GitRepo stays movable
};

// HEAD's commit id for the repository holding `path`; "" outside git, on an unborn branch
// or when the repository cannot be read (for records, where no commit is an answer).
std::string head_commit_or_empty(const std::filesystem::path& path);

}  // namespace shipcheck::git
