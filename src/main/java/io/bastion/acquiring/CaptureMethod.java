package io.bastion.acquiring;

/** Whether an approved authorization is captured at once or held until the merchant captures it. */
public enum CaptureMethod {
    AUTOMATIC, MANUAL
}
