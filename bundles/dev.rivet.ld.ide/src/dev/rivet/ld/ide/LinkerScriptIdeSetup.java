package dev.rivet.ld.ide;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.rivet.ld.LinkerScriptLanguage;
import dev.rivet.ld.LinkerScriptRuntimeModule;
import dev.rivet.ld.LinkerScriptStandaloneSetup;
import dev.rivet.ld.services.LinkerScriptGrammarAccess;
import org.eclipse.xtext.util.Modules2;

/** Creates an injector with the runtime and the generic IDE services (e.g. for a language server). */
public class LinkerScriptIdeSetup extends LinkerScriptStandaloneSetup {

    private static volatile Injector shared;

    @Override
    public Injector createInjector() {
        return Guice.createInjector(Modules2.mixin(new LinkerScriptRuntimeModule(), new LinkerScriptIdeModule()));
    }

    /**
     * The shared IDE injector (the generated content-assist parser and Xtext's IDE services),
     * created on first use. The EMF registration is the runtime's ({@link LinkerScriptLanguage}),
     * and so is the grammar: the content-assist parser compares its grammar elements with those in
     * the node models that {@link LinkerScriptLanguage} parses, so both injectors share one
     * {@link LinkerScriptGrammarAccess} (a grammar loaded twice has different, unequal elements,
     * and content assist then finds no context at all).
     */
    public static Injector injector() {
        Injector i = shared;
        if (i == null) {
            synchronized (LinkerScriptIdeSetup.class) {
                i = shared;
                if (i == null) {
                    LinkerScriptGrammarAccess grammar = LinkerScriptLanguage.injector().getInstance(LinkerScriptGrammarAccess.class);
                    i = Guice.createInjector(Modules2.mixin(new LinkerScriptRuntimeModule(), new LinkerScriptIdeModule(),
                            binder -> binder.bind(LinkerScriptGrammarAccess.class).toInstance(grammar)));
                    shared = i;
                }
            }
        }
        return i;
    }
}
