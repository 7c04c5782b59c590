package dev.campaigndialer.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link ProxiedDatabase} per test class, handed to any {@code @BeforeAll}, constructor, test
 * or {@code @BeforeEach} parameter of that type:
 *
 * <pre>{@code
 * @ExtendWith(ProxiedDatabaseExtension.class)
 * class SomeTest {
 *     @BeforeAll
 *     static void setUp(ProxiedDatabase proxied) { ... }
 * }
 * }</pre>
 *
 * The database is named after the test class, so a failing test's database is easy to find.
 */
public final class ProxiedDatabaseExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            ProxiedDatabaseExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ProxiedDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        Class<?> testClass = classContext.getRequiredTestClass();
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(testClass,
                type -> ProxiedDatabase.create(prefix(testClass)), ProxiedDatabase.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** A database name prefix from the class name: lower case, letters and digits. */
    static String prefix(Class<?> testClass) {
        String name = testClass.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
        return name.length() > 30 ? name.substring(0, 30) : name;
    }
}
