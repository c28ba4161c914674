// libgit2 helpers shared by the secret sources: opening a repository, error text, ids.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <git2.h>
#include <tl/expected.hpp>

#include "engines/git/repo.h"

namespace shipcheck::secrets {

// libgit2's message for the last failed call on this thread.
std::string git_error_text();

// "<what>: <libgit2 message>".
std::string git_failure(std::string_view what);

std::string oid_hex(const git_oid& id);

// The repository containing `path` (parent directories searched, as git does); nullopt
// when there is none. An error when one exists but cannot be opened.
tl::expected<std::optional<git::RepositoryPtr>, std::string> find_repository(
    const std::filesystem::path& path);

// As find_repository(), but no repository is the error "not a git repository: <path>".
tl::expected<git::RepositoryPtr, std::string> open_repository(const std::filesystem::path& path);

}  // namespace shipcheck::secrets
