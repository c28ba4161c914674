// libgit2 helpers shared by the secret sources (see git_support.h).
#include "engines/secrets/git_support.h"

#include <array>

#include <fmt/format.h>

namespace shipcheck::secrets {

std::string git_error_text() {
  const git_error* error = git_error_last();
  return error != nullptr && error->message != nullptr ? error->message : "unknown libgit2 error";
}

std::string git_failure(std::string_view what) {
  return fmt::format("{}: {}", what, git_error_text());
}

std::string oid_hex(const git_oid& id) {
  std::array<char, GIT_OID_HEXSZ + 1> buffer{};
  git_oid_tostr(buffer.data(), buffer.size(), &id);
  return buffer.data();
}

tl::expected<std::optional<git::RepositoryPtr>, std::string> find_repository(
    const std::filesystem::path& path) {
  git::init_library();
  git_repository* raw = nullptr;
  const int code = git_repository_open_ext(&raw, path.c_str(), 0, nullptr);
  if (code == GIT_ENOTFOUND) {
    return std::optional<git::RepositoryPtr>();
  }
  if (code < 0) {
    return tl::make_unexpected(
        git_failure(fmt::format("cannot open the git repository at {}", path.string())));
  }
  return std::optional<git::RepositoryPtr>(git::RepositoryPtr(raw));
}

tl::expected<git::RepositoryPtr, std::string> open_repository(const std::filesystem::path& path) {
  auto found = find_repository(path);
  if (!found) {
    return tl::make_unexpected(std::move(found.error()));
  }
  if (!*found) {
    return tl::make_unexpected("not a git repository: " + path.string());
  }
  return std::move(**found);
}

}  // namespace shipcheck::secrets
