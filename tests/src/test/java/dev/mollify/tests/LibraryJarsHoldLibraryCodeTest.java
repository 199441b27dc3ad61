package dev.mollify.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.cuda.CudaContext;
import dev.mollify.mollifier.MollifiedDerivatives;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.tensor.Tensor;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library modules (tensor, autograd, mollifier, pde, cuda-kernels) ship library code only: no
 * class of theirs has a {@code main} method and pde has no {@code acceptance} package. Programs
 * live in cli, jmh and this module. Each module's classes are found where one of its classes was
 * loaded from (a classes folder or a jar); classes are inspected without being initialised.
 */
class LibraryJarsHoldLibraryCodeTest {
    static final List<Class<?>> ONE_CLASS_PER_LIBRARY =
            List.of(Tensor.class, Var.class, MollifiedDerivatives.class, PdeSpec.class, CudaContext.class);

    @Test
    void noLibraryClassHasAMainMethod() throws Exception {
        List<String> mains = new ArrayList<>();
        int classes = 0;
        for (Class<?> c : ONE_CLASS_PER_LIBRARY) {
            for (String name : classNames(c)) {
                classes++;
                Class<?> k = Class.forName(name, false, c.getClassLoader());
                for (Method m : k.getDeclaredMethods()) {
                    if (m.getName().equals("main")
                            && Modifier.isStatic(m.getModifiers())
                            && m.getParameterCount() == 1
                            && m.getParameterTypes()[0] == String[].class) {
                        mains.add(name);
                    }
                }
            }
        }
        assertTrue(classes > 100, "found only " + classes + " library classes: the scan missed the modules");
        assertEquals(List.of(), mains, "library classes with a main method (move them to tests, jmh or cli)");
    }

    @Test
    void pdeHasNoAcceptancePackage() throws Exception {
        List<String> acceptance = classNames(PdeSpec.class).stream()
                .filter(n -> n.startsWith("dev.mollify.pde.acceptance."))
                .toList();
        assertEquals(List.of(), acceptance);
    }

    /** Binary names of every class in the folder or jar that {@code c} was loaded from. */
    static List<String> classNames(Class<?> c) throws IOException, URISyntaxException {
        Path root =
                Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(root)) return namesUnder(root);
        try (FileSystem jar = FileSystems.newFileSystem(root)) {
            return namesUnder(jar.getPath("/"));
        }
    }

    private static List<String> namesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.endsWith(".class")
                            && !n.endsWith("module-info.class")
                            && !n.endsWith("package-info.class")
                            && !n.startsWith("META-INF/"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
    }
}
