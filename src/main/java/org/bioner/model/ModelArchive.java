package org.bioner.model;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The project's one model file format (character LMs, word vectors, taggers): a zip holding
 * {@code meta.properties} (format name, format version, model kind, free metadata) and named arrays
 * (float32, float16 or int32, little-endian, with their shape) and string lists. Reading it never
 * deserializes Java objects, so a foreign or hostile file can only fail with a clear error.
 */
public final class ModelArchive {

    public static final String FORMAT = "bioner-model";
    public static final int FORMAT_VERSION = 1;
    private static final String META = "meta.properties";

    private final String source;
    private final Map<String, String> meta;
    private final Map<String, byte[]> entries;

    private ModelArchive(String source, Map<String, String> meta, Map<String, byte[]> entries) {
        this.source = source;
        this.meta = meta;
        this.entries = entries;
    }

    // ------------------------------------------------------------------ reading

    /** Opens a model file and checks that it is a bioner model of the expected kind. */
    public static ModelArchive open(Path file, String expectedKind) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Model file not found: " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return open(in, file.toString(), expectedKind);
        }
    }

    /** Reads a model from a stream ({@code source} names it in error messages, e.g. a classpath location). */
    public static ModelArchive open(InputStream in, String source, String expectedKind) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (IOException | IllegalArgumentException ex) {
            throw new IOException(source + ": not a readable bioner model file (truncated or foreign?): " + ex.getMessage(), ex);
        }
        byte[] metaBytes = entries.get(META);
        if (metaBytes == null) {
            throw new IOException(source + ": not a bioner model file (no " + META + "; truncated or foreign file?)");
        }
        Properties p = new Properties();
        p.load(new StringReader(new String(metaBytes, StandardCharsets.UTF_8)));
        Map<String, String> meta = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> meta.put(k, p.getProperty(k)));
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IOException(source + ": not a bioner model file (format=" + meta.get("format") + ")");
        }
        int version = Integer.parseInt(meta.getOrDefault("format.version", "-1"));
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException(source + ": unsupported model format version " + version + " (this build reads up to " + FORMAT_VERSION + ")");
        }
        if (expectedKind != null && !expectedKind.equals(meta.get("kind"))) {
            throw new IOException(source + ": expected a '" + expectedKind + "' model but the file holds '" + meta.get("kind") + "'");
        }
        return new ModelArchive(source, meta, entries);
    }

    public String source() {
        return source;
    }

    public String kind() {
        return meta.get("kind");
    }

    /** Metadata value, or an error naming the file when it is missing. */
    public String meta(String key) throws IOException {
        String v = meta.get(key);
        if (v == null) {
            throw new IOException(source + ": model metadata lacks '" + key + "'");
        }
        return v;
    }

    public String meta(String key, String defaultValue) {
        return meta.getOrDefault(key, defaultValue);
    }

    public Map<String, String> metadata() {
        return java.util.Collections.unmodifiableMap(meta);
    }

    public boolean has(String name) {
        return entries.containsKey("arrays/" + name) || entries.containsKey("strings/" + name);
    }

    /** Shape of a stored array. */
    public int[] shape(String name) throws IOException {
        return header(name).shape;
    }

    /** A float array (float16 entries are widened). */
    public float[] floats(String name) throws IOException {
        Header h = header(name);
        ByteBuffer b = h.data;
        float[] out = new float[h.count];
        switch (h.dtype) {
            case 'f' -> b.asFloatBuffer().get(out);
            case 'h' -> {
                for (int i = 0; i < out.length; i++) out[i] = Half.toFloat(b.getShort(b.position() + 2 * i));
            }
            default -> throw new IOException(source + ": array '" + name + "' is not a float array");
        }
        return out;
    }

    public int[] ints(String name) throws IOException {
        Header h = header(name);
        if (h.dtype != 'i') throw new IOException(source + ": array '" + name + "' is not an int array");
        int[] out = new int[h.count];
        h.data.asIntBuffer().get(out);
        return out;
    }

    public List<String> strings(String name) throws IOException {
        byte[] raw = entries.get("strings/" + name);
        if (raw == null) throw new IOException(source + ": model lacks string list '" + name + "'");
        try {
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            int n = b.getInt();
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] s = new byte[b.getInt()];
                b.get(s);
                out.add(new String(s, StandardCharsets.UTF_8));
            }
            return out;
        } catch (RuntimeException e) {
            throw new IOException(source + ": string list '" + name + "' is corrupt", e);
        }
    }

    private record Header(char dtype, int[] shape, int count, ByteBuffer data) { }

    private Header header(String name) throws IOException {
        byte[] raw = entries.get("arrays/" + name);
        if (raw == null) throw new IOException(source + ": model lacks array '" + name + "'");
        try {
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            char dtype = (char) b.get();
            int rank = b.get();
            int[] shape = new int[rank];
            long count = 1;
            for (int i = 0; i < rank; i++) {
                shape[i] = b.getInt();
                count *= shape[i];
            }
            int width = dtype == 'h' ? 2 : 4;
            if (count * width != b.remaining()) {
                throw new IOException(source + ": array '" + name + "' has " + b.remaining() + " bytes, shape "
                        + Arrays.toString(shape) + " needs " + count * width + " (truncated file?)");
            }
            return new Header(dtype, shape, (int) count, b.slice().order(ByteOrder.LITTLE_ENDIAN));
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException(source + ": array '" + name + "' header is corrupt", e);
        }
    }

    // ------------------------------------------------------------------ writing

    /** Starts a new model file of the given kind (e.g. {@code char-lm}, {@code word-vectors}, {@code tagger}). */
    public static Writer writer(Path file, String kind) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        return new Writer(new BufferedOutputStream(Files.newOutputStream(file)), kind);
    }

    /** Writes a model file; entries are buffered by the zip stream, metadata is written on {@link #close()}. */
    public static final class Writer implements Closeable {
        private final ZipOutputStream zip;
        private final Map<String, String> meta = new LinkedHashMap<>();

        private Writer(OutputStream out, String kind) {
            this.zip = new ZipOutputStream(out);
            meta.put("format", FORMAT);
            meta.put("format.version", Integer.toString(FORMAT_VERSION));
            meta.put("kind", kind);
        }

        public Writer meta(String key, String value) {
            meta.put(key, value);
            return this;
        }

        public Writer floats(String name, float[] data, int[] shape, boolean half) throws IOException {
            int width = half ? 2 : 4;
            ByteBuffer b = header(half ? 'h' : 'f', shape, data.length, width);
            if (half) {
                for (float v : data) b.putShort(Half.fromFloat(v));
            } else {
                for (float v : data) b.putFloat(v);
            }
            return entry("arrays/" + name, b.array());
        }

        public Writer ints(String name, int[] data, int[] shape) throws IOException {
            ByteBuffer b = header('i', shape, data.length, 4);
            for (int v : data) b.putInt(v);
            return entry("arrays/" + name, b.array());
        }

        public Writer strings(String name, List<String> items) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ByteBuffer n = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(items.size());
            bytes.write(n.array());
            for (String s : items) {
                byte[] u = s.getBytes(StandardCharsets.UTF_8);
                bytes.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(u.length).array());
                bytes.write(u);
            }
            return entry("strings/" + name, bytes.toByteArray());
        }

        private static ByteBuffer header(char dtype, int[] shape, int count, int width) {
            long expected = 1;
            for (int d : shape) expected *= d;
            if (expected != count) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not match " + count + " values");
            }
            ByteBuffer b = ByteBuffer.allocate(2 + 4 * shape.length + width * count).order(ByteOrder.LITTLE_ENDIAN);
            b.put((byte) dtype).put((byte) shape.length);
            for (int d : shape) b.putInt(d);
            return b;
        }

        private Writer entry(String name, byte[] data) throws IOException {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(data);
            zip.closeEntry();
            return this;
        }

        @Override
        public void close() throws IOException {
            Properties p = new Properties();
            p.putAll(meta);
            StringWriter w = new StringWriter();
            p.store(w, "bioner model");
            entry(META, w.toString().getBytes(StandardCharsets.UTF_8));
            zip.close();
        }
    }

    /** IEEE 754 half precision conversion (Java 17 has no Float.float16ToFloat). */
    public static final class Half {
        private Half() { }

        // every half's float, by bit pattern: a lookup is several times faster than the branches below, and the
        // embedding cache widens every training batch from float16 (256 KB, built once)
        private static final float[] FLOATS = new float[1 << 16];

        static {
            for (int bits = 0; bits < FLOATS.length; bits++) FLOATS[bits] = convert((short) bits);
        }

        public static float toFloat(short h) {
            return FLOATS[h & 0xffff];
        }

        private static float convert(short h) {
            int bits = h & 0xffff;
            int sign = (bits & 0x8000) << 16;
            int exp = (bits >>> 10) & 0x1f;
            int mant = bits & 0x3ff;
            if (exp == 0) {
                if (mant == 0) return Float.intBitsToFloat(sign);
                float v = mant / 1024f / 16384f; // subnormal: mant * 2^-24
                return sign == 0 ? v : -v;
            }
            if (exp == 31) {
                return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
            }
            return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
        }

        /** Round-to-nearest-even conversion; overflow goes to infinity. */
        public static short fromFloat(float f) {
            int bits = Float.floatToRawIntBits(f);
            int sign = (bits >>> 16) & 0x8000;
            int val = bits & 0x7fffffff;
            if (val >= 0x7f800000) { // inf or NaN
                return (short) (sign | 0x7c00 | (val > 0x7f800000 ? 0x200 : 0));
            }
            if (val >= 0x477ff000) { // rounds to >= 65520: infinity
                return (short) (sign | 0x7c00);
            }
            if (val < 0x38800000) { // subnormal half (or zero)
                if (val < 0x33000000) return (short) sign;
                int exp = val >>> 23;
                int mant = (val & 0x7fffff) | 0x800000;
                int shift = 126 - exp;
                int half = mant >>> shift;
                int rem = mant & ((1 << shift) - 1);
                int mid = 1 << (shift - 1);
                if (rem > mid || (rem == mid && (half & 1) != 0)) half++;
                return (short) (sign | half);
            }
            int rounded = val + 0xfff + ((val >>> 13) & 1);
            return (short) (sign | ((rounded - 0x38000000) >>> 13));
        }
    }
}
