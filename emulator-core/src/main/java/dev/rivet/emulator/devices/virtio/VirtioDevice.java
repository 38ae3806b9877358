package dev.rivet.emulator.devices.virtio;

/**
 * A virtio device type (block, ...) behind a transport. The transport owns feature selection
 * windows, status, queue configuration and interrupts; the device owns its feature bits, its
 * configuration space and what a request means (virtio 1.1, chapter 5 "Device Types").
 *
 * <p>Implementations must not throw because of what a guest does: malformed requests are
 * answered with the device type's error status, unrecoverable queue errors are reported by
 * throwing {@link VirtqueueException} from {@link #processQueue}.
 */
public interface VirtioDevice {

    /** The virtio device ID (2 for a block device). */
    int deviceId();

    /**
     * The device-specific and ring feature bits the device offers, without
     * {@code VIRTIO_F_VERSION_1}, which the transport adds for modern drivers.
     */
    long features();

    /** The number of virtqueues. */
    int queueCount();

    /** Reads {@code size} bytes at {@code offset} of the configuration space (0 beyond its end). */
    long readConfig(int offset, int size);

    /** Writes the configuration space (read-only fields ignore writes). */
    void writeConfig(int offset, int size, long value);

    /** Tells the device which features the driver accepted (on FEATURES_OK or DRIVER_OK). */
    void acknowledgeFeatures(long accepted);

    /**
     * Handles every chain the driver made available on {@code queue}, returning them to the used
     * ring.
     *
     * @return whether any chain was returned (the transport then raises the used-buffer interrupt)
     * @throws VirtqueueException when the queue is malformed beyond recovery
     */
    boolean processQueue(Virtqueue queue) throws VirtqueueException;

    /** Returns the device to its initial state (status written 0). */
    void reset();
}
