package io.bastion.acquiring.web;

import io.bastion.acquiring.TestCard;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A test payment-method token such as pm_card_visa (see docs/test-cards.md); null passes. */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = TestPaymentMethod.Check.class)
@interface TestPaymentMethod {

    String message() default "must be a test payment-method token such as pm_card_visa (see docs/test-cards.md)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check behind the annotation. */
    final class Check implements ConstraintValidator<TestPaymentMethod, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || TestCard.byToken(value).isPresent();
        }
    }
}
