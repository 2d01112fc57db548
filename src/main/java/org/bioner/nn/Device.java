package org.bioner.nn;

import java.util.Locale;

/**
 * Where the networks run: {@link #CPU} (OpenBLAS and Java loops, the default) or {@link #CUDA} (one NVIDIA
 * GPU through the CUDA driver, cuBLAS and kernels compiled at run time with NVRTC). Chosen by
 * {@code --device cpu|cuda} on the command line and {@code PARAM_DEVICE} on the tagger engine; opened with
 * {@link Backends#open}.
 */
public enum Device {
    CPU, CUDA;

    /** {@code cpu} or {@code cuda}, any case; anything else names the accepted values. */
    public static Device parse(String s) {
        if (s != null) {
            for (Device d : values()) if (d.name().equalsIgnoreCase(s.trim())) return d;
        }
        throw new IllegalArgumentException("unknown device '" + s + "': expected cpu or cuda");
    }

    /** The lower-case name used on the command line and in parameters. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
