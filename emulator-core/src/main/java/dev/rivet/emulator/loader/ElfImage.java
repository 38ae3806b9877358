package dev.rivet.emulator.loader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed ELF64 little-endian RISC-V executable (System V ABI, ELF-64 Object File Format 1.5;
 * RISC-V ELF psABI): its entry point and its {@code PT_LOAD} segments, placed at their physical
 * addresses ({@code p_paddr}) as QEMU's {@code load_elf} does.
 *
 * @param entry    {@code e_entry}
 * @param segments loadable segments in file order
 */
public record ElfImage(long entry, List<Segment> segments) {

    /** ELF magic: 0x7f 'E' 'L' 'F'. */
    public static final int MAGIC = 0x464c457f;
    static final int ELFCLASS64 = 2;
    static final int ELFDATA2LSB = 1;
    static final int ET_EXEC = 2;
    static final int ET_DYN = 3;
    static final int EM_RISCV = 243;
    static final int PT_LOAD = 1;

    /**
     * One {@code PT_LOAD} segment: {@code data} (the file bytes) at {@code paddr}, followed by
     * zeros up to {@code memSize}.
     */
    public record Segment(long paddr, byte[] data, long memSize) {
        /** One past the last byte the segment occupies. */
        public long end() {
            return paddr + memSize;
        }
    }

    /** Whether {@code file} starts with the ELF magic. */
    public static boolean isElf(byte[] file) {
        return file.length >= 4 && ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == MAGIC;
    }

    /**
     * Whether {@code header} (the first bytes of a file, 20 or more) is that of an ELF64
     * little-endian RISC-V executable, the kind {@link #parse} accepts: a cheap test for menus
     * and launch shortcuts, which need not read the whole file.
     */
    public static boolean isRiscv64Executable(byte[] header) {
        return headerProblem(header, 20) == null;
    }

    /**
     * What makes {@code header} not an ELF64 little-endian RISC-V executable, checked in this
     * order, or null; {@code needed} is how many bytes must be there.
     */
    private static String headerProblem(byte[] header, int needed) {
        if (!isElf(header)) {
            return "not an ELF file";
        }
        if (header.length < needed) {
            return "ELF header is truncated";
        }
        if (header[4] != ELFCLASS64) {
            return "not a 64-bit ELF (EI_CLASS " + header[4] + "); Rivet runs RV64";
        }
        if (header[5] != ELFDATA2LSB) {
            return "not a little-endian ELF";
        }
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int type = b.getShort(16) & 0xffff;
        int machine = b.getShort(18) & 0xffff;
        if (machine != EM_RISCV) {
            return "ELF machine is " + machine + ", not RISC-V (243)";
        }
        if (type != ET_EXEC && type != ET_DYN) {
            return "ELF type " + type + " is not an executable";
        }
        return null;
    }

    /**
     * Parses {@code file}.
     *
     * @param name the file's name, for messages
     * @throws ImageLoadException naming what is wrong: not ELF64, not little-endian, not RISC-V,
     *                            not an executable, headers or segments outside the file
     */
    public static ElfImage parse(String name, byte[] file) throws ImageLoadException {
        String problem = headerProblem(file, 64);
        if (problem != null) {
            throw new ImageLoadException(name + ": " + problem);
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54) & 0xffff;
        int phnum = b.getShort(56) & 0xffff;
        if (phnum == 0) {
            throw new ImageLoadException(name + ": ELF has no program headers");
        }
        if (phentsize < 56 || phoff < 0 || phoff + (long) phentsize * phnum > file.length) {
            throw new ImageLoadException(name + ": ELF program headers lie outside the file");
        }
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int ph = (int) (phoff + (long) i * phentsize);
            if (b.getInt(ph) != PT_LOAD) {
                continue;
            }
            long offset = b.getLong(ph + 8);
            long paddr = b.getLong(ph + 24);
            long filesz = b.getLong(ph + 32);
            long memsz = b.getLong(ph + 40);
            if (offset < 0 || filesz < 0 || offset + filesz > file.length || offset + filesz < offset) {
                throw new ImageLoadException(name + ": segment " + i + " lies outside the file");
            }
            if (memsz < filesz) {
                throw new ImageLoadException(name + ": segment " + i + " has p_memsz smaller than p_filesz");
            }
            if (memsz > Integer.MAX_VALUE) {
                throw new ImageLoadException(name + ": segment " + i + " is larger than 2 GiB");
            }
            byte[] data = new byte[(int) filesz];
            System.arraycopy(file, (int) offset, data, 0, (int) filesz);
            segments.add(new Segment(paddr, data, memsz));
        }
        if (segments.isEmpty()) {
            throw new ImageLoadException(name + ": ELF has no loadable segment");
        }
        return new ElfImage(entry, List.copyOf(segments));
    }

    /** The lowest address any segment occupies. */
    public long lowAddress() {
        return segments.stream().mapToLong(Segment::paddr).min().orElseThrow();
    }

    /** One past the highest address any segment occupies. */
    public long highAddress() {
        return segments.stream().mapToLong(Segment::end).max().orElseThrow();
    }

    /** Copies every segment (and its zero fill) into memory. */
    public void loadInto(PhysicalMemoryWriter memory) {
        for (Segment s : segments) {
            memory.writeBytes(s.paddr(), s.data(), 0, s.data().length);
            long zeros = s.memSize() - s.data().length;
            if (zeros > 0) {
                memory.writeBytes(s.paddr() + s.data().length, new byte[(int) zeros], 0, (int) zeros);
            }
        }
    }
}
