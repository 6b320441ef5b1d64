// Defines std::ios_base_library_init(), the one GLIBCXX_3.4.32 (GCC 13) symbol libLibTorchSharp.so needs, for a
// libstdc++ that is older (Debian 12 stops at GLIBCXX_3.4.30). GCC 13 calls it from <iostream> users to make sure
// the standard streams are initialised; older libstdc++ does that by constructing one std::ios_base::Init, which is
// exactly what this does. Built and used by scripts/post-restore.d/10-torchsharp.sh.
#include <ios>

namespace std {
// Default visibility so the dynamic linker can bind libLibTorchSharp.so's (de-versioned) reference to it.
__attribute__((visibility("default"))) void ios_base_library_init() {
    static ios_base::Init init;
}
}  // namespace std
