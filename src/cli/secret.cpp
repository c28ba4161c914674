// `shipcheck secret generate [--bytes N] [--hex]`: a strong random secret from OpenSSL's
// CSPRNG (what the seeds' generate_secrets.py does), URL-safe base64 by default.
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"

namespace shipcheck::cli {
namespace {

std::string base64url(const std::vector<unsigned char>& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  while (!out.empty() && out.back() == '=') {
    out.pop_back();
  }
  for (char& c : out) {
    c = c == '+' ? '-' : (c == '/' ? '_' : c);
  }
  return out;
}

}  // namespace

int secret_command(const Args& args) {
  CLI::App app{"shipcheck secret: generate a strong random secret", "shipcheck secret"};
  app.require_subcommand(1);
  auto* generate = app.add_subcommand("generate", "print a new random secret");
  int bytes = 32;
  bool hex = false;
  generate->add_option("--bytes,-n", bytes, "random bytes (default 32, at least 16)")
      ->check(CLI::Range(16, 1024));
  generate->add_flag("--hex", hex, "hexadecimal instead of URL-safe base64");
  if (auto code = parse_args(app, args)) {
    return *code;
  }
  std::vector<unsigned char> buffer(static_cast<std::size_t>(bytes));
  if (RAND_bytes(buffer.data(), bytes) != 1) {
    fmt::print(stderr, "shipcheck secret: the system random generator failed\n");
    return k_exit_internal;
  }
  if (hex) {
    for (unsigned char b : buffer) {
      fmt::print("{:02x}", b);
    }
    fmt::print("\n");
  } else {
    fmt::print("{}\n", base64url(buffer));
  }
  return k_exit_ok;
}

}  // namespace shipcheck::cli
