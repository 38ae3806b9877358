package dev.rivet.ld.scoping;

import dev.rivet.ld.linkerScript.LinkerScriptPackage;
import dev.rivet.ld.model.IncludedScripts;
import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;

/**
 * The messages for unresolved references. A region that does not resolve while one of the
 * script's INCLUDEs could not be read gets none: it is most likely declared in that file, and the
 * error on the INCLUDE says what is wrong (ld, too, stops at the INCLUDE). Otherwise Xtext's
 * "Couldn't resolve reference to Region 'X'."
 */
public class UnresolvedRegionMessages extends LinkingDiagnosticMessageProvider {

    @Override
    public DiagnosticMessage getUnresolvedProxyMessage(ILinkingDiagnosticContext context) {
        if (context.getReference().getEReferenceType() == LinkerScriptPackage.Literals.REGION
                && context.getContext().eResource() != null
                && IncludedScripts.of(context.getContext()).hasUnreadInclude()) {
            return null;
        }
        return super.getUnresolvedProxyMessage(context);
    }
}
