package dev.mollify.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the fixture classes below through the JUnit launcher, with extension auto-detection on as in
 * the build, and checks which of their tests pass. (Surefire skips nested classes, so the fixtures run
 * only from here.)
 */
class QuietTestExtensionTest {
    static final String PROPERTY = "dev.mollify.testing.fixture.print";

    static class Fixture {
        @Test
        void silent() {}

        @Test
        void printsToOut() {
            System.out.println("hello from out");
        }

        @Test
        void printsToErr() {
            System.err.print("hello from err");
        }

        @Test
        void printsFromAnotherThread() throws InterruptedException {
            Thread t = new Thread(() -> System.out.println("hello from a worker"));
            t.start();
            t.join();
        }

        @Test
        void printsAndFails() {
            System.out.println("context for the failure");
            throw new IllegalStateException("the test's own failure");
        }

        @RepeatedTest(2)
        void printsInATemplate() {
            System.out.println("repeated");
        }

        @Test
        @AllowsOutput(whenProperty = PROPERTY)
        void printsOnRequest() {
            System.out.println("on request");
        }
    }

    static class AllowedMethod {
        @Test
        @AllowsOutput
        void allowedToPrint() {
            System.out.println("allowed");
        }
    }

    @AllowsOutput
    static class AllowedClass {
        @Test
        void prints() {
            System.out.println("class allowed");
        }
    }

    static class PrintsBeforeEach {
        @BeforeEach
        void setUp() {
            System.out.println("set-up");
        }

        @Test
        void silent() {}
    }

    @Test
    void aTestThatPrintsFailsWithWhatItPrinted() {
        Map<String, TestExecutionResult> r = run(Fixture.class);
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, r.get("silent()").getStatus());
        assertFailedWith(r.get("printsToOut()"), "--- System.out ---\nhello from out\n");
        assertFailedWith(r.get("printsToErr()"), "--- System.err ---\nhello from err\n");
        assertFailedWith(r.get("printsFromAnotherThread()"), "hello from a worker");
        assertFailedWith(r.get("repetition 1 of 2"), "repeated");
        assertFailedWith(r.get("repetition 2 of 2"), "repeated");
        assertFailedWith(r.get("printsOnRequest()"), "on request");
    }

    @Test
    void aFailingTestKeepsItsFailureWithThePrintedTextAttached() {
        Throwable t = run(Fixture.class).get("printsAndFails()").getThrowable().orElseThrow();
        assertInstanceOf(IllegalStateException.class, t);
        assertEquals(1, t.getSuppressed().length);
        assertTrue(
                t.getSuppressed()[0].getMessage().contains("context for the failure"),
                t.getSuppressed()[0].getMessage());
    }

    /** Allowed output reaches the real stream, as does output outside the test method itself. */
    @Test
    @AllowsOutput
    void allowedOutputAndSetUpOutputPassThrough() {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        PrintStream out = System.out;
        Map<String, TestExecutionResult> fixture, allowedMethod, allowedClass, setUp;
        String before = System.getProperty(PROPERTY);
        System.setOut(new PrintStream(seen, true, UTF_8));
        try {
            System.setProperty(PROPERTY, "true");
            fixture = run(Fixture.class);
            allowedMethod = run(AllowedMethod.class);
            allowedClass = run(AllowedClass.class);
            setUp = run(PrintsBeforeEach.class);
        } finally {
            System.setOut(out);
            if (before == null) System.clearProperty(PROPERTY);
            else System.setProperty(PROPERTY, before);
        }
        assertEquals(
                TestExecutionResult.Status.SUCCESSFUL,
                allowedMethod.get("allowedToPrint()").getStatus());
        assertEquals(
                TestExecutionResult.Status.SUCCESSFUL,
                fixture.get("printsOnRequest()").getStatus());
        assertEquals(
                TestExecutionResult.Status.SUCCESSFUL,
                allowedClass.get("prints()").getStatus());
        assertEquals(
                TestExecutionResult.Status.SUCCESSFUL, setUp.get("silent()").getStatus());
        String text = seen.toString(UTF_8);
        for (String s : new String[] {"allowed", "on request", "class allowed", "set-up"}) {
            assertTrue(text.contains(s + "\n"), "\"" + s + "\" reached System.out: " + text);
        }
    }

    private static void assertFailedWith(TestExecutionResult result, String printed) {
        assertEquals(TestExecutionResult.Status.FAILED, result.getStatus());
        String message = result.getThrowable().orElseThrow().getMessage();
        assertTrue(message.startsWith("the test printed") && message.contains(printed), message);
    }

    /** Each test's (or repetition's) display name → its result. */
    private static Map<String, TestExecutionResult> run(Class<?> fixture) {
        Map<String, TestExecutionResult> results = new LinkedHashMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) results.put(id.getDisplayName(), result);
            }
        };
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(fixture))
                                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                                .build(),
                        listener);
        return results;
    }
}
