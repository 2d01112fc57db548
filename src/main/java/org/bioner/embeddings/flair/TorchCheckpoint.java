package org.bioner.embeddings.flair;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;

/**
 * Reads a PyTorch {@code torch.save} file holding a Flair language model: the zip format
 * ({@code <top>/data.pkl} + raw storages {@code <top>/data/<key>}, any top folder name) and the
 * legacy format (pickles of magic number, protocol, sys_info, the object and the storage keys,
 * followed by the raw storages). Tensors (float32, float16, bfloat16, float64 storages) come back
 * as contiguous float32 {@link Tensor}s; the only classes resolved are those Flair LM and SequenceTagger
 * files need. Python objects those files pickle ({@code torch.nn} modules, Flair embeddings, gensim 3.x
 * {@code KeyedVectors}) come back as inert {@link PickledObject}s, numpy float arrays as {@link Tensor}s;
 * parameters as their tensors.
 */
public final class TorchCheckpoint {

    private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final int LEGACY_PROTOCOL = 1001;

    /** A float tensor read from the file, widened to float32 and laid out contiguously (row-major). */
    public record Tensor(int[] shape, float[] data) {
        public int size(int dim) {
            return shape[dim];
        }
    }

    /** Storage element types of torch, with their widths. */
    enum StorageType implements IObjectConstructor {
        FLOAT(4), HALF(2), BFLOAT16(2), DOUBLE(8);

        final int width;

        StorageType(int width) {
            this.width = width;
        }

        @Override
        public Object construct(Object[] args) {
            throw new PickleException("torch storage classes cannot be called");
        }
    }

    /** A storage named by a persistent id; its bytes are attached after unpickling (legacy format). */
    static final class StorageRef {
        final StorageType type;
        final String key;
        final long numel;
        ByteBuffer bytes;

        StorageRef(StorageType type, String key, long numel) {
            this.type = type;
            this.key = key;
            this.numel = numel;
        }
    }

    /** What {@code torch._utils._rebuild_tensor_v2} describes, materialised once the storage bytes are known. */
    static final class TensorRef {
        final StorageRef storage;
        final long offset;
        final int[] shape;
        final long[] stride;

        TensorRef(StorageRef storage, long offset, int[] shape, long[] stride) {
            this.storage = storage;
            this.offset = offset;
            this.shape = shape;
            this.stride = stride;
        }
    }

    /** The pickled {@code flair.data.Dictionary}: its state as a map. */
    public static final class PickledDictionary {
        private Map<?, ?> state = Map.of();

        public void __setstate__(HashMap<?, ?> s) {
            this.state = s;
        }

        public Map<?, ?> state() {
            return state;
        }
    }

    /** {@code collections.OrderedDict} (state_dict); its {@code _metadata} state is ignored. */
    public static final class PickledOrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;

        public void __setstate__(HashMap<?, ?> s) {
            // torch keeps per-module version metadata here; not needed
        }
    }

    private final String source;
    private final Map<String, StorageRef> storages = new HashMap<>();
    private final List<TensorRef> tensors = new ArrayList<>();

    private TorchCheckpoint(String source) {
        this.source = source;
    }

    /**
     * Reads the file and returns the unpickled top-level object, with every tensor replaced by a
     * {@link Tensor}, dicts as {@link Map}, tuples as {@code Object[]}, lists as {@link List},
     * {@code bytes} as {@code byte[]}.
     */
    public static Object load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("PyTorch file not found: " + file);
        TorchCheckpoint cp = new TorchCheckpoint(file.toString());
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) throw new IOException(file + ": too short to be a PyTorch file");
        }
        try {
            Object obj = (head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) ? cp.loadZip(file) : cp.loadLegacy(file);
            return cp.materialise(obj);
        } catch (PickleException | ClassCastException | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            String msg = String.valueOf(e.getMessage());
            throw new IOException(msg.startsWith(file.toString()) ? msg : file + ": not a readable PyTorch/Flair file: " + msg, e);
        } catch (IOException e) {
            // the zip and stream readers do not name the file (e.g. a truncated download)
            if (e.getMessage() != null && e.getMessage().contains(file.toString())) throw e;
            throw new IOException(file + ": truncated or corrupt PyTorch file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Classes of which a tagger checkpoint pickles instances (recorded inertly as {@link PickledObject}s):
     * the {@code torch.nn} modules of Flair's embeddings, Flair's embeddings and language model classes in
     * both module layouts (0.4-0.7 {@code flair.embeddings}, 0.8+ {@code flair.embeddings.token}), and the
     * gensim 3.x vectors that Flair 0.5-era WordEmbeddings pickle inline.
     */
    private static final List<String> RECORDED_CLASSES = List.of(
            "torch.nn.modules.sparse.Embedding", "torch.nn.modules.rnn.LSTM", "torch.nn.modules.linear.Linear",
            "torch.nn.modules.dropout.Dropout", "torch.nn.modules.container.ModuleList",
            "flair.models.language_model.LanguageModel",
            "flair.embeddings.StackedEmbeddings", "flair.embeddings.WordEmbeddings", "flair.embeddings.FlairEmbeddings",
            "flair.embeddings.token.StackedEmbeddings", "flair.embeddings.token.WordEmbeddings",
            "flair.embeddings.token.FlairEmbeddings",
            "gensim.models.keyedvectors.Word2VecKeyedVectors", "gensim.models.keyedvectors.Vocab",
            "gensim.models.keyedvectors.KeyedVectors");

    private Map<String, IObjectConstructor> allowedGlobals() {
        Map<String, IObjectConstructor> m = new HashMap<>();
        for (String c : RECORDED_CLASSES) m.put(c, args -> new PickledObject(c, args));
        m.put("torch._utils._rebuild_parameter", args -> {
            if (args.length < 1 || !(args[0] instanceof TensorRef)) {
                throw new PickleException(source + ": unexpected arguments to _rebuild_parameter");
            }
            return args[0];
        });
        // sets (nn.Module._non_persistent_buffers_set) in protocol 2 are set(list)
        IObjectConstructor set = args -> args.length == 0 ? new java.util.HashSet<>() : new java.util.HashSet<>((java.util.Collection<?>) args[0]);
        m.put("builtins.set", set);
        m.put("__builtin__.set", set);
        // numpy arrays: _reconstruct(ndarray, (0,), b'b') then BUILD (version, shape, dtype, fortran, raw bytes)
        for (String mod : List.of("numpy.core.multiarray", "numpy._core.multiarray")) {
            m.put(mod + "._reconstruct", args -> new PickledObject("numpy.ndarray", null));
            m.put(mod + ".scalar", this::numpyScalar); // e.g. gensim word counts
        }
        m.put("numpy.ndarray", args -> {
            throw new PickleException(source + ": numpy.ndarray cannot be called");
        });
        m.put("numpy.dtype", args -> new PickledObject("numpy.dtype", args));
        // values that model cards and modules record, read as strings: torch.__version__ (a str subclass), devices,
        // paths (a trainer's base_path)
        m.put("torch.torch_version.TorchVersion", args -> args.length == 1 ? String.valueOf(args[0]) : "");
        m.put("torch.device", args -> java.util.Arrays.stream(args).map(String::valueOf).collect(java.util.stream.Collectors.joining(":")));
        for (String path : List.of("pathlib.PosixPath", "pathlib.WindowsPath", "pathlib.PurePosixPath", "pathlib.PureWindowsPath")) {
            m.put(path, args -> java.util.Arrays.stream(args).map(String::valueOf).collect(java.util.stream.Collectors.joining("/")));
        }
        // modules pickled by torch < 1.2 carry a backend object: nothing of it is needed
        m.put("torch.nn.backends.thnn._get_thnn_function_backend", args -> "thnn");
        m.put("collections.OrderedDict", args -> new PickledOrderedDict());
        m.put("torch._utils._rebuild_tensor_v2", this::rebuildTensor);
        m.put("flair.data.Dictionary", args -> new PickledDictionary());
        m.put("torch.FloatStorage", StorageType.FLOAT);
        m.put("torch.HalfStorage", StorageType.HALF);
        m.put("torch.BFloat16Storage", StorageType.BFLOAT16);
        m.put("torch.DoubleStorage", StorageType.DOUBLE);
        // protocol-2 pickles (Python 3 writing for Python 2) spell bytes as _codecs.encode(str, 'latin1')
        m.put("_codecs.encode", args -> {
            if (args.length != 2 || !(args[0] instanceof String s) || !"latin1".equals(args[1])) {
                throw new PickleException(source + ": unexpected _codecs.encode arguments");
            }
            return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        });
        return m;
    }

    // numpy.core.multiarray.scalar(dtype, raw bytes): numeric scalars as Long or Double
    private Object numpyScalar(Object[] args) {
        if (args.length != 2 || !(args[0] instanceof PickledObject dt) || !(args[1] instanceof byte[] raw) || dt.args().length == 0) {
            throw new PickleException(source + ": unexpected numpy scalar");
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        String kind = String.valueOf(dt.args()[0]);
        return switch (kind) {
            case "i8" -> b.getLong();
            case "i4" -> (long) b.getInt();
            case "u4" -> b.getInt() & 0xffffffffL;
            case "f8" -> b.getDouble();
            case "f4" -> (double) b.getFloat();
            case "b1" -> raw[0] != 0;
            default -> throw new PickleException(source + ": numpy scalars of dtype '" + kind + "' are not supported");
        };
    }

    // torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
    private Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef st)) {
            throw new PickleException(source + ": unexpected arguments to _rebuild_tensor_v2");
        }
        Object[] size = (Object[]) args[2];
        Object[] stride = (Object[]) args[3];
        int[] shape = new int[size.length];
        long[] strides = new long[stride.length];
        for (int i = 0; i < shape.length; i++) shape[i] = ((Number) size[i]).intValue();
        for (int i = 0; i < strides.length; i++) strides[i] = ((Number) stride[i]).longValue();
        if (shape.length != strides.length) throw new PickleException(source + ": tensor size and stride differ in rank");
        TensorRef t = new TensorRef(st, ((Number) args[1]).longValue(), shape, strides);
        tensors.add(t);
        return t;
    }

    // ('storage', storage_type, key, location, numel[, view_metadata]); legacy files also name the class of
    // each pickled nn.Module as ('module', class, source_file, source): the class (already allow-listed) is used
    private Object storageRef(Object pid) {
        if (pid instanceof Object[] t && t.length >= 2 && "module".equals(t[0])) return t[1];
        if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(t[0])) {
            throw new PickleException(source + ": unexpected persistent id " + pid);
        }
        if (!(t[1] instanceof StorageType type)) throw new PickleException(source + ": unexpected storage type " + t[1]);
        if (t.length > 5 && t[5] != null) throw new PickleException(source + ": storage views are not supported");
        String key = String.valueOf(t[2]);
        long numel = ((Number) t[4]).longValue();
        StorageRef ref = storages.computeIfAbsent(key, k -> new StorageRef(type, k, numel));
        if (ref.type != type) throw new PickleException(source + ": storage " + key + " used with two element types");
        return ref;
    }

    private Object loadZip(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String top = null;
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                String name = en.nextElement().getName();
                int slash = name.indexOf('/');
                if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
                    if (top != null) throw new IOException(file + ": zip holds more than one data.pkl");
                    top = name.substring(0, slash);
                }
            }
            if (top == null) throw new IOException(file + ": a zip file but not a PyTorch checkpoint (no <folder>/data.pkl)");
            ZipEntry order = zip.getEntry(top + "/byteorder");
            if (order != null) {
                String bo = new String(zip.getInputStream(order).readAllBytes(), StandardCharsets.US_ASCII).strip();
                if (!bo.equals("little")) throw new IOException(file + ": byte order '" + bo + "' is not supported");
            }
            Object obj;
            try (InputStream in = new BufferedInputStream(zip.getInputStream(zip.getEntry(top + "/data.pkl")))) {
                obj = new RestrictedUnpickler(file.toString(), allowedGlobals(), this::storageRef).load(in);
            }
            for (StorageRef s : storages.values()) {
                ZipEntry e = zip.getEntry(top + "/data/" + s.key);
                if (e == null) throw new IOException(file + ": storage " + top + "/data/" + s.key + " is missing");
                s.bytes = ByteBuffer.wrap(zip.getInputStream(e).readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            }
            return obj;
        }
    }

    private Object loadLegacy(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            Object magic = new RestrictedUnpickler(file.toString(), Map.of(), null).load(in);
            if (!(magic instanceof Number n) || !new BigInteger(n.toString()).equals(LEGACY_MAGIC)) {
                throw new IOException(file + ": neither a PyTorch zip nor a legacy PyTorch file (bad magic number)");
            }
            Object protocol = new RestrictedUnpickler(file.toString(), Map.of(), null).load(in);
            if (!(protocol instanceof Number p) || p.intValue() != LEGACY_PROTOCOL) {
                throw new IOException(file + ": unsupported legacy PyTorch protocol " + protocol);
            }
            Object sysInfo = new RestrictedUnpickler(file.toString(), Map.of(), null).load(in);
            if (sysInfo instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("little_endian"))) {
                throw new IOException(file + ": big-endian PyTorch files are not supported");
            }
            Object obj = new RestrictedUnpickler(file.toString(), allowedGlobals(), this::storageRef).load(in);
            Object keys = new RestrictedUnpickler(file.toString(), Map.of(), null).load(in);
            for (Object k : (List<?>) keys) {
                StorageRef s = storages.get(String.valueOf(k));
                byte[] len = in.readNBytes(8);
                if (len.length < 8) throw new IOException(file + ": truncated before storage " + k);
                long numel = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
                if (s == null) throw new IOException(file + ": storage " + k + " is not referenced by any tensor");
                if (numel != s.numel) {
                    throw new IOException(file + ": storage " + k + " holds " + numel + " elements, expected " + s.numel);
                }
                byte[] data = in.readNBytes(Math.toIntExact(numel * s.type.width));
                if (data.length != numel * s.type.width) throw new IOException(file + ": truncated in storage " + k);
                s.bytes = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            }
            return obj;
        }
    }

    /** Replaces tensor references by materialised tensors, recursively. */
    private Object materialise(Object o) throws IOException {
        if (o instanceof TensorRef t) return toTensor(t);
        if (o instanceof PickledDictionary || o == null) return o;
        if (o instanceof PickledObject p) {
            if (p.className().equals("numpy.ndarray")) return numpyArray(p);
            if (materialised.add(p)) p.replace((Object[]) materialise(p.args()), materialise(p.state()));
            return p;
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(e.getKey(), materialise(e.getValue()));
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) out.add(materialise(x));
            return out;
        }
        if (o instanceof Object[] a) {
            Object[] out = new Object[a.length];
            for (int i = 0; i < a.length; i++) out[i] = materialise(a[i]);
            return out;
        }
        return o;
    }

    private final java.util.Set<PickledObject> materialised = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /** A numpy float32/float64 array (C or Fortran order) as a row-major float32 {@link Tensor}. */
    private Tensor numpyArray(PickledObject p) throws IOException {
        if (!(p.state() instanceof Object[] st) || st.length != 5 || !(st[1] instanceof Object[] shapeT)
                || !(st[2] instanceof PickledObject dtype) || !(st[4] instanceof byte[] raw)) {
            throw new IOException(source + ": unexpected numpy array state");
        }
        String kind = dtype.args().length > 0 ? String.valueOf(dtype.args()[0]) : "?";
        String order = dtype.state() instanceof Object[] ds && ds.length > 1 ? String.valueOf(ds[1]) : "<";
        int width = switch (kind) {
            case "f4" -> 4;
            case "f8" -> 8;
            default -> throw new IOException(source + ": numpy arrays of dtype '" + kind + "' are not supported (only f4, f8)");
        };
        if (order.equals(">")) throw new IOException(source + ": big-endian numpy arrays are not supported");
        int[] shape = new int[shapeT.length];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = ((Number) shapeT[i]).intValue();
            n *= shape[i];
        }
        if (raw.length != n * width) throw new IOException(source + ": numpy array holds " + raw.length + " bytes, expected " + n * width);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[(int) n];
        boolean fortran = Boolean.TRUE.equals(st[3]);
        int[] idx = new int[shape.length];
        for (int i = 0; i < out.length; i++) {
            // i walks the storage order; place it at its row-major position
            int pos = 0;
            if (fortran) {
                int r = i;
                for (int d = 0; d < shape.length; d++) {
                    idx[d] = r % shape[d];
                    r /= shape[d];
                }
                for (int d = 0; d < shape.length; d++) pos = pos * shape[d] + idx[d];
            } else {
                pos = i;
            }
            out[pos] = width == 4 ? b.getFloat(4 * i) : (float) b.getDouble(8 * i);
        }
        return new Tensor(shape, out);
    }

    private Tensor toTensor(TensorRef t) throws IOException {
        StorageRef s = t.storage;
        if (s.bytes == null) throw new IOException(source + ": data of storage " + s.key + " is missing");
        if (s.bytes.capacity() < s.numel * s.type.width) {
            throw new IOException(source + ": storage " + s.key + " is truncated");
        }
        long count = 1;
        for (int d : t.shape) count *= d;
        float[] out = new float[Math.toIntExact(count)];
        int rank = t.shape.length;
        int[] idx = new int[rank];
        for (int i = 0; i < out.length; i++) {
            long pos = t.offset;
            for (int d = 0; d < rank; d++) pos += idx[d] * t.stride[d];
            if (pos < 0 || pos >= s.numel) throw new IOException(source + ": tensor reaches outside storage " + s.key);
            out[i] = read(s, (int) pos);
            for (int d = rank - 1; d >= 0; d--) { // next index, last dimension fastest
                if (++idx[d] < t.shape[d]) break;
                idx[d] = 0;
            }
        }
        return new Tensor(t.shape.clone(), out);
    }

    private static float read(StorageRef s, int i) {
        ByteBuffer b = s.bytes;
        return switch (s.type) {
            case FLOAT -> b.getFloat(4 * i);
            case DOUBLE -> (float) b.getDouble(8 * i);
            case HALF -> org.bioner.model.ModelArchive.Half.toFloat(b.getShort(2 * i));
            case BFLOAT16 -> Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
        };
    }
}
