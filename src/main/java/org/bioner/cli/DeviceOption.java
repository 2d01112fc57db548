package org.bioner.cli;

import java.util.List;

import org.bioner.nn.Backend;
import org.bioner.nn.Backends;
import org.bioner.nn.Device;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code --device cpu|cuda}: where the networks run (a mixin of annotate, cpe, tag, train, pretrain-lm, ...). */
public final class DeviceOption {

    /** The accepted values, for completion and the help text. */
    public static final class Candidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("cpu", "cuda").iterator();
        }
    }

    static final class Converter implements ITypeConverter<Device> {
        @Override
        public Device convert(String value) {
            return Device.parse(value);
        }
    }

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE", converter = Converter.class,
            completionCandidates = Candidates.class,
            description = {"Where the networks run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
                    "cuda: one NVIDIA GPU through the machine's driver, cuBLAS and NVRTC (CUDA 11-13; BIONER_CUDA_LIBS names",
                    "their directory if the loader does not find them); the same model files, results equal within float rounding."})
    Device device = Device.CPU;

    public Device device() {
        return device;
    }

    /** The backend; for cuda, fails with one line (DeviceUnavailableException) where no GPU can be used. */
    public Backend open() {
        return Backends.open(device);
    }
}
