package dev.rivet.emulator.debug;

/**
 * Told when the machine stops. Called on the machine's thread after every hart has halted; must
 * return quickly and must not wait for the machine (it may call the controller, whose commands
 * then run directly on this thread).
 */
@FunctionalInterface
public interface StopListener {

    void stopped(StopEvent event);
}
