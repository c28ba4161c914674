// Runs the shipcheck binary (and the demo scripts) from tests, capturing output and exit code.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace shipcheck::test {

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `shipcheck <args>` in `cwd` with NO_COLOR unset; args are passed to the shell as is.
CliRun run_shipcheck(const std::string& args, const std::filesystem::path& cwd = ".");

// A DEMO_PORT_BASE at or above `from` whose seven demo ports (base + 0, 32, 33, 43, 53, 79,
// 80) are all free. Each demo test starts from its own `from`, so that tests running at once
// do not pick the same base. Bases stay below Linux's ephemeral ports (32768 and up by
// default): there, an outgoing connection of another test may take a demo port between this
// check and the demo's (re)start, and nginx then fails to bind (seen with DemoWatch at 51000).
int free_demo_port_base(int from);

// Runs scripts/<name> <args>; throws with its output if it exits non-zero.
std::string run_script(const std::string& name, const std::string& args);

// Validates JSON text against docs/SCHEMA (the report's by default); returns "" if valid, else
// the error.
std::string schema_error(const std::string& json_text,
                         const std::string& schema = "report.schema.json");

std::filesystem::path source_dir();

// The whole file, bytes as they are ("" when it cannot be read).
std::string slurp(const std::filesystem::path& path);

}  // namespace shipcheck::test
