package dev.rivet.ld;

import dev.rivet.ld.model.MachineProfile;
import dev.rivet.ld.scoping.UnresolvedRegionMessages;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;

/**
 * Guice bindings of the linker-script language at runtime (parser, linker, validator). The
 * generated superclass binds what the MWE2 workflow produced; this class adds Rivet's own parts.
 */
public class LinkerScriptRuntimeModule extends AbstractLinkerScriptRuntimeModule {

    /** No "Couldn't resolve reference to Region" while an INCLUDE that may declare it is unreadable. */
    public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
        return UnresolvedRegionMessages.class;
    }

    /** The machine the validator checks addresses against when none is attached to the script: QEMU's virt with 128 MiB. */
    public MachineProfile bindMachineProfile() {
        return MachineProfile.qemuVirtDefault();
    }
}
