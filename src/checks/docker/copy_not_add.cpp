// DKR007: ADD only where it does what COPY cannot: local files go through COPY, except a
// local tar archive, which ADD unpacks on purpose. Remote sources are DKR008's.
#include "checks/docker/copy_not_add.h"

#include <regex>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/docker/docker_util.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

// ADD unpacks local tar archives, plain or compressed (gzip, bzip2, xz, zstd).
bool is_tar_archive(std::string_view source) {
  static const std::regex k_tar(R"(.*\.(tar(\.[a-z0-9]+)?|tgz|tbz2?|txz|tzst))");
  const std::string name = to_lower(source);
  return std::regex_match(name, k_tar);
}

}  // namespace

DkrCopyNotAdd::DkrCopyNotAdd()
    : DockerRule(RuleInfo{"DKR007", "container", "COPY rather than ADD for local files",
                          Severity::low,
                          "replace ADD with COPY for local files: COPY does only that, while ADD "
                          "also unpacks archives and fetches URLs, which surprises readers"}) {}

void DkrCopyNotAdd::check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                               std::vector<Result>& out) const {
  for (const auto& ins : file.instructions) {
    if (ins.keyword != "ADD") {
      continue;
    }
    std::vector<std::string> local;
    for (const auto& src : docker::sources(ins)) {
      if (!docker::is_remote_source(src) && !is_tar_archive(src)) {
        local.push_back(src);
      }
    }
    if (local.empty()) {
      continue;
    }
    out.push_back(
        locate(fail(fmt::format("ADD of local files ({}): use COPY", fmt::join(local, " ")),
                    docker::evidence(ins)),
               source, file, ins));
  }
}

std::string DkrCopyNotAdd::pass_message() const {
  return "ADD is used only for archives and remote sources";
}

}  // namespace shipcheck::checks
