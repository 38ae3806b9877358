package dev.rivet.ld.ide;

/**
 * Guice bindings of the linker-script language's generic IDE services (the generated content
 * assist parser). Rivet's editor services in this bundle (highlighting, outline, completion,
 * hover, navigation, folding, formatting) are plain classes over {@link ParsedScript}.
 */
public class LinkerScriptIdeModule extends AbstractLinkerScriptIdeModule {
}
