// GIT003: deploy a tagged release (see docs/rules/GIT003.md).
#include "checks/repo/release_tag.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/repo/git_facts.h"
#include "core/text.h"

namespace shipcheck::checks {

namespace {

std::string short_id(const std::string& commit) {
  return commit.substr(0, 7);
}

// The failure message when no matching tag points at HEAD.
std::string untagged_message(const std::optional<git::TagDistance>& nearest,
                             std::string_view glob) {
  if (!nearest) {
    return fmt::format("HEAD is not tagged and no tag matches '{}'", glob);
  }
  if (nearest->reachable()) {
    return fmt::format("HEAD is {} commit{} after {}", nearest->ahead,
                       nearest->ahead == 1 ? "" : "s", nearest->tag);
  }
  return fmt::format(
      "HEAD is not tagged; the newest tag matching '{}' is {}, which is not an "
      "ancestor of HEAD",
      glob, nearest->tag);
}

}  // namespace

ReleaseTag::ReleaseTag()
    : Check(RuleInfo{"GIT003", "repo", "HEAD is a tagged release", Severity::medium,
                     "tag the commit you deploy, e.g. `git tag -a v1.2.3 -m 'v1.2.3' && git push "
                     "origin v1.2.3`"}) {}

std::vector<Result> ReleaseTag::run(const Context& ctx) const {
  const GitFacts& git = git_facts(ctx);
  if (!git.error.empty()) {
    return {error(git.error)};
  }
  if (!git.repo) {
    return {skip("not a git repository")};
  }
  const std::string& glob = ctx.config.git.release_tag;
  const std::string shown_glob = glob.empty() ? "*" : glob;
  const auto head = git.repo->head_commit();
  if (!head) {
    return {fail("the repository has no commits (HEAD is unborn)")};
  }
  std::vector<std::string> matching;
  for (const std::string& tag : git.repo->tags_pointing_at_head()) {
    if (glob.empty() || glob_match(glob, tag)) {
      matching.push_back(tag);
    }
  }
  if (matching.empty()) {
    return {fail(untagged_message(git.repo->nearest_tag(glob), shown_glob),
                 fmt::format("HEAD is commit {}", *head))};
  }
  return {pass(fmt::format("HEAD ({}) is tagged {}", short_id(*head), fmt::join(matching, ", ")))};
}

}  // namespace shipcheck::checks
