package dev.rivet.ld.scoping;

/**
 * Scopes of the linker-script language. Memory regions (MEMORY entries and REGION_ALIAS names) are
 * the only cross-references; they are visible by simple name throughout the script, which is what
 * ld does (a region may be used before the MEMORY command that declares it). The inherited local
 * scope provider already gives exactly that, so nothing is overridden.
 */
public class LinkerScriptScopeProvider extends AbstractLinkerScriptScopeProvider {
}
