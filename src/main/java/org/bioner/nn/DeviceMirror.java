package org.bioner.nn;

import java.util.function.LongSupplier;

/**
 * A device copy of a host buffer (weights), uploaded again when the host values change (the version the
 * supplier reports differs from the one uploaded) or when asked for on another backend.
 */
final class DeviceMirror {

    private final NativeBuffer host;
    private final int size;
    private final LongSupplier version;
    private Backend backend;
    private Backend.Floats dev;
    private long uploaded = Long.MIN_VALUE;

    DeviceMirror(NativeBuffer host, int size, LongSupplier version) {
        this.host = host;
        this.size = size;
        this.version = version;
    }

    static DeviceMirror of(Param p) {
        return new DeviceMirror(p.value, p.size(), p::version);
    }

    /** The device copy, current. */
    Backend.Floats on(Backend b) {
        long v = version.getAsLong();
        if (b != backend || dev == null) {
            if (dev != null && backend != null) dev.release();
            backend = b;
            dev = b.floats(size);
            uploaded = Long.MIN_VALUE;
        }
        if (v != uploaded) {
            b.upload(host, 0, dev, 0, size);
            uploaded = v;
        }
        return dev;
    }
}
