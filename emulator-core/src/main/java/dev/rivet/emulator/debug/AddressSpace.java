package dev.rivet.emulator.debug;

/** Whether an address given to the debugger is virtual (translated as the hart translates) or physical. */
public enum AddressSpace {
    VIRTUAL, PHYSICAL
}
