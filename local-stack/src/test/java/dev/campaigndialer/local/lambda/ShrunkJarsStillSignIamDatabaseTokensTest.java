package dev.campaigndialer.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * IAM database authentication is only reached through configuration ({@code DB_IAM_AUTH}), so the
 * demo never runs it: this runs it from each function's own Lambda jar, after ProGuard shrank the
 * AWS SDK in it. The settings are read, the credential source is chosen and a token is signed
 * (locally, by the SDK's RdsUtilities: SigV4, no network) with classes from the jar alone, in a
 * class loader that sees nothing of this test's class path.
 */
class ShrunkJarsStillSignIamDatabaseTokensTest {

    @TestFactory
    Stream<DynamicTest> everyFunctionJarSignsAnIamToken() {
        Path repoRoot = Path.of(System.getProperty("campaigndialer.repoRoot", ".."));
        return LocalFunctions.all().stream().map(FunctionSpec::module).distinct().map(module -> DynamicTest.dynamicTest(
                module, () -> assertSignsToken(repoRoot.resolve(module).resolve("target").resolve(module + ".jar"))));
    }

    private static void assertSignsToken(Path jar) throws Exception {
        assertThat(jar).as("build the jars first: ./mvnw package").isRegularFile();
        String previousKey = System.getProperty("aws.accessKeyId");
        String previousSecret = System.getProperty("aws.secretAccessKey");
        // The default credentials chain reads these first (in Lambda: the role's environment variables).
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        try (URLClassLoader function = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> env = function.loadClass("dev.campaigndialer.core.config.Env");
            Object settings = function.loadClass("dev.campaigndialer.db.DatabaseSettings")
                    .getMethod("fromEnvironment", env)
                    .invoke(null, env.getMethod("of", Map.class).invoke(null, Map.of(
                            "RDS_PROXY_ENDPOINT", "proxy.example.us-east-1.rds.amazonaws.com",
                            "DATABASE_NAME", "dialer",
                            "DB_IAM_AUTH", "true",
                            "DATABASE_USER", "dialer_app",
                            "AWS_REGION", "eu-west-1")));
            Class<?> providers = function.loadClass("dev.campaigndialer.db.credentials.CredentialsProviders");
            Object provider = providers.getMethod("forSettings", settings.getClass()).invoke(null, settings);
            Object credentials = provider.getClass().getMethod("current").invoke(provider);
            String token = (String) credentials.getClass().getMethod("password").invoke(credentials);

            assertThat(provider.getClass().getSimpleName()).isEqualTo("IamAuthTokenCredentials");
            assertThat(token)
                    .as("an RDS IAM token: a presigned rds-db connect request, signed with the credentials above")
                    .startsWith("proxy.example.us-east-1.rds.amazonaws.com:5432/?")
                    .contains("Action=connect", "DBUser=dialer_app", "X-Amz-Algorithm=AWS4-HMAC-SHA256",
                            "X-Amz-Credential=AKIDEXAMPLE%2F", "%2Feu-west-1%2Frds-db%2Faws4_request", "X-Amz-Signature=")
                    // RdsUtilities asks for 15 minutes and reads the clock again to sign: 899 or 900 s.
                    .containsPattern("X-Amz-Expires=(899|900)(&|$)");
        } finally {
            restore("aws.accessKeyId", previousKey);
            restore("aws.secretAccessKey", previousSecret);
        }
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
