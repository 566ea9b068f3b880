package io.partnerid.authz.engine;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One request object ({@code subject}, {@code resource} or {@code context}) as the CEL {@code map(string, dyn)} a
 * condition sees: the request's attributes plus a few fixed entries ({@code id}, {@code org}, …) that take
 * precedence over attributes of the same name. Nothing is copied up front: a look-up normalizes the one value it
 * returns ({@link Activation#normalize}), so a condition that reads one attribute costs one map look-up rather than
 * a copy of every attribute. Iteration, {@code size()} and equality (rare in conditions) build the whole normalized
 * map once.
 *
 * <p>Not thread-safe; confined to the deciding thread, like the {@link Activation} that owns it.
 */
final class AttributeView extends AbstractMap<String, Object> {

    private final Map<String, Object> attributes;
    private final String[] fixedNames;
    private final Object[] fixedValues;
    private Map<String, Object> whole;

    /**
     * A view of {@code attributes} with fixed entries; a fixed value may be a {@link Supplier}, asked once on first
     * use (for values that cost an allocation, like the subject's role list).
     */
    AttributeView(Map<String, Object> attributes, String[] fixedNames, Object[] fixedValues) {
        this.attributes = Objects.requireNonNull(attributes, "attributes");
        this.fixedNames = fixedNames;
        this.fixedValues = fixedValues;
    }

    private int fixed(Object key) {
        for (int i = 0; i < fixedNames.length; i++) {
            if (fixedNames[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private Object fixedValue(int i) {
        Object v = fixedValues[i];
        if (v instanceof Supplier<?> s) {
            v = s.get();
            fixedValues[i] = v;
        }
        return v;
    }

    @Override
    public Object get(Object key) {
        int i = fixed(key);
        if (i >= 0) {
            return fixedValue(i);
        }
        Object v = key instanceof String ? attributes.get(key) : null;
        return v == null ? null : Activation.normalize(v);
    }

    @Override
    public boolean containsKey(Object key) {
        return fixed(key) >= 0 || (key instanceof String && attributes.containsKey(key));
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return whole().entrySet();
    }

    @Override
    public int size() {
        return whole().size();
    }

    private Map<String, Object> whole() {
        if (whole == null) {
            Activation.checkElements(attributes.size());
            Map<String, Object> m = new HashMap<>();
            attributes.forEach((k, v) -> m.put((String) Activation.normalize(k), Activation.normalize(v)));
            for (int i = 0; i < fixedNames.length; i++) {
                m.put(fixedNames[i], fixedValue(i));
            }
            whole = java.util.Collections.unmodifiableMap(m);
        }
        return whole;
    }
}
