// FileDescriptor: closes the POSIX descriptor it holds (readers that open, fstat and read
// one descriptor instead of looking the path up for each step).
#pragma once

#include <unistd.h>

namespace shipcheck {

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : m_fd(fd) {}
  ~FileDescriptor() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return m_fd; }

 private:
  int m_fd;
};

}  // namespace shipcheck
