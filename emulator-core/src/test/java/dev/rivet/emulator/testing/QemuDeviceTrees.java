package dev.rivet.emulator.testing;

import java.util.List;
import java.util.regex.Pattern;

/** QEMU's device trees as Rivet should reproduce them. */
public final class QemuDeviceTrees {

    private QemuDeviceTrees() {
    }

    /**
     * QEMU's decompiled device tree without exactly the documented differences: the nodes of the
     * devices Rivet does not have (fw-cfg, flash, platform-bus, pci) and QEMU's random rng-seed.
     */
    public static String withoutDocumentedDifferences(String qemuDts) {
        String s = qemuDts;
        for (String node : List.of("fw-cfg@10100000", "flash@20000000", "platform-bus@4000000", "pci@30000000")) {
            s = Pattern.compile("\\n\\n\\t+" + Pattern.quote(node) + " \\{\\n.*?\\n\\t+\\};", Pattern.DOTALL)
                    .matcher(s).replaceFirst("");
        }
        s = s.replaceAll("\\n\\t+rng-seed = <[^>]*>;", "");
        return s;
    }
}
