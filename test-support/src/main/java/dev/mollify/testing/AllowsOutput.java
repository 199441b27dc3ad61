package dev.mollify.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a test method, or every test of a class (and of its nested classes), write to
 * {@code System.out} and {@code System.err}: {@link QuietTestExtension} neither captures nor checks
 * its output.
 *
 * <p>With {@link #whenProperty()} set, the output is allowed only in a run where that system property
 * is {@code true}, so a test that prints a table on request ({@code -Dmollify.print=true}) still fails
 * if it prints without being asked:
 *
 * <pre>{@code
 * @Test
 * @AllowsOutput(whenProperty = "mollify.print")
 * void errorTable() {
 *     double[][] t = measuredTable();
 *     if (Boolean.getBoolean("mollify.print")) print(t);
 *     ...
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllowsOutput {
    /**
     * The system property that must be {@code true} for the output to be allowed; empty (the default)
     * allows it always.
     *
     * @return the property's name, e.g. {@code mollify.print}; empty for no condition
     */
    String whenProperty() default "";
}
