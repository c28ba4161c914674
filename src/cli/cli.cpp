// Command dispatch (placeholder until the CLI lands).
#include "cli/cli.h"

namespace shipcheck::cli {

int dispatch(int argc, char** argv) {
  (void)argc;
  (void)argv;
  return k_exit_usage;
}

}  // namespace shipcheck::cli
