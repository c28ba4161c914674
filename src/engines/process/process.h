// Runs another program (pg_dump, pg_restore, the project's migration tool) with a deadline:
// its stdout and stderr are kept (the tail only, bounded), it runs in its own process group,
// and at the deadline that group is killed, so a hung child cannot outlast the drill that
// started it. Knows nothing of rules.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace shipcheck::process {

struct Command {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH unless it holds a '/'
  std::filesystem::path cwd;      // empty = ours
  // Set in the child on top of our environment (a name given twice: the last wins).
  std::vector<std::pair<std::string, std::string>> env;
  std::chrono::milliseconds timeout{60'000};
  std::size_t keep_output = 4096;  // bytes of stdout+stderr kept, the last ones
};

struct Outcome {
  bool started = false;
  std::string start_error;  // why it could not start ("pg_dump: not found")
  int exit_code = -1;       // when it exited
  int signal = 0;           // when a signal ended it
  bool timed_out = false;   // we killed it at the deadline
  std::string output;       // the last keep_output bytes of stdout and stderr, interleaved
  std::chrono::milliseconds duration{0};

  bool ok() const { return started && !timed_out && signal == 0 && exit_code == 0; }
  // "exit status 1", "killed by signal 9", "no end within 10m 00s", "not started: ...".
  std::string status_text() const;
  // The output's last non-empty line (where tools put the error), at most 300 bytes.
  std::string last_line() const;
};

Outcome run(const Command& command);

}  // namespace shipcheck::process
