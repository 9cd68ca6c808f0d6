package dev.runnermetrics.collector.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The documentation of one {@link CollectorConfig} setting: its --help line, its place in the list,
 * and what a value that does not convert must be.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Help {
  /** The help text. */
  String value();

  /** Position in --help. */
  int order();

  /** The reason given for a value that does not convert; empty: the converter's message. */
  String invalid() default "";
}
