#include "driver/postgres/libpq.h"

#include <dlfcn.h>

#include <mutex>
#include <string>

namespace strata::driver::postgres {
namespace {

Libpq g_libpq;
std::string g_error;

void Load() {
  // Lazy binding: of libpq's twenty libraries, those not linked with -z now then
  // resolve a function when it is first called rather than all of them here.
  void* handle = dlopen("libpq.so.5", RTLD_LAZY | RTLD_LOCAL);
  if (handle == nullptr) {
    g_error = std::string("cannot load libpq (install the libpq5 package): ") + dlerror();
    return;
  }
#define STRATA_LIBPQ_RESOLVE(name)                                                       \
  g_libpq.name = reinterpret_cast<decltype(&::name)>(dlsym(handle, #name));              \
  if (g_libpq.name == nullptr) {                                                         \
    g_error = "libpq.so.5 has no " #name "; strata needs libpq 14 or newer";             \
    return;                                                                              \
  }
  STRATA_LIBPQ_FUNCTIONS(STRATA_LIBPQ_RESOLVE)
#undef STRATA_LIBPQ_RESOLVE
}

}  // namespace

Result<const Libpq*> LoadLibpq() {
  static std::once_flag once;
  std::call_once(once, Load);
  if (!g_error.empty()) return Status::Database(g_error);
  return &g_libpq;
}

const Libpq& pq() { return g_libpq; }

}  // namespace strata::driver::postgres
