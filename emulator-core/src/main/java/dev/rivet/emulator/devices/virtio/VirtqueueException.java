package dev.rivet.emulator.devices.virtio;

/**
 * A driver broke the virtqueue rules in a way the device cannot recover from (a descriptor
 * index beyond the queue, a loop, a table outside RAM). The transport answers by setting
 * DEVICE_NEEDS_RESET (virtio 1.1, section 2.1.1; a modern device only, as QEMU) and stops
 * processing the queue until the driver resets the device.
 */
public final class VirtqueueException extends Exception {

    private static final long serialVersionUID = 1L;

    public VirtqueueException(String message) {
        super(message, null, false, false);
    }
}
