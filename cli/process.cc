#include "cli/process.h"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>

namespace strata::cli {
namespace {

constexpr int kCannotRun = 127;  // the shell's code for "command not found"

// Writes `text` to `fd` from the forked child, where iostreams are no longer safe.
void ChildWrite(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

using Environment = std::vector<std::pair<std::string, std::string>>;

// strata's environment with `extra` set on top, as "NAME=value" strings.
std::vector<std::string> MergedEnvironment(const Environment& extra) {
  std::vector<std::string> out;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view entry(*e);
    const std::string_view name = entry.substr(0, entry.find('='));
    const bool replaced =
        std::any_of(extra.begin(), extra.end(), [&](const auto& kv) { return kv.first == name; });
    if (!replaced) out.emplace_back(entry);
  }
  for (const auto& [name, value] : extra) out.push_back(name + "=" + value);
  return out;
}

// Forks and executes `argv` with stdout on `out_fd` and stderr on `err_fd`, and
// `env` added to the environment. Everything the child needs is prepared before fork.
Result<pid_t> Spawn(const std::vector<std::string>& argv, int out_fd, int err_fd,
                    const std::filesystem::path& cwd, const std::optional<RunAs>& user,
                    const Environment& env = {}) {
  if (argv.empty()) return Status::Internal("no program to run");
  std::vector<std::string> store = argv;
  std::vector<char*> args;
  args.reserve(store.size() + 1);
  for (std::string& a : store) args.push_back(a.data());
  args.push_back(nullptr);
  std::vector<std::string> env_store =
      env.empty() ? std::vector<std::string>() : MergedEnvironment(env);
  std::vector<char*> envp;
  envp.reserve(env_store.size() + 1);
  for (std::string& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);
  const std::string cwd_text = cwd.string();
  const std::string exec_error = "strata: cannot run " + argv[0] + ": ";

  const pid_t pid = fork();
  if (pid < 0) return Status::Io(std::string("fork: ") + std::strerror(errno));
  if (pid > 0) return pid;

  // The child. A server started from here must not hold strata's terminal input.
  const int null_fd = open("/dev/null", O_RDONLY);
  if (null_fd >= 0) dup2(null_fd, STDIN_FILENO);
  dup2(out_fd, STDOUT_FILENO);
  dup2(err_fd, STDERR_FILENO);
  // Group first: once the user id is dropped, changing the group is not allowed.
  if (user && (setgroups(1, &user->gid) != 0 || setgid(user->gid) != 0 || setuid(user->uid) != 0)) {
    ChildWrite(STDERR_FILENO, exec_error + "cannot switch user: " + std::strerror(errno) + "\n");
    _exit(kCannotRun);
  }
  if (!cwd_text.empty() && chdir(cwd_text.c_str()) != 0) {
    ChildWrite(STDERR_FILENO,
               exec_error + "cannot enter " + cwd_text + ": " + std::strerror(errno) + "\n");
    _exit(kCannotRun);
  }
  if (env.empty()) {
    execvp(args[0], args.data());
  } else {
    execvpe(args[0], args.data(), envp.data());
  }
  ChildWrite(STDERR_FILENO, exec_error + std::strerror(errno) + "\n");
  _exit(kCannotRun);
}

int Wait(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Closes a file descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { Close(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void Close() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

}  // namespace

Result<int> RunProcess(const ProcessOptions& options) {
  // O_CLOEXEC: the descriptor reaches the child only as its stdout and stderr,
  // so a server that pg_ctl leaves running does not keep it open.
  const std::string path = options.log.empty() ? "/dev/null" : options.log.string();
  Fd log(open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (log.get() < 0) {
    return Status::Io(std::string("cannot open the log: ") + std::strerror(errno)).WithFile(path);
  }
  STRATA_ASSIGN_OR_RETURN(const pid_t pid,
                          Spawn(options.argv, log.get(), log.get(), options.cwd, options.user));
  return Wait(pid);
}

Result<CapturedRun> RunCapturing(const std::vector<std::string>& argv, const Environment& env,
                                 const std::filesystem::path& cwd) {
  int ends[2];
  if (pipe2(ends, O_CLOEXEC) != 0) return Status::Io(std::string("pipe: ") + std::strerror(errno));
  Fd out_read(ends[0]);
  Fd out_write(ends[1]);
  if (pipe2(ends, O_CLOEXEC) != 0) return Status::Io(std::string("pipe: ") + std::strerror(errno));
  Fd err_read(ends[0]);
  Fd err_write(ends[1]);
  STRATA_ASSIGN_OR_RETURN(const pid_t pid,
                          Spawn(argv, out_write.get(), err_write.get(), cwd, std::nullopt, env));
  out_write.Close();
  err_write.Close();
  // Both pipes at once: a child that fills one while strata waits on the other
  // would block forever.
  CapturedRun run;
  pollfd fds[2] = {{out_read.get(), POLLIN, 0}, {err_read.get(), POLLIN, 0}};
  std::string* into[2] = {&run.out, &run.err};
  int open_pipes = 2;
  char buf[4096];
  while (open_pipes > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        into[i]->append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;  // poll ignores it from now on
        --open_pipes;
      }
    }
  }
  run.exit_code = Wait(pid);
  return run;
}

Result<std::string> CaptureStdout(const std::vector<std::string>& argv) {
  int ends[2];
  if (pipe2(ends, O_CLOEXEC) != 0) return Status::Io(std::string("pipe: ") + std::strerror(errno));
  Fd read_end(ends[0]);
  Fd write_end(ends[1]);
  Fd null_out(open("/dev/null", O_WRONLY | O_CLOEXEC));
  STRATA_ASSIGN_OR_RETURN(const pid_t pid,
                          Spawn(argv, write_end.get(), null_out.get(), {}, std::nullopt));
  write_end.Close();  // else the read below never sees the end of the output
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = read(read_end.get(), buf, sizeof buf);
    if (n > 0) {
      out.append(buf, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  const int code = Wait(pid);
  if (code == kCannotRun) return Status::NotFound("cannot run " + argv[0]);
  if (code != 0) return Status::Io(argv[0] + " exited with code " + std::to_string(code));
  return out;
}

std::string TailOfFile(const std::filesystem::path& path, int lines) {
  std::ifstream in(path);
  std::deque<std::string> last;
  for (std::string line; std::getline(in, line);) {
    last.push_back(line);
    if (static_cast<int>(last.size()) > lines) last.pop_front();
  }
  std::string text;
  for (const std::string& line : last) text += line + "\n";
  return text;
}

}  // namespace strata::cli
