// DKR008: no ADD of a remote URL (http, https, git) unless --checksum pins what it fetches.
#include "checks/docker/add_remote.h"

#include <regex>

#include <fmt/format.h>

#include "checks/docker/docker_util.h"

namespace shipcheck::checks {
namespace {

// A git source pinned to a commit: `...git#<40 hex>` (optionally `:subdir`) is
// content-addressed already.
bool pinned_git_commit(std::string_view src) {
  static const std::regex k_commit(R"(.*#[0-9a-fA-F]{40}(:.*)?)");
  return std::regex_match(src.begin(), src.end(), k_commit);
}

}  // namespace

DkrAddRemote::DkrAddRemote()
    : DockerRule(RuleInfo{
          "DKR008", "container", "No ADD of remote URLs without a checksum", Severity::medium,
          "pin the download: `ADD --checksum=sha256:<hex> https://... /dest` (Dockerfile "
          "syntax 1.6+), or `RUN curl -fsSLo f https://... && echo \"<sha256>  f\" | "
          "sha256sum -c -`; for git, a commit in the URL (`#<40-hex sha>`)"}) {}

void DkrAddRemote::check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                              std::vector<Result>& out) const {
  for (const auto& ins : file.instructions) {
    const auto* checksum = ins.flag("checksum");
    if (ins.keyword != "ADD" || (checksum != nullptr && !checksum->value.empty())) {
      continue;
    }
    for (const auto& src : docker::sources(ins)) {
      if (docker::is_remote_source(src) && !pinned_git_commit(src)) {
        const std::string shown = docker::evidence(src);  // URL passwords hidden
        out.push_back(locate(
            fail(fmt::format("ADD fetches {} without --checksum", shown), docker::evidence(ins)),
            source, file, ins, src));
      }
    }
  }
}

std::string DkrAddRemote::pass_message() const {
  return "no ADD fetches a remote URL without a checksum";
}

}  // namespace shipcheck::checks
