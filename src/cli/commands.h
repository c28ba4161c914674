// Entry points of the commands; each lives in its own file under src/cli/.
#pragma once

#include <string>
#include <vector>

namespace shipcheck::cli {

// Each receives the arguments after the command name and returns the exit code.
using Args = std::vector<std::string>;

int run_command(const Args& args);
int init_command(const Args& args);
int import_command(const Args& args);
int rules_command(const Args& args);
int explain_command(const Args& args);
int secret_command(const Args& args);
int scan_command(const Args& args);
int probe_command(const Args& args);
int load_command(const Args& args);
int watch_command(const Args& args);
int history_command(const Args& args);
int diff_command(const Args& args);
int signoff_command(const Args& args);
int scan_containers_command(const Args& args);  // `scan containers`, from scan_command

}  // namespace shipcheck::cli
