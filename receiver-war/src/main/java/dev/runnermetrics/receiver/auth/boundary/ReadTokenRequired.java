package dev.runnermetrics.receiver.auth.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Binds {@link ReadTokenFilter}: the endpoint needs {@code Authorization: Bearer <read token>}. */
@jakarta.ws.rs.NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ReadTokenRequired {}
