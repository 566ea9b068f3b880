package io.partnerid.core.apifixture;

import com.tngtech.archunit.core.domain.JavaClass;
import io.partnerid.authz.internal.InternalHelper;
import java.util.List;
import java.util.Optional;

/**
 * A deliberate violation of the public-API rule, to prove ArchitectureTests can fail: an exported type whose public
 * signatures expose an internal type and a third-party type (also inside a generic argument). Never used.
 */
public final class LeakyPublicApi {

    /** Exposes another module's internal type as a return type. */
    public InternalHelper helper() {
        return null;
    }

    /** Exposes a third-party type inside a generic argument. */
    public Optional<List<JavaClass>> classes() {
        return Optional.empty();
    }

    /** Package-private members are not API: this one is allowed to use anything. */
    JavaClass notApi() {
        return null;
    }
}
