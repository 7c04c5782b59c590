package dev.campaigndialer.deploy;

import dev.campaigndialer.deploy.TerraformSource.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda functions the root module deploys, read from its module calls: a call with
 * {@code for_each} over a map (the {@code functions} local) yields one function per entry; a call
 * without one (the migration function) yields one from its own {@code handler} and {@code jar_path}.
 */
final class LambdaFunctions {

    static final String ROOT = "terraform";

    private static final Pattern JAR = Pattern.compile("([A-Za-z0-9._-]+/target/[A-Za-z0-9._-]+\\.jar)$");
    private static final Pattern HANDLER = Pattern.compile("^((?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*)::handleRequest$");

    private LambdaFunctions() {
    }

    /**
     * One deployed function: {@code module} is the Maven module, {@code jar} its path relative to the
     * repository root, {@code queue} the queue it consumes or null.
     */
    record LambdaFunction(String key, String module, String jar, String handler, String queue, String where) {

        Optional<String> handlerClass() {
            Matcher matcher = HANDLER.matcher(handler == null ? "" : handler);
            return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
        }

        String classEntry() {
            return handlerClass().orElseThrow().replace('.', '/') + ".class";
        }

        @Override
        public String toString() {
            return key;
        }
    }

    /** What could be read, and what could not (each a message naming the file and block). */
    record Reading(List<LambdaFunction> functions, List<String> problems) {
    }

    static Reading read(TerraformSource terraform) {
        List<LambdaFunction> functions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Block call : terraform.moduleCallsIn(ROOT)) {
            Optional<String> dir = terraform.moduleDir(call);
            if (dir.isEmpty() || !terraform.deploysLambda(dir.get())) {
                continue;
            }
            Object forEach = call.get("for_each");
            if (forEach != null) {
                Object entries = terraform.resolveLocal(ROOT, forEach);
                if (!(entries instanceof Map<?, ?> map) || map.isEmpty()) {
                    problems.add(call.where() + ": for_each must be a literal map (a local) with module, jar and handler per "
                            + "function, so this check can read it; found " + Hcl.text(forEach));
                    continue;
                }
                Hcl.map(entries).forEach((key, entry) -> {
                    Map<String, Object> fields = Hcl.map(entry);
                    String where = call.where() + " for_each entry \"" + key + "\" (local.functions)";
                    Optional<String> handler = Hcl.string(fields.get("handler"));
                    Optional<String> jar = Hcl.string(fields.get("jar"));
                    Optional<String> module = Hcl.string(fields.get("module"));
                    if (handler.isEmpty() || jar.isEmpty() || module.isEmpty()) {
                        problems.add(where + ": needs literal module, jar and handler strings, found " + Hcl.text(entry));
                        return;
                    }
                    functions.add(new LambdaFunction(key, module.get(), jar.get(), handler.get(),
                            Hcl.string(fields.get("queue")).orElse(null), where));
                });
            } else {
                Optional<String> handler = Hcl.string(terraform.resolveLocal(ROOT, call.get("handler")));
                Matcher jar = JAR.matcher(Hcl.text(terraform.resolveLocal(ROOT, call.get("jar_path"))));
                if (handler.isEmpty() || !jar.find()) {
                    problems.add(call.where() + ": needs a literal handler (\"package.Class::handleRequest\") and a jar_path ending in "
                            + "<module>/target/<file>.jar; found handler " + Hcl.text(call.get("handler"))
                            + ", jar_path " + Hcl.text(call.get("jar_path")));
                    continue;
                }
                String jarPath = jar.group(1);
                functions.add(new LambdaFunction(call.name(), jarPath.substring(0, jarPath.indexOf('/')), jarPath,
                        handler.get(), null, call.where()));
            }
        }
        if (functions.isEmpty() && problems.isEmpty()) {
            problems.add("terraform/main.tf: no module call deploys a Lambda function");
        }
        return new Reading(List.copyOf(functions), List.copyOf(problems));
    }
}
