package io.partnerid.core.token;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.Arrays;

/** A switch that makes wrapped collaborators (stores, data sources) fail, to test fail-closed behaviour. */
final class Outage {

    private volatile boolean down;

    void begin() {
        down = true;
    }

    void end() {
        down = false;
    }

    /** {@code target} behind a proxy of {@code type} that throws while the outage lasts. */
    <T> T wrap(Class<T> type, T target) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (down && method.getDeclaringClass() != Object.class) {
                throw failure(method);
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(proxy);
    }

    private static Exception failure(Method method) {
        boolean sql = Arrays.asList(method.getExceptionTypes()).contains(SQLException.class);
        return sql ? new SQLException("outage (test)") : new IllegalStateException("outage (test)");
    }
}
