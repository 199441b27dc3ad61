/**
 * What a fit leaves behind for people and other tools: {@link dev.mollify.cli.report.FitReport}
 * (report.json with every setting, value, warning and the ensemble's spread; the printed summary),
 * {@link dev.mollify.cli.report.Plots} (XChart PNGs of the data, the fit, the residual and the width
 * scan) and {@link dev.mollify.cli.report.Json} (a small writer that keeps every bit of a double).
 */
package dev.mollify.cli.report;
