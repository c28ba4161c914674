// Git reader over libgit2 (see repo.h).
#include "engines/git/repo.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>

#include <fmt/format.h>

#include "core/text.h"

namespace shipcheck::git {

namespace {

constexpr std::string_view k_tag_prefix = "refs/tags/";

std::string last_error_message() {
  const git_error* error = git_error_last();
  return error != nullptr && error->message != nullptr ? error->message : "unknown libgit2 error";
}

// Throws with libgit2's message when `code` is an error.
void check(int code, std::string_view what) {
  if (code < 0) {
    throw std::runtime_error(fmt::format("git: {}: {}", what, last_error_message()));
  }
}

std::string oid_hex(const git_oid& oid) {
  std::array<char, GIT_OID_HEXSZ + 1> buffer{};
  git_oid_tostr(buffer.data(), buffer.size(), &oid);
  return buffer.data();
}

// The commit a tag reference finally names, or nullopt for tags of trees or blobs.
std::optional<git_oid> peel_to_commit(git_repository* repo, const git_oid& target) {
  git_object* raw = nullptr;
  if (git_object_lookup(&raw, repo, &target, GIT_OBJECT_ANY) < 0) {
    return std::nullopt;
  }
  const ObjectPtr object(raw);
  git_object* peeled_raw = nullptr;
  if (git_object_peel(&peeled_raw, object.get(), GIT_OBJECT_COMMIT) < 0) {
    return std::nullopt;
  }
  const ObjectPtr peeled(peeled_raw);
  return *git_object_id(peeled.get());
}

std::int64_t commit_time(git_repository* repo, const git_oid& id) {
  git_commit* raw = nullptr;
  if (git_commit_lookup(&raw, repo, &id) < 0) {
    return 0;
  }
  const CommitPtr commit(raw);
  return git_commit_time(commit.get());
}

bool flag(unsigned int status, unsigned int mask) {
  return (status & mask) != 0;
}

char index_letter(unsigned int s) {
  return flag(s, GIT_STATUS_INDEX_NEW)          ? 'A'
         : flag(s, GIT_STATUS_INDEX_MODIFIED)   ? 'M'
         : flag(s, GIT_STATUS_INDEX_DELETED)    ? 'D'
         : flag(s, GIT_STATUS_INDEX_RENAMED)    ? 'R'
         : flag(s, GIT_STATUS_INDEX_TYPECHANGE) ? 'T'
                                                : ' ';
}

char worktree_letter(unsigned int s) {
  return flag(s, GIT_STATUS_WT_MODIFIED)     ? 'M'
         : flag(s, GIT_STATUS_WT_DELETED)    ? 'D'
         : flag(s, GIT_STATUS_WT_RENAMED)    ? 'R'
         : flag(s, GIT_STATUS_WT_TYPECHANGE) ? 'T'
                                             : ' ';
}

std::string short_code(unsigned int s) {
  if (flag(s, GIT_STATUS_CONFLICTED)) {
    return "UU";
  }
  if (flag(s, GIT_STATUS_WT_NEW)) {
    return "??";
  }
  return std::string{index_letter(s), worktree_letter(s)};
}

StatusEntry to_entry(const git_status_entry& entry) {
  const git_diff_delta* delta =
      entry.index_to_workdir != nullptr ? entry.index_to_workdir : entry.head_to_index;
  StatusEntry out;
  if (delta != nullptr) {
    out.path = delta->new_file.path != nullptr ? delta->new_file.path : delta->old_file.path;
  }
  const unsigned int s = entry.status;
  out.untracked = flag(s, GIT_STATUS_WT_NEW);
  out.conflicted = flag(s, GIT_STATUS_CONFLICTED);
  out.staged = flag(s, GIT_STATUS_INDEX_NEW | GIT_STATUS_INDEX_MODIFIED | GIT_STATUS_INDEX_DELETED |
                           GIT_STATUS_INDEX_RENAMED | GIT_STATUS_INDEX_TYPECHANGE);
  out.modified = flag(s, GIT_STATUS_WT_MODIFIED | GIT_STATUS_WT_DELETED | GIT_STATUS_WT_TYPECHANGE |
                             GIT_STATUS_WT_RENAMED);
  out.code = short_code(s);
  return out;
}

// Orders candidates for nearest_tag(): ancestors of HEAD first, the fewest commits since
// them first; among non-ancestors, the newest commit first.
bool is_nearer(const TagDistance& a, std::int64_t a_time, const TagDistance& b,
               std::int64_t b_time) {
  if (a.reachable() != b.reachable()) {
    return a.reachable();
  }
  return a.reachable() ? a.ahead < b.ahead : a_time > b_time;
}

}  // namespace

void init_library() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    // A history scan reads every blob once: libgit2's object cache (256 MiB by default)
    // and pack windows (up to 8 GiB mapped on 64-bit) would only grow the resident set.
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, static_cast<ssize_t>(32) << 20);
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, static_cast<std::size_t>(32) << 20);
  });
}

GitRepo::GitRepo(RepositoryPtr repo)
    : m_repo(std::move(repo)), m_mutex(std::make_unique<std::mutex>()) {
  std::string workdir = git_repository_workdir(m_repo.get());
  while (workdir.size() > 1 && workdir.back() == '/') {
    workdir.pop_back();
  }
  m_workdir = workdir;
}

tl::expected<std::optional<GitRepo>, std::string> GitRepo::try_open(
    const std::filesystem::path& path) {
  init_library();
  git_repository* raw = nullptr;
  const int code = git_repository_open_ext(&raw, path.c_str(), 0, nullptr);
  if (code == GIT_ENOTFOUND) {
    return std::optional<GitRepo>();
  }
  if (code < 0) {
    return tl::make_unexpected(fmt::format("cannot open the git repository at {}: {}",
                                           path.string(), last_error_message()));
  }
  RepositoryPtr repo(raw);
  if (git_repository_is_bare(repo.get()) != 0 || git_repository_workdir(repo.get()) == nullptr) {
    return std::optional<GitRepo>();
  }
  return std::optional<GitRepo>(GitRepo(std::move(repo)));
}

std::optional<GitRepo> GitRepo::open(const std::filesystem::path& path) {
  auto opened = try_open(path);
  if (!opened) {
    throw std::runtime_error(opened.error());
  }
  return std::move(*opened);
}

std::vector<std::string> GitRepo::tracked_files() const {
  const std::lock_guard lock(*m_mutex);
  git_index* raw = nullptr;
  check(git_repository_index(&raw, m_repo.get()), "reading the index");
  const IndexPtr index(raw);
  std::vector<std::string> files;
  const std::size_t count = git_index_entrycount(index.get());
  files.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const git_index_entry* entry = git_index_get_byindex(index.get(), i);
    // A conflicted path has up to three stage entries; list it once.
    if (entry != nullptr && (files.empty() || files.back() != entry->path)) {
      files.emplace_back(entry->path);
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

bool GitRepo::is_ignored(const std::string& relative_path) const {
  const std::lock_guard lock(*m_mutex);
  int ignored = 0;
  check(git_ignore_path_is_ignored(&ignored, m_repo.get(), relative_path.c_str()),
        "reading ignore rules");
  return ignored != 0;
}

std::vector<StatusEntry> GitRepo::status() const {
  const std::lock_guard lock(*m_mutex);
  git_status_options options{};
  check(git_status_options_init(&options, GIT_STATUS_OPTIONS_VERSION), "status options");
  options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
                  GIT_STATUS_OPT_SORT_CASE_SENSITIVELY;
  git_status_list* raw = nullptr;
  check(git_status_list_new(&raw, m_repo.get(), &options), "reading the status");
  const StatusListPtr list(raw);
  std::vector<StatusEntry> entries;
  const std::size_t count = git_status_list_entrycount(list.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_status_entry* entry = git_status_byindex(list.get(), i);
    if (entry != nullptr && entry->status != GIT_STATUS_CURRENT &&
        !flag(entry->status, GIT_STATUS_IGNORED)) {
      entries.push_back(to_entry(*entry));
    }
  }
  std::sort(entries.begin(), entries.end(),
            [](const StatusEntry& a, const StatusEntry& b) { return a.path < b.path; });
  return entries;
}

std::optional<std::string> GitRepo::head_commit() const {
  const std::lock_guard lock(*m_mutex);
  git_oid head{};
  if (git_reference_name_to_id(&head, m_repo.get(), "HEAD") < 0) {
    return std::nullopt;
  }
  return oid_hex(head);
}

std::vector<GitRepo::Tag> GitRepo::tags_locked() const {
  struct Payload {
    git_repository* repo;
    std::vector<Tag> tags;
  } payload{m_repo.get(), {}};
  const auto each = [](const char* name, git_oid* target, void* data) -> int {
    auto& p = *static_cast<Payload*>(data);
    std::string_view full(name);
    if (full.substr(0, k_tag_prefix.size()) == k_tag_prefix) {
      full.remove_prefix(k_tag_prefix.size());
    }
    if (const auto commit = peel_to_commit(p.repo, *target)) {
      p.tags.push_back(Tag{std::string(full), *commit});
    }
    return 0;
  };
  const int code = git_tag_foreach(m_repo.get(), each, &payload);
  if (code < 0 && code != GIT_ENOTFOUND) {
    check(code, "listing tags");
  }
  std::sort(payload.tags.begin(), payload.tags.end(),
            [](const Tag& a, const Tag& b) { return a.name < b.name; });
  return std::move(payload.tags);
}

std::vector<std::string> GitRepo::tags_pointing_at_head() const {
  const std::lock_guard lock(*m_mutex);
  git_oid head{};
  if (git_reference_name_to_id(&head, m_repo.get(), "HEAD") < 0) {
    return {};
  }
  std::vector<std::string> names;
  for (const Tag& tag : tags_locked()) {
    if (git_oid_equal(&tag.commit, &head) != 0) {
      names.push_back(tag.name);
    }
  }
  return names;
}

std::optional<TagDistance> GitRepo::nearest_tag(std::string_view glob) const {
  const std::lock_guard lock(*m_mutex);
  git_oid head{};
  if (git_reference_name_to_id(&head, m_repo.get(), "HEAD") < 0) {
    return std::nullopt;
  }
  std::optional<TagDistance> best;
  std::int64_t best_time = 0;
  for (const Tag& tag : tags_locked()) {
    if (!glob.empty() && !glob_match(glob, tag.name)) {
      continue;
    }
    TagDistance candidate{tag.name, 0, 0};
    check(git_graph_ahead_behind(&candidate.ahead, &candidate.behind, m_repo.get(), &head,
                                 &tag.commit),
          "measuring the distance to a tag");
    const std::int64_t time = commit_time(m_repo.get(), tag.commit);
    if (!best || is_nearer(candidate, time, *best, best_time)) {
      best = candidate;
      best_time = time;
    }
  }
  return best;
}

std::string head_commit_or_empty(const std::filesystem::path& path) {
  auto repo = GitRepo::try_open(path);
  if (!repo || !*repo) {
    return {};
  }
  try {
    return (*repo)->head_commit().value_or("");
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace shipcheck::git
