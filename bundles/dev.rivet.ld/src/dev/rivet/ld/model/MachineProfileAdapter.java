package dev.rivet.ld.model;

import java.util.Optional;
import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;

/**
 * The machine the scripts of one resource set are checked against. The validator is a singleton
 * of the language's injector, while the machine depends on the script (the launch configurations
 * of its project): the caller attaches the profile to the script's resource set before validating,
 * and the validator reads it from there ({@link #of(EObject)}).
 */
public final class MachineProfileAdapter extends AdapterImpl {

    private final MachineProfile profile;

    private MachineProfileAdapter(MachineProfile profile) {
        this.profile = profile;
    }

    /** Makes {@code profile} the machine of {@code set}'s scripts, replacing an earlier one. */
    public static void attach(ResourceSet set, MachineProfile profile) {
        set.eAdapters().removeIf(MachineProfileAdapter.class::isInstance);
        set.eAdapters().add(new MachineProfileAdapter(profile));
    }

    /** The machine attached to the resource set of {@code element}, or empty. */
    public static Optional<MachineProfile> of(EObject element) {
        Resource resource = element == null ? null : element.eResource();
        ResourceSet set = resource == null ? null : resource.getResourceSet();
        if (set == null) {
            return Optional.empty();
        }
        for (Object adapter : set.eAdapters()) {
            if (adapter instanceof MachineProfileAdapter a) {
                return Optional.of(a.profile);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean isAdapterForType(Object type) {
        return type == MachineProfileAdapter.class;
    }
}
