// One HTTP/1.1 response at a time, parsed by libhttp-parser as its bytes arrive: what the
// load engine needs to know (complete or not, status, keep-alive) and nothing it does not
// (headers and body are skipped, never copied).
#pragma once

#include <http_parser.h>

#include <cstddef>

namespace shipcheck::load {

enum class Parse { more, complete, invalid };

class ResponseParser {
 public:
  ResponseParser();
  // Before each response; `head`: the request was HEAD, so no body follows the headers.
  void reset(bool head);
  // Feeds bytes that arrived; `complete` once the response is whole (bytes after it are
  // ignored), `invalid` when they are not HTTP (or exceed the parser's header limit, 80 KB).
  Parse feed(const char* data, std::size_t size);
  // The connection ended: `complete` when that ends the body (no length was given).
  Parse finish();
  int status() const { return m_status; }
  bool keep_alive() const { return m_keep_alive; }

 private:
  static int on_headers_complete(http_parser* parser);
  static int on_message_complete(http_parser* parser);
  http_parser m_parser{};
  bool m_head = false;
  bool m_complete = false;
  bool m_keep_alive = true;
  int m_status = 0;
};

}  // namespace shipcheck::load
