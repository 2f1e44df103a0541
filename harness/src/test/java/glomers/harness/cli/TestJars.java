package glomers.harness.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Jars of nodes that are not on the bench's class path, as a learner's would be: Java sources
 * compiled here, against the bench's class path, then put into jars of their own.
 */
final class TestJars {
    private TestJars() {
    }

    /**
     * Compiles {@code sources} (class name, dotted, to its source) in one go, which is where the
     * time goes, into a new folder under {@code parent}, and returns the folder.
     */
    static Path compile(Path parent, Map<String, String> sources) throws IOException {
        Path src = Files.createTempDirectory(parent, "src");
        Path classes = Files.createTempDirectory(parent, "classes");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        List<String> options = List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none");
        boolean compiled = javac.getTask(diagnostics, null, null, options, null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjectsFromStrings(files)).call();
        if (!compiled) {
            throw new IllegalStateException("the test's nodes do not compile: " + diagnostics);
        }
        return classes;
    }

    /**
     * Writes {@code jar} with the compiled {@code classNames} (dotted; their nested and anonymous
     * classes come along) from {@code classes}, its manifest naming {@code mainClass} unless that is null.
     */
    static Path jar(Path jar, String mainClass, Path classes, String... classNames) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest);
             Stream<Path> compiled = Files.walk(classes)) {
            for (Path file : compiled.filter(Files::isRegularFile).toList()) {
                String entry = classes.relativize(file).toString().replace('\\', '/');
                String className = entry.replaceFirst("\\.class$", "").replaceFirst("\\$.*", "").replace('/', '.');
                if (List.of(classNames).contains(className)) {
                    zip.putNextEntry(new JarEntry(entry));
                    zip.write(Files.readAllBytes(file));
                    zip.closeEntry();
                }
            }
        }
        return jar;
    }
}
