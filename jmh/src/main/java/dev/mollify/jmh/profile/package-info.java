/**
 * The hot-method profile of {@code jmh/profile.sh}: {@link dev.mollify.jmh.profile.HotMethods} turns the
 * Java Flight Recorder recording of one JMH benchmark (JMH's {@code -prof jfr}) into plain text, the
 * methods that take the execution samples by self and by inclusive share.
 */
package dev.mollify.jmh.profile;
