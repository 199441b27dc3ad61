/**
 * What every module's tests share: {@link dev.mollify.testing.QuietTestExtension} fails a test that
 * prints to stdout or stderr (diagnostics belong in assertions' messages), unless the test is marked
 * {@link dev.mollify.testing.AllowsOutput}.
 */
package dev.mollify.testing;
