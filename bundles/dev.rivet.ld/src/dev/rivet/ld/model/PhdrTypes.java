package dev.rivet.ld.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The program header type names GNU ld 2.40 knows in a PHDRS command ("name type [FILEHDR] ...",
 * ld manual 3.8 "PHDRS Command"), with their {@code p_type} values (System V gABI, "Program
 * Header"; the PT_GNU_ ones from glibc's elf.h). ld's parser (ldgram.y, rule {@code phdr_type})
 * maps a type written as a bare name to its number and rejects any other name with "unknown phdr
 * type `NAME' (try integer literal)"; riscv64-unknown-elf-ld 2.40 accepts exactly these twelve.
 */
public final class PhdrTypes {

    private static final Map<String, Long> VALUES = new LinkedHashMap<>();

    static {
        VALUES.put("PT_NULL", 0L);
        VALUES.put("PT_LOAD", 1L);
        VALUES.put("PT_DYNAMIC", 2L);
        VALUES.put("PT_INTERP", 3L);
        VALUES.put("PT_NOTE", 4L);
        VALUES.put("PT_SHLIB", 5L);
        VALUES.put("PT_PHDR", 6L);
        VALUES.put("PT_TLS", 7L);
        VALUES.put("PT_GNU_EH_FRAME", 0x6474e550L);
        VALUES.put("PT_GNU_STACK", 0x6474e551L);
        VALUES.put("PT_GNU_RELRO", 0x6474e552L);
        VALUES.put("PT_GNU_PROPERTY", 0x6474e553L);
    }

    private PhdrTypes() {
    }

    /** The {@code p_type} of the type named {@code name}, or empty if ld does not know the name. */
    public static OptionalLong valueOf(String name) {
        Long v = VALUES.get(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** The names ld knows, in ld's order. */
    public static Iterable<String> names() {
        return VALUES.keySet();
    }
}
