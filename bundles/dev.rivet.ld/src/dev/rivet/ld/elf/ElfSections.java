package dev.rivet.ld.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The link-time view of a built ELF64 little-endian file (System V gABI, "Sections", "Program
 * Header", "Symbol Table"): its sections, its PT_LOAD segments and its symbols. This is what a
 * linker script produced; emulator-core's ElfImage only keeps what a loader needs.
 *
 * @param sections sections with SHF_ALLOC, in header order
 * @param segments PT_LOAD program headers
 * @param symbols  defined symbols of .symtab (not sections or files), in table order
 */
public record ElfSections(List<Section> sections, List<Segment> segments, List<Symbol> symbols) {

    static final int SHT_NOBITS = 8;
    static final int SHT_SYMTAB = 2;
    static final long SHF_ALLOC = 0x2;
    static final int PT_LOAD = 1;

    /** An allocated section: where it runs (VMA), where it is loaded (LMA, from its segment), its size. */
    public record Section(String name, long address, long loadAddress, long size, boolean occupiesFile) {
    }

    /** A PT_LOAD segment. */
    public record Segment(long virtualAddress, long physicalAddress, long fileSize, long memorySize, int flags) {
    }

    /** A symbol: name, value, size and whether it is a function or object. */
    public record Symbol(String name, long value, long size, int type) {
    }

    /**
     * Reads {@code file}.
     *
     * @throws IOException if it cannot be read or is not an ELF64 little-endian file, naming why
     */
    public static ElfSections read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return parse(bytes);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IOException(file + ": malformed ELF (" + e.getMessage() + ")", e);
        }
    }

    /** Whether {@code file} starts like an ELF64 little-endian RISC-V file (e_machine 243). */
    public static boolean isRiscv64Elf(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(20);
            return head.length == 20 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F'
                    && head[4] == 2 && head[5] == 1 && (head[18] & 0xff) == 243 && head[19] == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static ElfSections parse(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 64 || b.getInt(0) != 0x464c457f) {
            throw new IOException("not an ELF file");
        }
        if (bytes[4] != 2 || bytes[5] != 1) {
            throw new IOException("not an ELF64 little-endian file");
        }
        long phoff = b.getLong(32);
        long shoff = b.getLong(40);
        int phentsize = b.getShort(54) & 0xffff;
        int phnum = b.getShort(56) & 0xffff;
        int shentsize = b.getShort(58) & 0xffff;
        int shnum = b.getShort(60) & 0xffff;
        int shstrndx = b.getShort(62) & 0xffff;

        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int p = Math.toIntExact(phoff + (long) i * phentsize);
            if (b.getInt(p) == PT_LOAD) {
                segments.add(new Segment(b.getLong(p + 16), b.getLong(p + 24), b.getLong(p + 32), b.getLong(p + 40), b.getInt(p + 4)));
            }
        }
        if (shnum == 0 || shstrndx >= shnum) {
            return new ElfSections(List.of(), List.copyOf(segments), List.of());
        }
        long[][] headers = new long[shnum][];
        for (int i = 0; i < shnum; i++) {
            int s = Math.toIntExact(shoff + (long) i * shentsize);
            headers[i] = new long[] {b.getInt(s) & 0xffffffffL, b.getInt(s + 4) & 0xffffffffL, b.getLong(s + 8),
                b.getLong(s + 16), b.getLong(s + 24), b.getLong(s + 32), b.getInt(s + 40) & 0xffffffffL};
            // name, type, flags, addr, offset, size, link
        }
        long shstrOffset = headers[shstrndx][4];
        List<Section> sections = new ArrayList<>();
        List<Symbol> symbols = new ArrayList<>();
        for (long[] h : headers) {
            if ((h[2] & SHF_ALLOC) != 0 && h[5] > 0) {
                String name = string(bytes, shstrOffset + h[0]);
                sections.add(new Section(name, h[3], loadAddress(h[3], h[4], (int) h[1], segments), h[5], h[1] != SHT_NOBITS));
            }
            if (h[1] == SHT_SYMTAB) {
                long strOffset = headers[(int) h[6]][4];
                for (long e = h[4] + 24; e + 24 <= h[4] + h[5]; e += 24) {
                    int at = Math.toIntExact(e);
                    int info = bytes[at + 4] & 0xff;
                    int type = info & 0xf;
                    int shndx = b.getShort(at + 6) & 0xffff;
                    if (shndx == 0 || type == 3 || type == 4) {
                        continue; // undefined, STT_SECTION, STT_FILE
                    }
                    String name = string(bytes, strOffset + (b.getInt(at) & 0xffffffffL));
                    if (!name.isEmpty() && !name.startsWith("$")) {
                        symbols.add(new Symbol(name, b.getLong(at + 8), b.getLong(at + 16), type));
                    }
                }
            }
        }
        return new ElfSections(List.copyOf(sections), List.copyOf(segments), List.copyOf(symbols));
    }

    /** LMA = segment paddr + (section offset - segment offset) for sections in a PT_LOAD; else VMA. */
    private static long loadAddress(long address, long offset, int type, List<Segment> segments) {
        for (Segment s : segments) {
            if (type != SHT_NOBITS && Long.compareUnsigned(address, s.virtualAddress()) >= 0
                    && Long.compareUnsigned(address, s.virtualAddress() + s.memorySize()) < 0) {
                return s.physicalAddress() + (address - s.virtualAddress());
            }
        }
        return address;
    }

    private static String string(byte[] bytes, long offset) {
        int start = Math.toIntExact(offset);
        int end = start;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    /** The value of the first symbol named {@code name}. */
    public java.util.OptionalLong valueOf(String name) {
        for (Symbol s : symbols) {
            if (s.name().equals(name)) {
                return java.util.OptionalLong.of(s.value());
            }
        }
        return java.util.OptionalLong.empty();
    }
}
