// Fuzz target: the alembic migration parser and the revision graph. The input is split
// on "\n#---\n" into several scripts, so that one input can also build a graph.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engines/alembic/alembic.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view k_separator = "\n#---\n";
  std::vector<shipcheck::alembic::Revision> revisions;
  std::size_t start = 0;
  while (start <= input.size()) {
    const std::size_t end = std::min(input.find(k_separator, start), input.size());
    auto parsed = shipcheck::alembic::parse_revision(input.substr(start, end - start), "v.py");
    if (parsed) {
      revisions.push_back(std::move(*parsed));
    } else {
      (void)parsed.error().to_string();
    }
    start = end + k_separator.size();
  }
  const auto graph = shipcheck::alembic::analyze(revisions);
  (void)graph;
  return 0;
}
