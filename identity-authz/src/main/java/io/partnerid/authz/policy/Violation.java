package io.partnerid.authz.policy;

import java.util.Objects;

/**
 * One problem found in a policy document: where (a JSON path such as {@code $.orgs[2].roles[0].permissions[1]}) and
 * why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param path the JSON path of the offending element
 * @param reason what is wrong with it
 */
public record Violation(String path, String reason) {

    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
