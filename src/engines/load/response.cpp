#include "engines/load/response.h"

namespace shipcheck::load {

ResponseParser::ResponseParser() {
  reset(false);
}

void ResponseParser::reset(bool head) {
  http_parser_init(&m_parser, HTTP_RESPONSE);
  m_parser.data = this;
  m_head = head;
  m_complete = false;
  m_keep_alive = true;
  m_status = 0;
}

int ResponseParser::on_headers_complete(http_parser* parser) {
  // 1 tells the parser that no body follows (a HEAD response announces one it never sends).
  return static_cast<ResponseParser*>(parser->data)->m_head ? 1 : 0;
}

int ResponseParser::on_message_complete(http_parser* parser) {
  auto* self = static_cast<ResponseParser*>(parser->data);
  self->m_complete = true;
  self->m_status = static_cast<int>(parser->status_code);
  self->m_keep_alive = http_should_keep_alive(parser) != 0;
  http_parser_pause(parser, 1);  // bytes after the response are not ours to parse
  return 0;
}

Parse ResponseParser::feed(const char* data, std::size_t size) {
  static const http_parser_settings callbacks = [] {
    http_parser_settings s{};
    s.on_headers_complete = on_headers_complete;
    s.on_message_complete = on_message_complete;
    return s;
  }();
  if (m_complete) {
    return Parse::complete;
  }
  const std::size_t parsed = http_parser_execute(&m_parser, &callbacks, data, size);
  if (m_complete) {
    // The parser takes any three digits; a status below 100 is no HTTP answer.
    return m_status >= 100 ? Parse::complete : Parse::invalid;
  }
  return parsed != size || HTTP_PARSER_ERRNO(&m_parser) != HPE_OK ? Parse::invalid : Parse::more;
}

Parse ResponseParser::finish() {
  if (!m_complete) {
    feed(nullptr, 0);
  }
  if (m_complete && m_status >= 100) {
    m_keep_alive = false;
    return Parse::complete;
  }
  return Parse::invalid;
}

}  // namespace shipcheck::load
