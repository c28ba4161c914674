// Runs validate_json_schema.py with the vendored SARIF schema.
#include "support/sarif_schema.h"

#include <fmt/format.h>

#include "support/fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck::test {

std::string sarif_schema_error(const std::string& sarif_text) {
  const TempDir dir;
  const auto file = dir.write("report.sarif", sarif_text);
  const auto support = source_dir() / "tests" / "support";
  std::string output;
  const std::string command =
      fmt::format("/usr/bin/python3 '{}' '{}' '{}'", (support / "validate_json_schema.py").string(),
                  (support / "schemas" / "sarif-schema-2.1.0.json").string(), file.string());
  // A trailing space keeps an unexpected empty complaint distinguishable from success.
  return run_command(command, output) == 0 ? std::string() : output + " ";
}

}  // namespace shipcheck::test
