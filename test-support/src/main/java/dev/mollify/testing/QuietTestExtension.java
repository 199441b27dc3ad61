package dev.mollify.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * Fails a test that writes to {@code System.out} or {@code System.err}. The streams are replaced by
 * buffers for the test method's own execution (not its {@code @BeforeEach}/{@code @AfterEach} or
 * class-level callbacks), from any thread; if anything was written, a passing test fails with what
 * was printed, and a failing test keeps its own failure with the printed text attached as a
 * suppressed exception. Tests, or whole classes, marked {@link AllowsOutput} are left alone.
 *
 * <p>Registered for every test by JUnit's extension auto-detection: this module's
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension} names it, and the parent POM
 * sets {@code junit.jupiter.extensions.autodetection.enabled=true} for surefire. The streams are
 * process-wide, so tests must not run in parallel inside one JVM (the build runs them on one thread).
 */
public final class QuietTestExtension implements InvocationInterceptor {
    /** Printed text beyond this many characters per stream is cut from the failure message. */
    static final int SHOWN = 4000;

    /** The extension; JUnit makes one through the service file, no test needs to. */
    public QuietTestExtension() {}

    @Override
    public void interceptTestMethod(
            Invocation<Void> invocation, ReflectiveInvocationContext<Method> call, ExtensionContext context)
            throws Throwable {
        runQuietly(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(
            Invocation<Void> invocation, ReflectiveInvocationContext<Method> call, ExtensionContext context)
            throws Throwable {
        runQuietly(invocation, context);
    }

    @Override
    public void interceptDynamicTest(
            Invocation<Void> invocation, DynamicTestInvocationContext call, ExtensionContext context) throws Throwable {
        runQuietly(invocation, context);
    }

    private static void runQuietly(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        if (allowsOutput(context)) {
            invocation.proceed();
            return;
        }
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream outText = new ByteArrayOutputStream(), errText = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outText, true, UTF_8));
        System.setErr(new PrintStream(errText, true, UTF_8));
        Throwable failure = null;
        try {
            invocation.proceed();
        } catch (Throwable t) {
            failure = t;
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String printed = printed("System.out", outText) + printed("System.err", errText);
        if (failure != null) {
            if (!printed.isEmpty())
                failure.addSuppressed(new AssertionFailedError("the test also printed:\n" + printed));
            throw failure;
        }
        if (!printed.isEmpty()) {
            throw new AssertionFailedError("the test printed; tests are quiet (assert on the value, put it in an "
                    + "assertion message, or mark the test @AllowsOutput):\n" + printed);
        }
    }

    /** {@code @AllowsOutput} on the test, its class or an enclosing class, and its property (if any) true. */
    static boolean allowsOutput(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Optional<AnnotatedElement> element = c.getElement();
            if (element.isEmpty()) continue;
            Optional<AllowsOutput> allows = AnnotationSupport.findAnnotation(element.get(), AllowsOutput.class);
            if (allows.isPresent()) {
                String property = allows.get().whenProperty();
                return property.isEmpty() || Boolean.getBoolean(property);
            }
        }
        return false;
    }

    /** A labelled section with the stream's text, cut at {@link #SHOWN} characters; empty if nothing was written. */
    private static String printed(String stream, ByteArrayOutputStream text) {
        String s = text.toString(UTF_8);
        if (s.isEmpty()) return "";
        String shown =
                s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "\n… (" + (s.length() - SHOWN) + " more characters)";
        return "--- " + stream + " ---\n" + shown + (shown.endsWith("\n") ? "" : "\n");
    }
}
