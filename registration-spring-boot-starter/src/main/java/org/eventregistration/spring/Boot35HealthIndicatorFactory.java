package org.eventregistration.spring;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.FactoryBean;

/**
 * Makes the {@code registration} health indicator for Spring Boot 3.5, whose Actuator API ({@code
 * org.springframework.boot.actuate.health}) this jar, built against Boot 4, cannot name in its
 * code: a proxy of that {@code HealthIndicator} interface whose {@code health()} builds the
 * {@code Health} of {@link RegistrationHealthCheck}'s result through the same public methods
 * ({@code Health.status(String).withDetails(Map).build()}). A factory bean, so that Spring knows
 * the type ({@link #getObjectType()}) before it is made and Actuator finds it; Spring makes the
 * factory early to learn that type (while the data source is being created, say), so it takes the
 * check as a supplier and asks for it at the first {@code health()} only.
 */
final class Boot35HealthIndicatorFactory implements FactoryBean<Object> {
    static final String INDICATOR = "org.springframework.boot.actuate.health.HealthIndicator";
    private static final String HEALTH = "org.springframework.boot.actuate.health.Health";

    private final Supplier<RegistrationHealthCheck> check;
    private final Class<?> indicatorType;
    private final Method status;
    private final Method withDetails;
    private final Method build;

    Boot35HealthIndicatorFactory(Supplier<RegistrationHealthCheck> check, ClassLoader classLoader) {
        this.check = check;
        try {
            this.indicatorType = Class.forName(INDICATOR, false, classLoader);
            Class<?> health = Class.forName(HEALTH, false, classLoader);
            this.status = health.getMethod("status", String.class);
            this.withDetails = status.getReturnType().getMethod("withDetails", Map.class);
            this.build = status.getReturnType().getMethod("build");
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalStateException("not Spring Boot 3.5's Actuator health API", e);
        }
    }

    @Override
    public Object getObject() {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args); // getHealth(boolean)
            }
            return switch (method.getName()) {
                case "health" -> health();
                case "toString" -> "RegistrationHealthIndicator (Spring Boot 3.5)";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.toString());
            };
        };
        return Proxy.newProxyInstance(indicatorType.getClassLoader(), new Class<?>[] {indicatorType}, handler);
    }

    private Object health() throws ReflectiveOperationException {
        RegistrationHealthCheck.Result result = check.get().check();
        return build.invoke(withDetails.invoke(status.invoke(null, result.status()), result.details()));
    }

    @Override
    public Class<?> getObjectType() {
        return indicatorType;
    }
}
