package dev.campaigndialer.architecture;

import dev.campaigndialer.architecture.Module.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads the repository as the rules see it: the modules the root pom lists, each module's declared
 * dependencies (scope resolved against the root's dependencyManagement, as Maven does), every
 * import of its main and test sources, and its role and package from ARCHITECTURE.md's table. The
 * table is the one list of roles, so the document and the check cannot drift apart: a module
 * missing from either is itself reported.
 */
final class Reactor {

    /** {@code | `module` | role | `package` | ...}: a row of ARCHITECTURE.md's module table. */
    private static final Pattern TABLE_ROW =
            Pattern.compile("^\\|\\s*`([a-z-]+)`\\s*\\|\\s*([a-z-]+)\\s*\\|\\s*`([a-z.]+)`\\s*\\|");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);

    private final Path root;
    private final List<String> problems = new ArrayList<>();

    Reactor(Path root) {
        this.root = root;
    }

    /** What the root pom lists, keyed by module name, in reactor order. */
    Map<String, Module> modules() {
        Map<String, String[]> table = architectureTable();
        Document rootPom = parse(root.resolve("pom.xml"));
        Map<String, String> managedScopes = managedScopes(rootPom);
        Map<String, Module> modules = new LinkedHashMap<>();
        for (String name : childTexts(child(rootPom.getDocumentElement(), "modules"), "module")) {
            String[] row = table.remove(name);
            if (row == null) {
                problems.add("module " + name + " is in the root pom but has no row in ARCHITECTURE.md's module table");
                continue;
            }
            Path dir = root.resolve(name);
            modules.put(name, new Module(name, Role.parse(row[0]), row[1],
                    dependencies(parse(dir.resolve("pom.xml")), managedScopes),
                    imports(dir.resolve("src/main/java")), imports(dir.resolve("src/test/java"))));
        }
        table.keySet().forEach(name ->
                problems.add("ARCHITECTURE.md's module table lists " + name + ", which the root pom does not build"));
        return modules;
    }

    /** Drift between ARCHITECTURE.md and the poms found while reading. */
    List<String> problems() {
        return problems;
    }

    private Map<String, String[]> architectureTable() {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : readLines(root.resolve("ARCHITECTURE.md"))) {
            Matcher row = TABLE_ROW.matcher(line);
            if (row.find()) {
                rows.put(row.group(1), new String[] {row.group(2), row.group(3)});
            }
        }
        return rows;
    }

    private static List<Dependency> dependencies(Document pom, Map<String, String> managedScopes) {
        Element dependencies = child(pom.getDocumentElement(), "dependencies");
        List<Dependency> result = new ArrayList<>();
        for (Element dependency : children(dependencies, "dependency")) {
            String groupId = text(dependency, "groupId", "");
            String artifactId = text(dependency, "artifactId", "");
            String type = "tests".equals(text(dependency, "classifier", "")) ? "test-jar" : text(dependency, "type", "jar");
            String managed = managedScopes.getOrDefault(groupId + ":" + artifactId + ":" + type, "compile");
            result.add(new Dependency(groupId, artifactId, type, text(dependency, "scope", managed)));
        }
        return result;
    }

    private static Map<String, String> managedScopes(Document rootPom) {
        Map<String, String> scopes = new HashMap<>();
        Element management = child(rootPom.getDocumentElement(), "dependencyManagement");
        for (Element dependency : children(child(management, "dependencies"), "dependency")) {
            String scope = text(dependency, "scope", null);
            if (scope != null && !scope.equals("import")) {
                scopes.put(text(dependency, "groupId", "") + ":" + text(dependency, "artifactId", "") + ":"
                        + text(dependency, "type", "jar"), scope);
            }
        }
        return scopes;
    }

    private static Set<String> imports(Path sources) {
        Set<String> imports = new TreeSet<>();
        if (!Files.isDirectory(sources)) {
            return imports;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                Matcher matcher = IMPORT.matcher(String.join("\n", readLines(file)));
                while (matcher.find()) {
                    imports.add(matcher.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return imports;
    }

    private static Document parse(Path pom) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom + ": " + e.getMessage(), e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Direct children only: a plugin's or a management section's dependencies are not the module's. */
    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<String> childTexts(Element parent, String name) {
        return children(parent, name).stream().map(e -> e.getTextContent().trim()).toList();
    }

    private static String text(Element parent, String name, String otherwise) {
        Element element = child(parent, name);
        return element == null ? otherwise : element.getTextContent().trim();
    }
}
