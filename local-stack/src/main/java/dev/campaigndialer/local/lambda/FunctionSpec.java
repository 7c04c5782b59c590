package dev.campaigndialer.local.lambda;

import java.util.Optional;

/**
 * One Lambda function as Terraform declares it ({@code terraform/main.tf}, {@code local.functions}):
 * its name, the Maven module whose shaded jar holds it, the handler class, the queue it consumes
 * (if any), its timeout and memory.
 *
 * @param name           the Lambda function name ({@code AWS_LAMBDA_FUNCTION_NAME})
 * @param module         Maven module; the code is {@code <module>/target/<module>.jar}
 * @param handlerClass   fully qualified handler class (its {@code handleRequest} is called)
 * @param queue          the queue whose event source mapping invokes it, if any
 * @param timeoutSeconds the function timeout: the Lambda {@code Context} counts down from it
 * @param memoryMb       reported by {@code Context.getMemoryLimitInMB()}
 */
public record FunctionSpec(String name, String module, String handlerClass, Optional<String> queue,
        int timeoutSeconds, int memoryMb) {

    public String jarName() {
        return module + ".jar";
    }
}
