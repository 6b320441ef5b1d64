#!/usr/bin/env python3
"""Reads and edits ELF symbol-version requirements (the .gnu.version_r section) of an x86-64 shared library.

  elfver.py missing LIB SYSTEM_LIB        versions LIB needs from SYSTEM_LIB's soname that SYSTEM_LIB does not define,
                                          one per line: VERSION SYMBOL... (the undefined symbols bound to it)
  elfver.py weaken LIB VERSION...         sets VER_FLG_WEAK on those requirements, so the loader only warns when the
                                          version is absent instead of refusing the library

Used by scripts/post-restore.d/10-torchsharp.sh; Python's standard library only.
"""
import struct
import sys

SHT_DYNSYM, SHT_GNU_VERDEF, SHT_GNU_VERNEED, SHT_GNU_VERSYM = 11, 0x6FFFFFFD, 0x6FFFFFFE, 0x6FFFFFFF
VER_FLG_WEAK = 0x2


class Elf:
    def __init__(self, data):
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            raise SystemExit("not a little-endian ELF64 file")
        self.data = data
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
        # name, type, flags, addr, offset, size, link, info, addralign, entsize
        self.sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]

    def section(self, sh_type):
        return next((s for s in self.sections if s[1] == sh_type), None)

    def string(self, strtab, offset):
        start = self.sections[strtab][4] + offset
        return self.data[start:self.data.index(b"\0", start)].decode()

    def verneed(self):
        """Yields (file, version name, offset of the Vernaux, vna_other index) for each requirement."""
        sec = self.section(SHT_GNU_VERNEED)
        if sec is None:
            return
        pos = sec[4]
        for _ in range(sec[7]):  # sh_info = number of Verneed entries
            _, cnt, file_off, aux, nxt = struct.unpack_from("<HHIII", self.data, pos)
            apos = pos + aux
            for _ in range(cnt):
                _, _, other, name, anext = struct.unpack_from("<IHHII", self.data, apos)
                yield self.string(sec[6], file_off), self.string(sec[6], name), apos, other
                apos += anext
            pos += nxt

    def verdef_names(self):
        sec = self.section(SHT_GNU_VERDEF)
        names = set()
        if sec is None:
            return names
        pos = sec[4]
        for _ in range(sec[7]):
            _, _, _, cnt, _, aux, nxt = struct.unpack_from("<HHHHIII", self.data, pos)
            if cnt:
                names.add(self.string(sec[6], struct.unpack_from("<I", self.data, pos + aux)[0]))
            pos += nxt
        return names

    def soname(self):
        dynamic = next((s for s in self.sections if s[1] == 6), None)  # SHT_DYNAMIC
        for i in range(dynamic[5] // 16):
            tag, val = struct.unpack_from("<qQ", self.data, dynamic[4] + i * 16)
            if tag == 14:  # DT_SONAME
                return self.string(dynamic[6], val)
        return None

    def symbols_of_version(self, index):
        dynsym, versym = self.section(SHT_DYNSYM), self.section(SHT_GNU_VERSYM)
        found = []
        for i in range(dynsym[5] // 24):
            name, _, _, shndx, _, _ = struct.unpack_from("<IBBHQQ", self.data, dynsym[4] + i * 24)
            ver, = struct.unpack_from("<H", self.data, versym[4] + i * 2)
            if shndx == 0 and ver & 0x7FFF == index:
                found.append(self.string(dynsym[6], name))
        return found


def main(argv):
    if len(argv) >= 3 and argv[0] == "missing":
        lib, system = Elf(open(argv[1], "rb").read()), Elf(open(argv[2], "rb").read())
        have, soname = system.verdef_names(), system.soname()
        for file, version, _, index in lib.verneed():
            if file == soname and version not in have:
                print(version, *lib.symbols_of_version(index))
        return 0
    if len(argv) >= 3 and argv[0] == "weaken":
        data = bytearray(open(argv[1], "rb").read())
        elf, wanted = Elf(bytes(data)), set(argv[2:])
        for _, version, apos, _ in elf.verneed():
            if version in wanted:
                flags, = struct.unpack_from("<H", data, apos + 4)
                struct.pack_into("<H", data, apos + 4, flags | VER_FLG_WEAK)
                wanted.discard(version)
        if wanted:
            raise SystemExit("no such version requirement: " + " ".join(sorted(wanted)))
        with open(argv[1], "wb") as f:
            f.write(data)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
