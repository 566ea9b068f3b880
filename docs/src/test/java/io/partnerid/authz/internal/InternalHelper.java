package io.partnerid.authz.internal;

/** A stand-in for another module's internal class, used only by the architecture fixtures. */
public final class InternalHelper {

    private InternalHelper() {
    }

    public static int answer() {
        return 42;
    }
}
