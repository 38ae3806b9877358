package dev.rivet.ld;

/**
 * Registers the linker-script language with EMF outside OSGi (tests, command line) and creates its
 * injector: {@code new LinkerScriptStandaloneSetup().createInjectorAndDoEMFRegistration()}.
 */
public class LinkerScriptStandaloneSetup extends LinkerScriptStandaloneSetupGenerated {

    /** Registers the language and returns nothing; for callers that only need EMF registration. */
    public static void doSetup() {
        new LinkerScriptStandaloneSetup().createInjectorAndDoEMFRegistration();
    }
}
