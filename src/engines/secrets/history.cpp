// Git history as a secret-scan source: the index of unique blobs and the blob reader
// (see sources.h).
#include <cstring>
#include <unordered_set>

#include <fmt/format.h>

#include "engines/secrets/git_support.h"
#include "engines/secrets/sources.h"

namespace shipcheck::secrets {

namespace {

using Status = tl::expected<void, std::string>;

struct OidHash {
  std::size_t operator()(const git_oid& id) const {
    // Object ids are uniformly distributed already: their first bytes are a good hash.
    std::size_t hash = 0;
    std::memcpy(&hash, id.id, sizeof hash);
    return hash;
  }
};

struct OidEqual {
  bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b) != 0; }
};

using OidSet = std::unordered_set<git_oid, OidHash, OidEqual>;

tl::expected<git::TreePtr, std::string> lookup_tree(git_repository* repo, const git_oid& id) {
  git_tree* raw = nullptr;
  if (git_tree_lookup(&raw, repo, &id) < 0) {
    return tl::make_unexpected(git_failure(fmt::format("reading tree {}", oid_hex(id))));
  }
  return git::TreePtr(raw);
}

// Builds the index commit by commit. Each commit's tree is compared with its first
// parent's by walking both and descending only into subtrees whose ids differ: far
// cheaper than a full git_diff, which also builds deltas we would throw away.
class HistoryIndexer {
 public:
  HistoryIndexer(git_repository* repo, git_odb* odb, const HistoryOptions& options)
      : m_repo(repo), m_odb(odb), m_options(options) {}

  Status add_commit(const git_oid& id) {
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, m_repo, &id) < 0) {
      return tl::make_unexpected(git_failure(fmt::format("reading commit {}", oid_hex(id))));
    }
    const git::CommitPtr commit(raw);
    m_index.commits.push_back(commit_info(commit.get()));
    auto tree = lookup_tree(m_repo, *git_commit_tree_id(commit.get()));
    if (!tree) {
      return tl::make_unexpected(std::move(tree.error()));
    }
    auto parent_tree = first_parent_tree(commit.get());
    if (!parent_tree) {
      return tl::make_unexpected(std::move(parent_tree.error()));
    }
    std::string path;
    return compare_trees(parent_tree->get(), tree->get(), path);
  }

  HistoryIndex take() { return std::move(m_index); }

 private:
  static CommitInfo commit_info(const git_commit* commit) {
    const git_signature* author = git_commit_author(commit);
    CommitInfo info;
    info.id = oid_hex(*git_commit_id(commit));
    if (author != nullptr) {
      info.author = author->name != nullptr ? author->name : "";
      info.email = author->email != nullptr ? author->email : "";
      info.time = author->when.time;
    }
    return info;
  }

  // The first parent's tree; null for a root commit (compared with the empty tree).
  tl::expected<git::TreePtr, std::string> first_parent_tree(const git_commit* commit) {
    if (git_commit_parentcount(commit) == 0) {
      return git::TreePtr();
    }
    git_commit* raw = nullptr;
    if (git_commit_parent(&raw, commit, 0) < 0) {
      return tl::make_unexpected(git_failure(
          fmt::format("reading the parent of commit {}", oid_hex(*git_commit_id(commit)))));
    }
    const git::CommitPtr parent(raw);
    return lookup_tree(m_repo, *git_commit_tree_id(parent.get()));
  }

  // Records the blobs of `after` that `before` (null: none) does not hold at the same
  // path. `path` is the directory prefix ("" or "a/b/"), restored on return.
  Status compare_trees(const git_tree* before, const git_tree* after, std::string& path) {
    const std::size_t count = git_tree_entrycount(after);
    const std::size_t prefix_size = path.size();
    for (std::size_t i = 0; i < count; ++i) {
      const git_tree_entry* entry = git_tree_entry_byindex(after, i);
      const git_filemode_t mode = git_tree_entry_filemode(entry);
      if (mode == GIT_FILEMODE_COMMIT) {
        continue;  // a submodule: its objects are not in this repository
      }
      const char* name = git_tree_entry_name(entry);
      const git_tree_entry* old_entry =
          before != nullptr ? git_tree_entry_byname(before, name) : nullptr;
      const git_oid* id = git_tree_entry_id(entry);
      if (old_entry != nullptr && git_oid_equal(git_tree_entry_id(old_entry), id) != 0) {
        continue;
      }
      path.append(name);
      Status status = mode == GIT_FILEMODE_TREE ? compare_subtrees(old_entry, *id, path)
                                                : record_blob(*id, path);
      path.resize(prefix_size);
      if (!status) {
        return status;
      }
    }
    return {};
  }

  Status compare_subtrees(const git_tree_entry* old_entry, const git_oid& id, std::string& path) {
    auto after = lookup_tree(m_repo, id);
    if (!after) {
      return tl::make_unexpected(std::move(after.error()));
    }
    git::TreePtr before;
    if (old_entry != nullptr && git_tree_entry_filemode(old_entry) == GIT_FILEMODE_TREE) {
      auto looked_up = lookup_tree(m_repo, *git_tree_entry_id(old_entry));
      if (!looked_up) {
        return tl::make_unexpected(std::move(looked_up.error()));
      }
      before = std::move(*looked_up);
    }
    path.push_back('/');
    return compare_trees(before.get(), after->get(), path);
  }

  Status record_blob(const git_oid& id, const std::string& path) {
    ++m_index.blob_versions;
    if (!m_seen.insert(id).second) {
      return {};
    }
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (git_odb_read_header(&size, &type, m_odb, &id) < 0) {
      return tl::make_unexpected(
          git_failure(fmt::format("reading blob {} ({})", oid_hex(id), path)));
    }
    if (m_options.max_blob_size > 0 && size > m_options.max_blob_size) {
      ++m_index.skipped_large;
      return {};
    }
    m_index.blobs.push_back(HistoryBlob{oid_hex(id), path, size, m_index.commits.size() - 1});
    return {};
  }

  git_repository* m_repo;
  git_odb* m_odb;
  const HistoryOptions& m_options;
  OidSet m_seen;
  HistoryIndex m_index;
};

// Pushes HEAD (unless unborn) and every ref; hides `since` and its ancestors.
Status prepare_walk(git_repository* repo, git_revwalk* walk, const std::string& since) {
  git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME | GIT_SORT_REVERSE);
  // An unborn HEAD (no commit yet) has nothing to walk; other refs may still exist.
  if (git_repository_head_unborn(repo) != 1 && git_revwalk_push_head(walk) < 0) {
    return tl::make_unexpected(git_failure("walking from HEAD"));
  }
  if (git_revwalk_push_glob(walk, "refs/*") < 0) {
    return tl::make_unexpected(git_failure("walking the refs"));
  }
  if (since.empty()) {
    return {};
  }
  git_object* raw = nullptr;
  if (git_revparse_single(&raw, repo, since.c_str()) < 0) {
    return tl::make_unexpected(fmt::format("unknown revision '{}'", since));
  }
  const git::ObjectPtr object(raw);
  git_object* peeled_raw = nullptr;
  if (git_object_peel(&peeled_raw, object.get(), GIT_OBJECT_COMMIT) < 0) {
    return tl::make_unexpected(fmt::format("revision '{}' is not a commit", since));
  }
  const git::ObjectPtr peeled(peeled_raw);
  if (git_revwalk_hide(walk, git_object_id(peeled.get())) < 0) {
    return tl::make_unexpected(git_failure(fmt::format("hiding revision '{}'", since)));
  }
  return {};
}

}  // namespace

tl::expected<HistoryIndex, std::string> index_history(const std::filesystem::path& repo_path,
                                                      const HistoryOptions& options) {
  auto repo = open_repository(repo_path);
  if (!repo) {
    return tl::make_unexpected(std::move(repo.error()));
  }
  const auto fail = [&](std::string_view what) {
    return tl::make_unexpected(git_failure(fmt::format("{}: {}", repo_path.string(), what)));
  };
  git_odb* raw_odb = nullptr;
  if (git_repository_odb(&raw_odb, repo->get()) < 0) {
    return fail("opening the object database");
  }
  const git::OdbPtr odb(raw_odb);
  git_revwalk* raw_walk = nullptr;
  if (git_revwalk_new(&raw_walk, repo->get()) < 0) {
    return fail("starting a revision walk");
  }
  const git::RevwalkPtr walk(raw_walk);
  if (auto prepared = prepare_walk(repo->get(), walk.get(), options.since); !prepared) {
    return tl::make_unexpected(std::move(prepared.error()));
  }
  HistoryIndexer indexer(repo->get(), odb.get(), options);
  git_oid id{};
  int code = 0;
  while ((code = git_revwalk_next(&id, walk.get())) == 0) {
    if (auto added = indexer.add_commit(id); !added) {
      return tl::make_unexpected(fmt::format("{}: {}", repo_path.string(), added.error()));
    }
  }
  if (code != GIT_ITEROVER) {
    return fail("walking the history");
  }
  return indexer.take();
}

struct BlobReader::Impl {
  git::RepositoryPtr repo;
};

BlobReader::BlobReader(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
BlobReader::BlobReader(BlobReader&&) noexcept = default;
BlobReader& BlobReader::operator=(BlobReader&&) noexcept = default;
BlobReader::~BlobReader() = default;

tl::expected<BlobReader, std::string> BlobReader::open(const std::filesystem::path& repo_path) {
  auto repo = open_repository(repo_path);
  if (!repo) {
    return tl::make_unexpected(std::move(repo.error()));
  }
  return BlobReader(std::make_unique<Impl>(Impl{std::move(*repo)}));
}

tl::expected<std::string, std::string> BlobReader::read(const std::string& oid) const {
  git_oid id{};
  if (oid.size() != GIT_OID_HEXSZ || git_oid_fromstr(&id, oid.c_str()) < 0) {
    return tl::make_unexpected(fmt::format("invalid object id '{}'", oid));
  }
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, m_impl->repo.get(), &id) < 0) {
    return tl::make_unexpected(git_failure(fmt::format("reading blob {}", oid)));
  }
  const git::BlobPtr blob(raw);
  const auto* content = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return std::string(content, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

}  // namespace shipcheck::secrets
