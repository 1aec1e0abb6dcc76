package dev.dbtest.junit;

import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

import java.util.Comparator;

/** Runs test methods in reverse alphabetical order, so a pair of tests can be run in both orders. */
public final class ReverseMethodName implements MethodOrderer {

    @Override
    public void orderMethods(MethodOrdererContext context) {
        context.getMethodDescriptors().sort(
                Comparator.comparing((MethodDescriptor descriptor) -> descriptor.getMethod().getName()).reversed());
    }
}
