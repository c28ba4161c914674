// Working-tree sources of a secret scan: which files to read, and whether one is text
// (see sources.h; git history is in history.cpp).
#include "engines/secrets/sources.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>

#include <fmt/format.h>

#include "core/text.h"
#include "engines/secrets/git_support.h"
#include "engines/secrets/gitignore.h"

namespace shipcheck::secrets {

namespace fs = std::filesystem;

namespace {

using Files = std::vector<std::string>;
using FilesOrError = tl::expected<Files, std::string>;

bool is_regular_file_on_disk(const fs::path& path) {
  std::error_code error;
  return fs::symlink_status(path, error).type() == fs::file_type::regular;
}

bool is_text_byte(unsigned char c) {
  return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void sort_unique(Files& files) {
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
}

// --- inside a git work tree -------------------------------------------------------------

// `root` relative to the work tree as a path prefix: "" for the work tree itself, else
// "sub/dir/". Both sides are made canonical so that symlinked temp dirs compare equal.
tl::expected<std::string, std::string> prefix_in_worktree(const fs::path& workdir,
                                                          const fs::path& root) {
  std::error_code error;
  const fs::path canonical_root = fs::weakly_canonical(root, error);
  const fs::path canonical_workdir = error ? fs::path() : fs::weakly_canonical(workdir, error);
  if (error) {
    return tl::make_unexpected(fmt::format("{}: {}", root.string(), error.message()));
  }
  const std::string relative =
      canonical_root.lexically_relative(canonical_workdir).generic_string();
  if (relative.empty() || relative == ".") {
    return std::string();
  }
  if (relative.rfind("..", 0) == 0) {
    return tl::make_unexpected(
        fmt::format("{} is outside the work tree {}", root.string(), workdir.string()));
  }
  return relative.back() == '/' ? relative : relative + '/';
}

// Index entries under `prefix` that are regular files on disk; submodules (gitlinks),
// symlinks and files deleted from the work tree are left out.
tl::expected<void, std::string> add_tracked(git_repository* repo, const fs::path& workdir,
                                            const std::string& prefix, Files& files) {
  git_index* raw = nullptr;
  if (git_repository_index(&raw, repo) < 0) {
    return tl::make_unexpected(
        git_failure(fmt::format("reading the index of {}", workdir.string())));
  }
  const git::IndexPtr index(raw);
  const std::size_t count = git_index_entrycount(index.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_index_entry* entry = git_index_get_byindex(index.get(), i);
    if (entry == nullptr || entry->mode == GIT_FILEMODE_COMMIT ||
        entry->mode == GIT_FILEMODE_LINK) {
      continue;
    }
    const std::string_view path = entry->path;
    if (path.substr(0, prefix.size()) == prefix && is_regular_file_on_disk(workdir / path)) {
      files.emplace_back(path.substr(prefix.size()));
    }
  }
  return {};
}

// Untracked, not ignored files under `prefix`, listed file by file. Untracked nested
// repositories (reported as "dir/") are not entered.
tl::expected<void, std::string> add_untracked(git_repository* repo, const fs::path& workdir,
                                              const std::string& prefix, Files& files) {
  git_status_options options{};
  git_status_options_init(&options, GIT_STATUS_OPTIONS_VERSION);
  options.show = GIT_STATUS_SHOW_WORKDIR_ONLY;
  options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
                  GIT_STATUS_OPT_EXCLUDE_SUBMODULES | GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH;
  std::string spec = prefix.empty() ? std::string() : prefix.substr(0, prefix.size() - 1);
  char* spec_list[] = {spec.data()};
  if (!prefix.empty()) {
    options.pathspec = {spec_list, 1};
  }
  git_status_list* raw = nullptr;
  if (git_status_list_new(&raw, repo, &options) < 0) {
    return tl::make_unexpected(
        git_failure(fmt::format("reading the status of {}", workdir.string())));
  }
  const git::StatusListPtr list(raw);
  const std::size_t count = git_status_list_entrycount(list.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_status_entry* entry = git_status_byindex(list.get(), i);
    if (entry == nullptr || (entry->status & GIT_STATUS_WT_NEW) == 0 ||
        entry->index_to_workdir == nullptr || entry->index_to_workdir->new_file.path == nullptr) {
      continue;
    }
    const std::string_view path = entry->index_to_workdir->new_file.path;
    if (path.substr(0, prefix.size()) == prefix && path.back() != '/' &&
        is_regular_file_on_disk(workdir / path)) {
      files.emplace_back(path.substr(prefix.size()));
    }
  }
  return {};
}

FilesOrError list_git_files(git_repository* repo, const fs::path& root) {
  const fs::path workdir = git_repository_workdir(repo);
  auto prefix = prefix_in_worktree(workdir, root);
  if (!prefix) {
    return tl::make_unexpected(std::move(prefix.error()));
  }
  Files files;
  if (auto tracked = add_tracked(repo, workdir, *prefix, files); !tracked) {
    return tl::make_unexpected(std::move(tracked.error()));
  }
  if (auto untracked = add_untracked(repo, workdir, *prefix, files); !untracked) {
    return tl::make_unexpected(std::move(untracked.error()));
  }
  sort_unique(files);
  return files;
}

// --- outside git ------------------------------------------------------------------------

tl::expected<std::string, std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad() || !in.is_open()) {
    return tl::make_unexpected(fmt::format("{}: cannot read", path.string()));
  }
  return content;
}

// Walks a plain directory tree, applying the .gitignore files on the way down.
class PlainWalker {
 public:
  // Lists `directory` (relative_dir is "" or "a/b/") and everything not excluded below it.
  tl::expected<void, std::string> walk(const fs::path& directory, const std::string& relative_dir) {
    std::string ignore_content;
    if (is_regular_file_on_disk(directory / ".gitignore")) {
      auto content = read_file(directory / ".gitignore");
      if (!content) {
        return tl::make_unexpected(std::move(content.error()));
      }
      ignore_content = std::move(*content);
    }
    m_ignores.push(relative_dir, ignore_content);
    auto listed = walk_entries(directory, relative_dir);
    m_ignores.pop();
    return listed;
  }

  Files take_files() {
    sort_unique(m_files);
    return std::move(m_files);
  }

 private:
  tl::expected<void, std::string> walk_entries(const fs::path& directory,
                                               const std::string& relative_dir) {
    std::error_code error;
    fs::directory_iterator it(directory, error);
    for (; !error && it != fs::directory_iterator(); it.increment(error)) {
      const std::string name = it->path().filename().string();
      if (name == ".git") {
        continue;
      }
      const fs::file_type type = it->symlink_status(error).type();
      if (error) {
        break;
      }
      const std::string relative = relative_dir + name;
      if (type == fs::file_type::directory && !m_ignores.is_ignored(relative, true)) {
        if (auto walked = walk(it->path(), relative + '/'); !walked) {
          return walked;
        }
      } else if (type == fs::file_type::regular && !m_ignores.is_ignored(relative, false)) {
        m_files.push_back(relative);
      }
    }
    if (error) {
      return tl::make_unexpected(fmt::format("{}: {}", directory.string(), error.message()));
    }
    return {};
  }

  GitignoreStack m_ignores;
  Files m_files;
};

FilesOrError list_plain_files(const fs::path& root) {
  PlainWalker walker;
  if (auto walked = walker.walk(root, ""); !walked) {
    return tl::make_unexpected(std::move(walked.error()));
  }
  return walker.take_files();
}

}  // namespace

bool looks_binary(std::string_view head) {
  constexpr std::size_t k_head_size = 8192;
  head = head.substr(0, k_head_size);
  if (head.find('\0') != std::string_view::npos) {
    return true;
  }
  std::size_t suspicious = 0;
  for (std::size_t i = 0; i < head.size();) {
    const auto c = static_cast<unsigned char>(head[i]);
    const std::size_t sequence = c >= 0x80 ? utf8_sequence_length(head, i) : 0;
    if (sequence > 0) {
      i += sequence;
      continue;
    }
    suspicious += is_text_byte(c) ? 0 : 1;
    ++i;
  }
  return suspicious * 10 > head.size() * 3;
}

FilesOrError list_worktree_files(const fs::path& root) {
  std::error_code error;
  if (!fs::is_directory(root, error)) {
    return tl::make_unexpected(fmt::format("{}: not a directory", root.string()));
  }
  auto repo = find_repository(root);
  if (!repo) {
    return tl::make_unexpected(std::move(repo.error()));
  }
  if (*repo && git_repository_workdir(repo->value().get()) != nullptr) {
    return list_git_files(repo->value().get(), root);
  }
  return list_plain_files(root);
}

}  // namespace shipcheck::secrets
