package dev.rivet.core.launch;

/**
 * The attributes of a {@value #TYPE_ID} launch configuration and their defaults (those of
 * {@code qemu-system-riscv64 -machine virt -bios none -m 128M}).
 */
public final class KernelLaunchAttributes {

    /** The launch configuration type (plugin.xml). */
    public static final String TYPE_ID = "dev.rivet.core.launch.kernel";

    private static final String P = "dev.rivet.core.launch.";

    /** String: the project whose build makes the ELF (built before the launch, its errors checked). */
    public static final String PROJECT = P + "project";
    /** String: the kernel ELF; a workspace path or a file-system path, variables allowed. */
    public static final String ELF = P + "elf";
    /** String: {@link Firmware#id()}. */
    public static final String FIRMWARE = P + "firmware";
    /** Integer: RAM in MiB. */
    public static final String MEMORY_MIB = P + "memoryMiB";
    /** Integer: number of harts. */
    public static final String HARTS = P + "harts";
    /** List of strings: raw disk images (workspace or file-system paths, variables allowed), slot 0 first. */
    public static final String DISKS = P + "disks";
    /** String: the kernel command line ({@code /chosen/bootargs}). */
    public static final String COMMAND_LINE = P + "commandLine";
    /** String: {@link VirtioVersion#id()}. */
    public static final String VIRTIO = P + "virtio";

    public static final int DEFAULT_MEMORY_MIB = 128;
    public static final int DEFAULT_HARTS = 1;

    /** What runs before the kernel. */
    public enum Firmware {
        /** {@code -bios none}: the kernel starts at 0x80000000 in M-mode. */
        NONE("none", "None (the kernel starts in M-mode at 0x80000000)", "none"),
        /** {@code -bios default}: OpenSBI's fw_dynamic (Debian's opensbi package), the kernel in S-mode. */
        OPENSBI("opensbi", "OpenSBI (fw_dynamic; the kernel starts in S-mode)", "default");

        private final String id;
        private final String label;
        private final String biosArgument;

        Firmware(String id, String label, String biosArgument) {
            this.id = id;
            this.label = label;
            this.biosArgument = biosArgument;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        /** The {@code -bios} value. */
        public String biosArgument() {
            return biosArgument;
        }

        /** The firmware with {@code id}, or null. */
        public static Firmware of(String id) {
            for (Firmware f : values()) {
                if (f.id.equals(id)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** The virtio-mmio transport version the devices present (virtio 1.2 spec, 4.2.2 and 4.2.4). */
    public enum VirtioVersion {
        /** Version 1, QEMU 7.2's default ({@code virtio-mmio.force-legacy=on}). */
        LEGACY("legacy", "1 (legacy, QEMU 7.2's default)"),
        /** Version 2 ({@code virtio-mmio.force-legacy=off}). */
        MODERN("modern", "2 (modern)");

        private final String id;
        private final String label;

        VirtioVersion(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        /** The version with {@code id}, or null. */
        public static VirtioVersion of(String id) {
            for (VirtioVersion v : values()) {
                if (v.id.equals(id)) {
                    return v;
                }
            }
            return null;
        }
    }

    private KernelLaunchAttributes() {
    }
}
