// .dockerignore patterns applied the way BuildKit does (moby/patternmatcher): comments
// and blank lines skipped, `!` re-includes, paths cleaned and a leading '/' dropped, `*`
// and `?` stop at '/', `**` spans directories, a pattern that matches a parent directory
// excludes what is inside it, and the last matching pattern wins.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace shipcheck::checks::docker {

struct IgnoreDecision {
  bool excluded = false;
  int line = 0;  // 1-based line of the pattern that decided; 0 when no pattern matched
};

// Whether `path` ('/'-separated, relative to the build context) is left out of the
// context by a .dockerignore made of `lines`.
IgnoreDecision dockerignore_decision(const std::vector<std::string>& lines, std::string_view path);

}  // namespace shipcheck::checks::docker
