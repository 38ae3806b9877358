package dev.rivet.ld.scoping;

import com.google.inject.Inject;
import dev.rivet.ld.linkerScript.LinkerScriptPackage;
import dev.rivet.ld.linkerScript.Region;
import dev.rivet.ld.model.IncludedScripts;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.naming.IQualifiedNameConverter;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.Scopes;

/**
 * Scopes of the linker-script language. Memory regions (MEMORY entries and REGION_ALIAS names) are
 * the only cross-references. In ld they are global to the link: a region may be used before the
 * MEMORY command that declares it, and in another file than the one that declares it. So a region
 * reference sees the regions of its own file first, then those of every other file of the checked
 * script's INCLUDEs ({@link IncludedScripts}), in the order ld reads them.
 */
public class LinkerScriptScopeProvider extends AbstractLinkerScriptScopeProvider {

    @Inject
    private IQualifiedNameConverter names;

    @Override
    public IScope getScope(EObject context, EReference reference) {
        Resource own = context.eResource();
        if (reference.getEReferenceType() != LinkerScriptPackage.Literals.REGION || !(own instanceof XtextResource)) {
            return super.getScope(context, reference);
        }
        List<Region> regions = new ArrayList<>(regionsOf(own));
        for (XtextResource script : IncludedScripts.of(own).scripts()) {
            if (script != own) {
                regions.addAll(regionsOf(script));
            }
        }
        return Scopes.scopeFor(regions, r -> r.getName() == null || r.getName().isEmpty() ? null : names.toQualifiedName(r.getName()), IScope.NULLSCOPE);
    }

    private static List<Region> regionsOf(Resource script) {
        return script.getContents().isEmpty() ? List.of()
                : EcoreUtil2.getAllContentsOfType(script.getContents().get(0), Region.class);
    }
}
