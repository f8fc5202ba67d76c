// A bump allocator for libpg_query's parse trees. Translating a script builds a
// large JSON document node by node and throws it away at once; with the general
// allocator, building and freeing those nodes cost more than parsing the SQL.
// Private to sql/pg/.
//
// Thread-safety: one arena per thread (ArenaScope installs it for the thread).
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <vector>

namespace strata::sql::pg {

class Arena {
 public:
  void* Allocate(size_t bytes, size_t align) {
    size_t at = (used_ + align - 1) & ~(align - 1);
    if (chunks_.empty() || at + bytes > capacity_) {
      capacity_ = bytes > kChunk ? bytes : kChunk;
      chunks_.push_back(std::make_unique<std::byte[]>(capacity_));
      at = 0;
    }
    used_ = at + bytes;
    return chunks_.back().get() + at;
  }

 private:
  static constexpr size_t kChunk = 1 << 20;
  std::vector<std::unique_ptr<std::byte[]>> chunks_;
  size_t used_ = 0;
  size_t capacity_ = 0;
};

// The arena of this thread while an ArenaScope lives; null otherwise.
inline thread_local Arena* current_arena = nullptr;

// Installs a fresh arena for this thread; everything allocated from it must be
// destroyed before the scope ends (declare the scope before those objects).
class ArenaScope {
 public:
  ArenaScope() : previous_(current_arena) { current_arena = &arena_; }
  ~ArenaScope() { current_arena = previous_; }
  ArenaScope(const ArenaScope&) = delete;
  ArenaScope& operator=(const ArenaScope&) = delete;

 private:
  Arena arena_;
  Arena* previous_;
};

// An allocator over the current arena; without one, the general allocator.
// Deallocation within an arena is a no-op: the arena frees everything at once.
template <typename T>
struct ArenaAllocator {
  using value_type = T;
  ArenaAllocator() noexcept = default;
  template <typename U>
  ArenaAllocator(const ArenaAllocator<U>&) noexcept {}  // NOLINT: rebinding
  T* allocate(size_t n) {
    if (current_arena) return static_cast<T*>(current_arena->Allocate(n * sizeof(T), alignof(T)));
    return static_cast<T*>(::operator new(n * sizeof(T)));
  }
  void deallocate(T* p, size_t) noexcept {
    if (!current_arena) ::operator delete(p);
  }
  template <typename U>
  bool operator==(const ArenaAllocator<U>&) const noexcept { return true; }
  template <typename U>
  bool operator!=(const ArenaAllocator<U>&) const noexcept { return false; }
};

}  // namespace strata::sql::pg
