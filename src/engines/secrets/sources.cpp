// Working-tree sources of a secret scan: which files to read, and whether one is text
// (see sources.h; git history is in history.cpp).
#include "engines/secrets/sources.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <system_error>
#include <unordered_set>

#include <fmt/format.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/text.h"
#include "engines/secrets/git_support.h"
#include "engines/secrets/gitignore.h"

namespace shipcheck::secrets {

namespace fs = std::filesystem;

namespace {

using Files = std::vector<std::string>;
using FilesOrError = tl::expected<Files, std::string>;
using Visit = std::function<void(std::string)>;

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

// Index entries under `prefix`, submodules (gitlinks) and symlinks left out; whether each
// is still on disk is settled by the walk below.
tl::expected<std::unordered_set<std::string>, std::string> tracked_paths(
    git_repository* repo, const fs::path& workdir, const std::string& prefix) {
  git_index* raw = nullptr;
  if (git_repository_index(&raw, repo) < 0) {
    return tl::make_unexpected(
        git_failure(fmt::format("reading the index of {}", workdir.string())));
  }
  const git::IndexPtr index(raw);
  std::unordered_set<std::string> tracked;
  const std::size_t count = git_index_entrycount(index.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_index_entry* entry = git_index_get_byindex(index.get(), i);
    if (entry == nullptr || entry->mode == GIT_FILEMODE_COMMIT ||
        entry->mode == GIT_FILEMODE_LINK) {
      continue;
    }
    const std::string_view path = entry->path;
    if (path.substr(0, prefix.size()) == prefix) {
      tracked.emplace(path);
    }
  }
  return tracked;
}

tl::expected<std::string, std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad() || !in.is_open()) {
    return tl::make_unexpected(fmt::format("{}: cannot read", path.string()));
  }
  return content;
}

// The text of `directory`/.gitignore, or "" when it has none.
tl::expected<std::string, std::string> read_gitignore(const fs::path& directory) {
  if (!is_regular_file_on_disk(directory / ".gitignore")) {
    return std::string();
  }
  return read_file(directory / ".gitignore");
}

// core.excludesFile, or git's default $XDG_CONFIG_HOME/git/ignore (~/.config/git/ignore).
fs::path global_excludes_file(git_repository* repo) {
  git_config* raw = nullptr;
  if (git_repository_config_snapshot(&raw, repo) == 0) {
    const std::unique_ptr<git_config, decltype(&git_config_free)> config(raw, git_config_free);
    git_buf path = GIT_BUF_INIT;
    if (git_config_get_path(&path, config.get(), "core.excludesfile") == 0) {
      fs::path found(path.ptr);
      git_buf_dispose(&path);
      return found;
    }
  }
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && *xdg != '\0') {
    return fs::path(xdg) / "git" / "ignore";
  }
  const char* home = std::getenv("HOME");
  return home != nullptr && *home != '\0' ? fs::path(home) / ".config" / "git" / "ignore"
                                          : fs::path();
}

// $GIT_DIR/info/exclude (the common dir's, for a linked work tree).
fs::path info_exclude_file(git_repository* repo) {
  git_buf path = GIT_BUF_INIT;
  if (git_repository_item_path(&path, repo, GIT_REPOSITORY_ITEM_INFO) != 0) {
    return {};
  }
  fs::path found = fs::path(path.ptr) / "exclude";
  git_buf_dispose(&path);
  return found;
}

// Walks the work tree below `prefix` and keeps regular files that are tracked or not
// ignored. Faster than git_status, which also stats every tracked file for changes (and
// rehashes racily clean ones) that a secret scan does not care about. Directories that
// hold no tracked file and are ignored are not entered, nor are nested repositories.
//
// Ignore rules are git's, in git's order of precedence: core.excludesFile, then
// info/exclude, then each directory's .gitignore from the top down, the last match
// deciding. Each .gitignore is read once, on entering its directory; libgit2's
// git_ignore_path_is_ignored re-stats every ancestor's file on every call (a third of
// `scan containers`' system time on 10,000 untracked files).
class GitWalker {
 public:
  GitWalker(git_repository* repo, fs::path workdir, std::unordered_set<std::string> tracked)
      : m_repo(repo), m_workdir(std::move(workdir)), m_tracked(std::move(tracked)) {
    for (const auto& path : m_tracked) {
      for (std::size_t slash = path.find('/'); slash != std::string::npos;
           slash = path.find('/', slash + 1)) {
        m_tracked_dirs.insert(path.substr(0, slash + 1));
      }
    }
  }

  // Hands each file under `prefix` ("" or "a/b/") to `visit`, without the prefix.
  tl::expected<void, std::string> walk_below(const std::string& prefix, const Visit& visit) {
    for (const fs::path& file : {global_excludes_file(m_repo), info_exclude_file(m_repo)}) {
      std::error_code error;
      std::string content;
      if (!file.empty() && fs::is_regular_file(file, error)) {
        auto read = read_file(file);
        if (!read) {
          return tl::make_unexpected(std::move(read.error()));
        }
        content = std::move(*read);
      }
      m_ignores.push("", content);
    }
    // The .gitignore files above the prefix apply to it too, and the prefix itself may lie
    // in an ignored directory that holds tracked files.
    bool inside_ignored = false;
    std::string dir;
    for (std::size_t slash = prefix.find('/'); slash != std::string::npos;
         slash = prefix.find('/', slash + 1)) {
      if (auto pushed = push_gitignore(dir); !pushed) {
        return pushed;
      }
      dir = prefix.substr(0, slash + 1);
      inside_ignored = inside_ignored || m_ignores.is_ignored(dir.substr(0, dir.size() - 1), true);
    }
    return walk(prefix, prefix.size(), inside_ignored, visit);
  }

 private:
  // Hands each file under `relative_dir` to `visit`, without `strip` leading characters.
  // Below an ignored directory (entered only for its tracked files) every untracked file
  // is ignored, whatever the patterns say, as in git.
  tl::expected<void, std::string> walk(const std::string& relative_dir, std::size_t strip,
                                       bool inside_ignored, const Visit& visit) {
    if (auto pushed = push_gitignore(relative_dir); !pushed) {
      return pushed;
    }
    std::error_code error;
    fs::directory_iterator it(m_workdir / relative_dir, error);
    for (; !error && it != fs::directory_iterator(); it.increment(error)) {
      const std::string name = it->path().filename().string();
      if (name == ".git" || it->is_symlink(error)) {
        continue;
      }
      const std::string path = relative_dir + name;
      if (it->is_directory(error)) {
        const bool ignored = inside_ignored || m_ignores.is_ignored(path, true);
        if (enter(path + '/', ignored)) {
          if (auto walked = walk(path + '/', strip, ignored, visit); !walked) {
            return walked;
          }
        }
      } else if (it->is_regular_file(error) &&
                 (m_tracked.count(path) > 0 ||
                  (!inside_ignored && !m_ignores.is_ignored(path, false)))) {
        visit(path.substr(strip));
      }
    }
    m_ignores.pop();
    if (error) {
      return tl::make_unexpected(
          fmt::format("{}: {}", (m_workdir / relative_dir).string(), error.message()));
    }
    return {};
  }

  tl::expected<void, std::string> push_gitignore(const std::string& relative_dir) {
    auto content = read_gitignore(m_workdir / relative_dir);
    if (!content) {
      return tl::make_unexpected(std::move(content.error()));
    }
    m_ignores.push(relative_dir, *content);
    return {};
  }

  bool enter(const std::string& dir, bool ignored) const {
    if (m_tracked_dirs.count(dir) > 0) {
      return true;
    }
    std::error_code error;
    return !ignored && !fs::exists(m_workdir / dir / ".git", error);
  }

  git_repository* m_repo;
  fs::path m_workdir;
  std::unordered_set<std::string> m_tracked;
  std::unordered_set<std::string> m_tracked_dirs;
  GitignoreStack m_ignores;
};

tl::expected<void, std::string> visit_git_files(git_repository* repo, const fs::path& root,
                                                const Visit& visit) {
  const fs::path workdir = git_repository_workdir(repo);
  auto prefix = prefix_in_worktree(workdir, root);
  if (!prefix) {
    return tl::make_unexpected(std::move(prefix.error()));
  }
  auto tracked = tracked_paths(repo, workdir, *prefix);
  if (!tracked) {
    return tl::make_unexpected(std::move(tracked.error()));
  }
  GitWalker walker(repo, workdir, std::move(*tracked));
  return walker.walk_below(*prefix, visit);
}

// --- outside git ------------------------------------------------------------------------

// Walks a plain directory tree, applying the .gitignore files on the way down.
class PlainWalker {
 public:
  explicit PlainWalker(Visit visit) : m_visit(std::move(visit)) {}

  // Lists `directory` (relative_dir is "" or "a/b/") and everything not excluded below it.
  tl::expected<void, std::string> walk(const fs::path& directory, const std::string& relative_dir) {
    auto ignore_content = read_gitignore(directory);
    if (!ignore_content) {
      return tl::make_unexpected(std::move(ignore_content.error()));
    }
    m_ignores.push(relative_dir, *ignore_content);
    auto listed = walk_entries(directory, relative_dir);
    m_ignores.pop();
    return listed;
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
        m_visit(relative);
      }
    }
    if (error) {
      return tl::make_unexpected(fmt::format("{}: {}", directory.string(), error.message()));
    }
    return {};
  }

  GitignoreStack m_ignores;
  Visit m_visit;
};

}  // namespace

namespace {

constexpr std::array<bool, 256> make_plain_text_table() {
  std::array<bool, 256> table{};
  for (int c = 0x20; c < 0x7f; ++c) {
    table[static_cast<std::size_t>(c)] = true;
  }
  for (const int c : {'\t', '\n', '\r', '\f', '\v'}) {
    table[static_cast<std::size_t>(c)] = true;
  }
  return table;
}
constexpr std::array<bool, 256> k_plain_text = make_plain_text_table();

bool is_plain_text(char c) {
  return k_plain_text[static_cast<unsigned char>(c)];
}

// Printable ASCII and \t \n \v \f \r only; 16 bytes at a time where SSE2 is there, since
// every file's head goes through here.
bool all_plain_text(std::string_view text) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i four = _mm_set1_epi8(4);
  const __m128i del = _mm_set1_epi8(0x7f);
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    // Signed compares: bytes >= 0x80 are negative, so "below space" catches them too.
    const __m128i control = _mm_cmplt_epi8(b, space);
    const __m128i whitespace =
        _mm_cmpeq_epi8(_mm_min_epu8(_mm_sub_epi8(b, tab), four), _mm_sub_epi8(b, tab));
    const __m128i bad = _mm_or_si128(_mm_andnot_si128(whitespace, control), _mm_cmpeq_epi8(b, del));
    if (_mm_movemask_epi8(bad) != 0) {
      return false;
    }
  }
#endif
  return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i), text.end(), is_plain_text);
}

}  // namespace

bool looks_binary(std::string_view head) {
  constexpr std::size_t k_head_size = 8192;
  head = head.substr(0, k_head_size);
  if (head.find('\0') != std::string_view::npos) {
    return true;
  }
  // Most text is plain ASCII, which decides without decoding UTF-8.
  if (all_plain_text(head)) {
    return false;
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

tl::expected<void, std::string> visit_worktree_files(const fs::path& root, const Visit& visit) {
  std::error_code error;
  if (!fs::is_directory(root, error)) {
    return tl::make_unexpected(fmt::format("{}: not a directory", root.string()));
  }
  auto repo = find_repository(root);
  if (!repo) {
    return tl::make_unexpected(std::move(repo.error()));
  }
  if (*repo && git_repository_workdir(repo->value().get()) != nullptr) {
    return visit_git_files(repo->value().get(), root, visit);
  }
  return PlainWalker(visit).walk(root, "");
}

FilesOrError list_worktree_files(const fs::path& root) {
  Files files;
  auto visited =
      visit_worktree_files(root, [&](std::string path) { files.push_back(std::move(path)); });
  if (!visited) {
    return tl::make_unexpected(std::move(visited.error()));
  }
  sort_unique(files);
  return files;
}

}  // namespace shipcheck::secrets
