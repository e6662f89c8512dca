package org.eventregistration.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/** Dynamic proxies of JDBC interfaces, for tests that watch or change what a store sends. */
final class JdbcProxies {
    private JdbcProxies() {}

    /** A proxy of {@code type} whose calls go to {@code handler}. */
    static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** A data source whose connections are those of {@code ds}, each passed through {@code wrap}. */
    static DataSource wrapping(DataSource ds, UnaryOperator<Connection> wrap) {
        return proxy(DataSource.class, (p, m, a) -> {
            Object result = invoke(ds, m, a);
            return result instanceof Connection c ? wrap.apply(c) : result;
        });
    }

    /**
     * Whether {@code method} called on pgjdbc's connection {@code c} sends a COMMIT or ROLLBACK (a
     * round trip): pgjdbc sends none when it knows no transaction is open, as after a COMMIT sent
     * with the writes.
     */
    static boolean sendsTransactionEnd(Connection c, Method method) throws SQLException {
        String name = method.getName();
        return (name.equals("commit") || name.equals("rollback"))
                && c.unwrap(org.postgresql.core.BaseConnection.class).getTransactionState()
                        != org.postgresql.core.TransactionState.IDLE;
    }

    /** Calls {@code method} on {@code target}; throws what the method threw, not the reflection's wrapper. */
    static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
