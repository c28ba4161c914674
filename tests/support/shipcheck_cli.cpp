// Runs the shipcheck binary and scripts from tests.
#include "support/shipcheck_cli.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "support/fixture.h"
#include "support/nginx.h"

namespace shipcheck::test {
namespace {}  // namespace

std::filesystem::path source_dir() {
  return std::filesystem::path(SHIPCHECK_TESTS_DIR) / "..";
}

CliRun run_shipcheck(const std::string& args, const std::filesystem::path& cwd) {
  TempDir capture;
  const auto out = capture.path() / "out";
  const auto err = capture.path() / "err";
  const std::string command =
      fmt::format("(cd '{}' && '{}' {} >'{}' 2>'{}' </dev/null)", cwd.string(), SHIPCHECK_BINARY,
                  args, out.string(), err.string());
  std::string ignored;
  CliRun run;
  run.exit_code = run_command(command, ignored);
  run.out = slurp(out);
  run.err = slurp(err);
  return run;
}

std::string run_script(const std::string& name, const std::string& args) {
  std::string output;
  const std::string command = fmt::format("SHIPCHECK='{}' '{}' {}", SHIPCHECK_BINARY,
                                          (source_dir() / "scripts" / name).string(), args);
  if (run_command(command, output) != 0) {
    throw std::runtime_error(fmt::format("scripts/{} {} failed:\n{}", name, args, output));
  }
  return output;
}

std::string schema_error(const std::string& json_text, const std::string& schema) {
  TempDir dir;
  const auto file = dir.write("output.json", json_text);
  std::string output;
  const std::string command =
      fmt::format("/usr/bin/python3 '{}' '{}' '{}'",
                  (source_dir() / "tests" / "support" / "validate_json_schema.py").string(),
                  (source_dir() / "docs" / schema).string(), file.string());
  return run_command(command, output) == 0 ? std::string() : output + " ";
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

int free_demo_port_base(int from) {
  constexpr int k_first_ephemeral_port = 32768;
  for (int base = from; base + 80 < k_first_ephemeral_port; base += 100) {
    bool free = true;
    for (const int offset : {0, 32, 33, 43, 53, 79, 80}) {
      free = free && !accepts_connections(base + offset);
    }
    if (free) {
      return base;
    }
  }
  throw std::runtime_error("no free port base for the demo");
}

}  // namespace shipcheck::test
