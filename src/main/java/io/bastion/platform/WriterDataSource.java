package io.bastion.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the small connection pool of the ledger's batch writers: the application's role, with connections that
 * keep one generic plan per statement ({@code plan_cache_mode = force_generic_plan}). The writers' statements find
 * rows by key whatever the batch, and left to choose, PostgreSQL planned them again for almost every small batch.
 * Only the ledger module injects it; it is never a default candidate for a plain DataSource.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Qualifier
public @interface WriterDataSource {
}
