package org.bioner.embeddings.flair;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * A pickle reader that resolves only the classes and functions it is given and refuses to call or instantiate
 * any other global (and the protocol-0/1 instantiation opcodes) with an error naming the file and the class. So
 * a foreign or hostile {@code .pt} file can never make the reader call arbitrary code. Another global that is
 * only named, never called (as a value: Flair's {@code model_card} records e.g. the optimizer class), reads as
 * an inert {@link Refused} reference.
 */
final class RestrictedUnpickler extends Unpickler {

    private static final short GLOBAL = 'c';
    private static final short STACK_GLOBAL = 0x93;
    private static final short INST = 'i';
    private static final short OBJ = 'o';
    private static final short EXT1 = 0x82;
    private static final short EXT2 = 0x83;
    private static final short EXT4 = 0x84;
    private static final short BUILD = 'b';

    private final String source;
    private final Map<String, IObjectConstructor> allowed;
    private final Function<Object, Object> persistentLoader;

    /**
     * @param source           file name for error messages
     * @param allowed          {@code module.name} -> constructor, the only globals the pickle may name
     * @param persistentLoader resolves persistent ids (torch storages); null if the pickle may have none
     */
    RestrictedUnpickler(String source, Map<String, IObjectConstructor> allowed, Function<Object, Object> persistentLoader) {
        this.source = source;
        this.allowed = allowed;
        this.persistentLoader = persistentLoader;
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case GLOBAL -> {
                String module = readLine();
                String name = readLine();
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                stack.add(resolve(String.valueOf(module), String.valueOf(name)));
                return NO_RETURN_VALUE;
            }
            case BUILD -> {
                // inert records take any state (numpy arrays and dtypes have tuple states)
                Object state = stack.pop();
                if (stack.peek() instanceof Refused r) r.construct(null);
                if (stack.peek() instanceof PickledObject p) {
                    p.setState(state);
                    return NO_RETURN_VALUE;
                }
                stack.add(state);
                return super.dispatch(key);
            }
            case INST, OBJ, EXT1, EXT2, EXT4 -> throw new PickleException(source
                    + ": unsupported pickle opcode 0x" + Integer.toHexString(key) + " (old-protocol object construction is refused)");
            default -> {
                return super.dispatch(key);
            }
        }
    }

    private IObjectConstructor resolve(String module, String name) {
        IObjectConstructor c = allowed.get(module + "." + name);
        return c != null ? c : new Refused(source, module + "." + name);
    }

    /** A global the file names but may not call: refuses every use but being carried as a value. */
    record Refused(String source, String name) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException(source + ": refusing to load class or function '" + name
                    + "' (not one a Flair language model or sequence tagger file needs)");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (persistentLoader == null) {
            throw new PickleException(source + ": unexpected persistent id in pickle");
        }
        return persistentLoader.apply(pid);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = input.read()) != '\n') {
            if (c < 0) throw new IOException(source + ": premature end of pickle");
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8).strip();
    }
}
