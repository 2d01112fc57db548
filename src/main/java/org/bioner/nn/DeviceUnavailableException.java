package org.bioner.nn;

/**
 * The device asked for cannot be used here (no driver, no GPU, a CUDA library missing or too old). The
 * message is one line that names the device, what was missing and the way out ({@code --device cpu}).
 */
public final class DeviceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeviceUnavailableException(String message) {
        super(message);
    }

    public DeviceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
