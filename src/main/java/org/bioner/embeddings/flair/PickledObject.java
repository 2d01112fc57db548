package org.bioner.embeddings.flair;

import java.util.HashMap;
import java.util.Map;

/**
 * An inert record of a Python object that a checkpoint pickles (a {@code torch.nn} module, a Flair embeddings
 * object, a gensim {@code KeyedVectors}, a numpy array): the allow-listed class name, the constructor arguments
 * and the state the pickle's BUILD gave it. No code of the class runs; readers interpret {@link #state()}.
 */
public final class PickledObject {

    private final String className;
    private final Object[] args;
    private Object state;

    PickledObject(String className, Object[] args) {
        this.className = className;
        this.args = args == null ? new Object[0] : args;
    }

    /** {@code module.Name} as the pickle spelled it. */
    public String className() {
        return className;
    }

    /** The simple class name (after the last dot). */
    public String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    public Object[] args() {
        return args;
    }

    /** The BUILD state: usually the object's {@code __dict__} as a map; a tuple for numpy objects; null if none. */
    public Object state() {
        return state;
    }

    /** The state as a map ({@code __dict__}); an empty map when the state is not one. */
    public Map<?, ?> dict() {
        if (state instanceof Map<?, ?> m) return m;
        // (state, slotstate) pairs: the first part is the __dict__
        if (state instanceof Object[] t && t.length == 2 && t[0] instanceof Map<?, ?> m) return m;
        return Map.of();
    }

    /**
     * An attribute as Python would find it: in {@code __dict__}, else (for a {@code torch.nn.Module}) among its
     * {@code _modules}, {@code _parameters} or {@code _buffers}; null if absent.
     */
    public Object attribute(String name) {
        Map<?, ?> d = dict();
        if (d.containsKey(name)) return d.get(name);
        for (String holder : new String[] {"_modules", "_parameters", "_buffers"}) {
            if (d.get(holder) instanceof Map<?, ?> m && m.containsKey(name)) return m.get(name);
        }
        return null;
    }

    void setState(Object s) {
        this.state = s;
    }

    /** Called by the pickle library's BUILD for a dict state. */
    public void __setstate__(HashMap<?, ?> s) {
        this.state = s;
    }

    void replace(Object[] newArgs, Object newState) {
        System.arraycopy(newArgs, 0, args, 0, args.length);
        this.state = newState;
    }

    @Override
    public String toString() {
        return className;
    }
}
