package dev.rivet.emulator.devices.virtio;

import dev.rivet.emulator.bus.AccessWidths;
import dev.rivet.emulator.bus.BusErrorException;
import dev.rivet.emulator.bus.MemoryMappedDevice;
import dev.rivet.emulator.irq.InterruptLine;

/**
 * The virtio-mmio transport (virtio 1.1, section 4.2) in either of its two register layouts:
 * version 2 ("modern", section 4.2.2) or version 1 ("legacy", section 4.2.4, QEMU 7.2's default
 * on {@code virt}). A slot without a device reads as QEMU's empty transport: the magic value, the
 * version and device ID 0.
 *
 * <p>Notifications are handled at once, inside the guest's store to QueueNotify, so runs are
 * deterministic. A {@link VirtqueueException} from the device breaks it, as QEMU 7.2's
 * {@code virtio_error}: the device does nothing more until the driver resets it, and a modern
 * device also sets DEVICE_NEEDS_RESET (64) in the status register (section 2.1.2) and raises the
 * configuration-change interrupt (InterruptStatus 3, both bits, as QEMU's
 * {@code virtio_notify_config}); a legacy device, whose drivers know no such bit, just stops.
 * QueueNumMax is {@link #MAX_QUEUE_SIZE} for every queue the device has, as QEMU's virtio-mmio
 * reports {@code VIRTQUEUE_MAX_SIZE} whatever the device's own queue size.
 */
public final class VirtioMmioTransport implements MemoryMappedDevice {

    public static final int MAGIC = 0x74726976; // "virt"
    /** QEMU's vendor ID, "QEMU". */
    public static final int VENDOR_QEMU = 0x554d4551;
    public static final long VIRTIO_F_VERSION_1 = 1L << 32;
    /** QueueNumMax of every queue: QEMU 7.2's {@code VIRTQUEUE_MAX_SIZE}. */
    public static final int MAX_QUEUE_SIZE = 1024;

    static final int MAGIC_VALUE = 0x000;
    static final int VERSION = 0x004;
    static final int DEVICE_ID = 0x008;
    static final int VENDOR_ID = 0x00c;
    static final int DEVICE_FEATURES = 0x010;
    static final int DEVICE_FEATURES_SEL = 0x014;
    static final int DRIVER_FEATURES = 0x020;
    static final int DRIVER_FEATURES_SEL = 0x024;
    static final int GUEST_PAGE_SIZE = 0x028; // legacy
    static final int QUEUE_SEL = 0x030;
    static final int QUEUE_NUM_MAX = 0x034;
    static final int QUEUE_NUM = 0x038;
    static final int QUEUE_ALIGN = 0x03c; // legacy
    static final int QUEUE_PFN = 0x040; // legacy
    static final int QUEUE_READY = 0x044;
    static final int QUEUE_NOTIFY = 0x050;
    static final int INTERRUPT_STATUS = 0x060;
    static final int INTERRUPT_ACK = 0x064;
    static final int STATUS = 0x070;
    static final int QUEUE_DESC_LOW = 0x080;
    static final int QUEUE_DESC_HIGH = 0x084;
    static final int QUEUE_DRIVER_LOW = 0x090;
    static final int QUEUE_DRIVER_HIGH = 0x094;
    static final int QUEUE_DEVICE_LOW = 0x0a0;
    static final int QUEUE_DEVICE_HIGH = 0x0a4;
    static final int CONFIG_GENERATION = 0x0fc;
    static final int CONFIG = 0x100;

    public static final int STATUS_FEATURES_OK = 8;
    public static final int STATUS_DRIVER_OK = 4;
    public static final int STATUS_DEVICE_NEEDS_RESET = 64;
    public static final int INT_USED_BUFFER = 1;
    public static final int INT_CONFIG_CHANGE = 2;

    private final boolean legacy;
    private final VirtioDevice device;
    private final Virtqueue[] queues;
    private final InterruptLine irq;

    private int deviceFeaturesSel;
    private int driverFeaturesSel;
    private long driverFeatures;
    private int queueSel;
    private long guestPageSize = 4096;
    private final int[] queueAlign;
    private final long[] queuePfn;
    private int status;
    private int interruptStatus;
    private String lastError = "";
    private boolean broken;

    /**
     * @param legacy whether to present version 1 (legacy) instead of version 2
     * @param device the device, or {@code null} for an empty slot
     * @param memory guest memory for the queues
     * @param irq    the slot's interrupt line
     */
    public VirtioMmioTransport(boolean legacy, VirtioDevice device, DmaMemory memory, InterruptLine irq) {
        this.legacy = legacy;
        this.device = device;
        this.irq = irq;
        int n = device == null ? 0 : device.queueCount();
        this.queues = new Virtqueue[n];
        for (int i = 0; i < n; i++) {
            queues[i] = new Virtqueue(memory, MAX_QUEUE_SIZE);
        }
        this.queueAlign = new int[n];
        this.queuePfn = new long[n];
        java.util.Arrays.fill(queueAlign, 4096);
    }

    /** The device's status register. */
    public int status() {
        return status;
    }

    /** What made the device need a reset, or empty. */
    public String lastError() {
        return lastError;
    }

    /** Whether a queue error stopped the device until the next reset. */
    public boolean isBroken() {
        return broken;
    }

    /** Queue {@code index} (for views and tests). */
    public Virtqueue queue(int index) {
        return queues[index];
    }

    private long offeredFeatures() {
        return device.features() | (legacy ? 0 : VIRTIO_F_VERSION_1);
    }

    private Virtqueue selected() {
        return queueSel < queues.length ? queues[queueSel] : null;
    }

    @Override
    public long load(long offset, int size) {
        return peek(offset, size);
    }

    @Override
    public long peek(long offset, int size) {
        if (offset >= CONFIG) {
            return device == null ? 0 : device.readConfig((int) (offset - CONFIG), size);
        }
        requireWord(offset, size);
        int reg = (int) offset;
        switch (reg) {
            case MAGIC_VALUE:
                return MAGIC;
            case VERSION:
                return legacy ? 1 : 2;
            case DEVICE_ID:
                return device == null ? 0 : device.deviceId();
            case VENDOR_ID:
                return VENDOR_QEMU & 0xffff_ffffL;
            default:
                break;
        }
        if (device == null) {
            return 0;
        }
        Virtqueue q = selected();
        return switch (reg) {
            case DEVICE_FEATURES -> deviceFeaturesSel > 1 ? 0 : (offeredFeatures() >>> (32 * deviceFeaturesSel)) & 0xffff_ffffL;
            case QUEUE_NUM_MAX -> q == null ? 0 : q.maxSize();
            case QUEUE_PFN -> legacy && q != null ? queuePfn[queueSel] : 0;
            case QUEUE_READY -> !legacy && q != null && q.isReady() ? 1 : 0;
            case INTERRUPT_STATUS -> interruptStatus;
            case STATUS -> status;
            case CONFIG_GENERATION -> 0;
            default -> 0;
        };
    }

    /** The registers are 32 bits wide; the device's configuration space is read at any width. */
    @Override
    public AccessWidths registerWidths(long offset) {
        return offset >= CONFIG ? AccessWidths.ANY : AccessWidths.WORD;
    }

    @Override
    public void store(long offset, int size, long value) {
        if (offset >= CONFIG) {
            if (device != null) {
                device.writeConfig((int) (offset - CONFIG), size, value);
            }
            return;
        }
        requireWord(offset, size);
        if (device == null) {
            return;
        }
        int v = (int) value;
        Virtqueue q = selected();
        switch ((int) offset) {
            case DEVICE_FEATURES_SEL -> deviceFeaturesSel = v;
            case DRIVER_FEATURES -> {
                if (legacy) {
                    // QEMU 7.2: legacy drivers have one feature word, applied when written;
                    // a write with GuestFeaturesSel != 0 is a guest error and ignored
                    if (driverFeaturesSel == 0 && (status & STATUS_DRIVER_OK) == 0) {
                        driverFeatures = v & 0xffff_ffffL & offeredFeatures();
                        device.acknowledgeFeatures(driverFeatures);
                    }
                } else if (driverFeaturesSel <= 1) {
                    int shift = 32 * driverFeaturesSel;
                    driverFeatures = (driverFeatures & ~(0xffff_ffffL << shift)) | ((v & 0xffff_ffffL) << shift);
                }
            }
            case DRIVER_FEATURES_SEL -> driverFeaturesSel = v;
            case GUEST_PAGE_SIZE -> {
                if (legacy) {
                    guestPageSize = v & 0xffff_ffffL;
                }
            }
            case QUEUE_SEL -> queueSel = v;
            case QUEUE_NUM -> {
                if (q != null) {
                    q.setSize(v);
                    if (legacy) {
                        configureLegacy();
                    }
                }
            }
            case QUEUE_ALIGN -> {
                if (legacy && q != null) {
                    queueAlign[queueSel] = v;
                    configureLegacy();
                }
            }
            case QUEUE_PFN -> {
                if (legacy && v == 0) {
                    reset(); // QEMU 7.2 resets the whole device (Linux writes 0 to let a queue go)
                } else if (legacy && q != null) {
                    queuePfn[queueSel] = v & 0xffff_ffffL;
                    configureLegacy();
                }
            }
            case QUEUE_READY -> {
                if (!legacy && q != null) {
                    q.setReady((v & 1) != 0);
                }
            }
            case QUEUE_DESC_LOW -> setLow(q, 0, v);
            case QUEUE_DESC_HIGH -> setHigh(q, 0, v);
            case QUEUE_DRIVER_LOW -> setLow(q, 1, v);
            case QUEUE_DRIVER_HIGH -> setHigh(q, 1, v);
            case QUEUE_DEVICE_LOW -> setLow(q, 2, v);
            case QUEUE_DEVICE_HIGH -> setHigh(q, 2, v);
            case QUEUE_NOTIFY -> notifyQueue(v);
            case INTERRUPT_ACK -> {
                interruptStatus &= ~v;
                updateIrq();
            }
            case STATUS -> writeStatus(v & 0xff);
            default -> { }
        }
    }

    private void setLow(Virtqueue q, int which, int v) {
        if (legacy || q == null) {
            return;
        }
        long low = v & 0xffff_ffffL;
        switch (which) {
            case 0 -> q.setDescTable((q.descTable() & 0xffff_ffff_0000_0000L) | low);
            case 1 -> q.setAvailRing((q.availRing() & 0xffff_ffff_0000_0000L) | low);
            default -> q.setUsedRing((q.usedRing() & 0xffff_ffff_0000_0000L) | low);
        }
    }

    private void setHigh(Virtqueue q, int which, int v) {
        if (legacy || q == null) {
            return;
        }
        long high = (v & 0xffff_ffffL) << 32;
        switch (which) {
            case 0 -> q.setDescTable((q.descTable() & 0xffff_ffffL) | high);
            case 1 -> q.setAvailRing((q.availRing() & 0xffff_ffffL) | high);
            default -> q.setUsedRing((q.usedRing() & 0xffff_ffffL) | high);
        }
    }

    /** Legacy layout (section 4.2.4): descriptors at PFN * page size, then avail, then used aligned. */
    private void configureLegacy() {
        Virtqueue q = queues[queueSel];
        long pfn = queuePfn[queueSel];
        if (pfn == 0) {
            q.setReady(false);
            return;
        }
        long desc = pfn * guestPageSize;
        long avail = desc + 16L * q.size();
        long align = Math.max(1, queueAlign[queueSel]);
        long used = ((avail + 6 + 2L * q.size()) + align - 1) / align * align;
        q.setAddresses(desc, avail, used);
        q.setReady(true);
    }

    private void writeStatus(int v) {
        if (v == 0) {
            reset();
            return;
        }
        if (!legacy && (v & STATUS_FEATURES_OK) != 0 && (status & STATUS_FEATURES_OK) == 0) {
            if ((driverFeatures & ~offeredFeatures()) != 0 || (driverFeatures & VIRTIO_F_VERSION_1) == 0) {
                v &= ~STATUS_FEATURES_OK; // section 3.1.1: the device refuses the feature set
            } else {
                device.acknowledgeFeatures(driverFeatures);
            }
        }
        status = (status & STATUS_DEVICE_NEEDS_RESET) | v;
    }

    private void reset() {
        status = 0;
        interruptStatus = 0;
        driverFeatures = 0;
        deviceFeaturesSel = 0;
        driverFeaturesSel = 0;
        queueSel = 0;
        lastError = "";
        broken = false;
        for (int i = 0; i < queues.length; i++) {
            queues[i].reset();
            queuePfn[i] = 0;
            queueAlign[i] = 4096;
        }
        device.reset();
        updateIrq();
    }

    private void notifyQueue(int index) {
        if (index < 0 || index >= queues.length || broken) {
            return;
        }
        if (!legacy && (status & STATUS_DRIVER_OK) == 0) {
            return;
        }
        try {
            if (device.processQueue(queues[index])) {
                interruptStatus |= INT_USED_BUFFER;
            }
        } catch (VirtqueueException e) {
            lastError = e.getMessage();
            broken = true;
            if (!legacy) {
                status |= STATUS_DEVICE_NEEDS_RESET;
                interruptStatus |= INT_USED_BUFFER | INT_CONFIG_CHANGE;
            }
        }
        updateIrq();
    }

    private void updateIrq() {
        irq.set(interruptStatus != 0);
    }

    private static void requireWord(long offset, int size) {
        if (size != 4 || (offset & 3) != 0) {
            throw new BusErrorException(offset, "virtio-mmio: registers take aligned 4-byte accesses");
        }
    }
}
