package io.partnerid.authz.engine;

import io.partnerid.authz.policy.ResourceTypeDef;
import io.partnerid.authz.policy.TransactionType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Numbers every (resource type, action) pair of a document so that roles, ceilings and denies become bit sets.
 * Immutable after construction; thread-safe.
 */
final class PermissionSpace {

    private final Map<String, Map<String, Integer>> index = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<TransactionType> transactions = new ArrayList<>();
    private final Map<String, ResourceTypeDef> types = new HashMap<>();

    PermissionSpace(List<ResourceTypeDef> defs) {
        for (ResourceTypeDef t : defs) {
            types.putIfAbsent(t.name(), t);
            Map<String, Integer> actions = index.computeIfAbsent(t.name(), k -> new HashMap<>());
            t.actions().forEach((a, tx) -> {
                if (!actions.containsKey(a)) {
                    actions.put(a, names.size());
                    names.add(t.name() + ":" + a);
                    transactions.add(tx);
                }
            });
        }
    }

    int size() {
        return names.size();
    }

    /** The bit of (type, action), or -1 when unknown. */
    int index(String type, String action) {
        Map<String, Integer> actions = index.get(type);
        if (actions == null) {
            return -1;
        }
        Integer i = actions.get(action);
        return i == null ? -1 : i;
    }

    /** Bits by resource type, then action (read-only view). */
    Map<String, Map<String, Integer>> bitsByTypeAndAction() {
        return java.util.Collections.unmodifiableMap(index);
    }

    String name(int bit) {
        return names.get(bit);
    }

    TransactionType transaction(int bit) {
        return transactions.get(bit);
    }

    boolean hasType(String type) {
        return index.containsKey(type);
    }

    Optional<ResourceTypeDef> type(String type) {
        return Optional.ofNullable(types.get(type));
    }

    List<String> actionsOf(String type) {
        ResourceTypeDef def = types.get(type);
        return def == null ? List.of() : List.copyOf(def.actions().keySet());
    }

    /**
     * Parses {@code type:action} ({@code *}, {@code @read|@write|@admin} allowed) into bits; returns an error text
     * instead when the pattern is malformed or names something unknown.
     */
    Object parse(String pattern) {
        int colon = pattern.indexOf(':');
        if (colon <= 0 || colon == pattern.length() - 1 || pattern.indexOf(':', colon + 1) >= 0) {
            return "a permission pattern looks like 'type:action', 'type:*', '*:@read'";
        }
        String type = pattern.substring(0, colon);
        String action = pattern.substring(colon + 1);
        if (!type.equals("*") && !index.containsKey(type)) {
            return "unknown resource type '" + type + "'";
        }
        Optional<TransactionType> tx = Optional.empty();
        if (action.startsWith("@")) {
            tx = TransactionType.fromWire(action.substring(1));
            if (tx.isEmpty()) {
                return "unknown transaction class '" + action + "', expected @read, @write or @admin";
            }
        } else if (!action.equals("*")) {
            if (type.equals("*")) {
                boolean anywhere = index.values().stream().anyMatch(m -> m.containsKey(action));
                if (!anywhere) {
                    return "unknown action '" + action + "'";
                }
            } else if (!index.get(type).containsKey(action)) {
                return "unknown action '" + action + "' for resource type '" + type + "'";
            }
        }
        long[] bits = Bits.empty(size());
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            int c = n.indexOf(':');
            boolean typeOk = type.equals("*") || n.substring(0, c).equals(type);
            boolean actionOk = action.equals("*")
                    || (tx.isPresent() ? transactions.get(i) == tx.get() : n.substring(c + 1).equals(action));
            if (typeOk && actionOk) {
                Bits.set(bits, i);
            }
        }
        return bits;
    }
}
