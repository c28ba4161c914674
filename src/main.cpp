// shipcheck: parses the command line and hands over to cli::dispatch, nothing else.
#include "cli/cli.h"

int main(int argc, char** argv) {
  return shipcheck::cli::dispatch(argc, argv);
}
