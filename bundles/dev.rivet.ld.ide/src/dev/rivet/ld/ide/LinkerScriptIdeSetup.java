package dev.rivet.ld.ide;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.rivet.ld.LinkerScriptRuntimeModule;
import dev.rivet.ld.LinkerScriptStandaloneSetup;
import org.eclipse.xtext.util.Modules2;

/** Creates an injector with the runtime and the generic IDE services (e.g. for a language server). */
public class LinkerScriptIdeSetup extends LinkerScriptStandaloneSetup {

    @Override
    public Injector createInjector() {
        return Guice.createInjector(Modules2.mixin(new LinkerScriptRuntimeModule(), new LinkerScriptIdeModule()));
    }
}
