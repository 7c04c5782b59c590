package dev.campaigndialer.db.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;

/**
 * Wraps a physical connection so that nothing can change session state behind the proxy's back.
 *
 * <p>HikariCP asks every new connection for its isolation level (a {@code SHOW} round trip) and,
 * if that query fails under load, goes on to call {@code setTransactionIsolation(-1)} for the
 * pool's life. Setting the level would send {@code SET SESSION CHARACTERISTICS}, which pins an
 * RDS Proxy session. We never change the server default (READ COMMITTED on RDS and Aurora), so
 * the level is answered locally and any change is refused: use {@code SET TRANSACTION} inside a
 * transaction instead.
 */
public final class SessionFreeConnection implements InvocationHandler {

    private final Connection target;

    private SessionFreeConnection(Connection target) {
        this.target = target;
    }

    public static Connection wrap(Connection target) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new SessionFreeConnection(target));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "getTransactionIsolation":
                return Connection.TRANSACTION_READ_COMMITTED;
            case "setTransactionIsolation":
                if ((int) args[0] == Connection.TRANSACTION_READ_COMMITTED) {
                    return null;
                }
                throw new SQLFeatureNotSupportedException("changing the session's isolation level would pin the "
                        + "RDS Proxy session; use SET TRANSACTION ISOLATION LEVEL inside the transaction");
            case "unwrap":
                return ((Class<?>) args[0]).isInstance(proxy) ? proxy : target.unwrap((Class<?>) args[0]);
            case "isWrapperFor":
                return ((Class<?>) args[0]).isInstance(proxy) || target.isWrapperFor((Class<?>) args[0]);
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "SessionFreeConnection[" + target + "]";
            default:
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
        }
    }
}
