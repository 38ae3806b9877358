package dev.rivet.ld;

import dev.rivet.ld.model.MachineProfile;

/**
 * Guice bindings of the linker-script language at runtime (parser, linker, validator). The
 * generated superclass binds what the MWE2 workflow produced; this class adds Rivet's own parts.
 */
public class LinkerScriptRuntimeModule extends AbstractLinkerScriptRuntimeModule {

    /** The machine the validator checks addresses against when none is attached to the script: QEMU's virt with 128 MiB. */
    public MachineProfile bindMachineProfile() {
        return MachineProfile.qemuVirtDefault();
    }
}
