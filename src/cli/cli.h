// The command table: `shipcheck <command>`; one file per command under src/cli/.
#pragma once

namespace shipcheck::cli {

// Exit codes (DESIGN.md): 0 ready / nothing found, 1 not ready / findings, 2 usage or
// configuration error, 3 internal error.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_findings = 1;
inline constexpr int k_exit_usage = 2;
inline constexpr int k_exit_internal = 3;

int dispatch(int argc, char** argv);

}  // namespace shipcheck::cli
