/**
 * Pure inspectors over side-effect-free reads of a machine ({@link
 * dev.rivet.emulator.inspect.PhysicalPeek}): the Sv39/Sv48/Sv57 page-table walk and dump.
 */
package dev.rivet.emulator.inspect;
