/**
 * A {@code mollify sweep} description run as an Apache Spark job ({@link dev.mollify.spark.SparkSweep}):
 * one fit per task through the library's {@code FitJob}, input files read and results written through
 * Hadoop's file systems (local paths, HDFS and S3 alike), one row per fit
 * ({@link dev.mollify.spark.SweepRows}) in Parquet and CSV, and each fit's row kept so that a re-run
 * resumes. No other module depends on this one.
 */
package dev.mollify.spark;
