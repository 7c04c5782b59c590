package dev.campaigndialer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.deploy.TerraformSource.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The alarms ops rely on exist: the RDS Proxy's ClientConnections, DatabaseConnections (also
 * against MaxDatabaseConnectionsAllowed), DatabaseConnectionsCurrentlySessionPinned (fifteen 1-minute
 * periods), DatabaseConnectionsBorrowLatency, QueryDatabaseResponseLatency, AvailabilityPercentage,
 * DatabaseConnectionsSetupFailed and ClientConnectionsSetupFailedAuth; every dead-letter queue's ApproximateNumberOfMessagesVisible; every
 * queue's ApproximateAgeOfOldestMessage; every function's Errors and Throttles. Each notifies the
 * SNS topic, the per-queue and per-function ones are declared once over a map, and the dashboard
 * shows client and database connections.
 */
class OpsAlarmsCoverProxyQueuesAndFunctionsTest {

    private final TerraformSource terraform = TerraformSource.load();
    private final List<Alarm> alarms = readAlarms();

    /** One alarm declaration; a for_each over a literal map of metric definitions yields one per entry. */
    record Alarm(String where, String namespace, String metric, String forEach, String dimensions, Map<String, Object> settings,
            String rawDimensions) {

        @Override
        public String toString() {
            return namespace + " " + metric;
        }
    }

    @Test
    void rdsProxyAlarmsExist() {
        for (String metric : List.of("ClientConnections", "DatabaseConnections", "DatabaseConnectionsCurrentlySessionPinned",
                "DatabaseConnectionsBorrowLatency", "QueryDatabaseResponseLatency", "AvailabilityPercentage",
                "DatabaseConnectionsSetupFailed", "ClientConnectionsSetupFailedAuth")) {
            assertThat(find("AWS/RDS", metric))
                    .as("an aws_cloudwatch_metric_alarm on AWS/RDS %s (RDS Proxy) among %s", metric, alarms)
                    .isPresent();
        }
    }

    @Test
    void proxyAlarmsWatchTheProxyByName() {
        List<String> problems = new ArrayList<>();
        for (Alarm alarm : alarms) {
            if (alarm.namespace().equals("AWS/RDS") && !alarm.dimensions().contains("ProxyName")
                    && !alarm.rawDimensions().contains("ProxyName = var.proxy_name")) {
                problems.add(alarm.where() + ": " + alarm.metric() + " needs dimensions { ProxyName = ... }, has " + alarm.dimensions());
            }
        }
        assertThat(problems).as("proxy alarms without the ProxyName dimension").isEmpty();
    }

    @Test
    void sessionPinningAlarmWaitsFifteenMinutes() {
        Alarm pinned = find("AWS/RDS", "DatabaseConnectionsCurrentlySessionPinned").orElseThrow(
                () -> new AssertionError("no DatabaseConnectionsCurrentlySessionPinned alarm"));
        Optional<Integer> period = Hcl.integer(pinned.settings().get("period"));
        Optional<Integer> evaluations = Hcl.integer(pinned.settings().get("evaluation_periods"));
        assertThat(period.isPresent() && evaluations.isPresent())
                .as("%s: period and evaluation_periods should be literal numbers, are %s", pinned.where(), pinned.settings())
                .isTrue();
        assertThat(period.get() * evaluations.get())
                .as("%s: pinned connections alarm over period x evaluation_periods seconds", pinned.where())
                .isEqualTo(15 * 60);
    }

    @Test
    void sessionPinningIsMeasuredInOneMinutePeriods() {
        Alarm pinned = find("AWS/RDS", "DatabaseConnectionsCurrentlySessionPinned").orElseThrow();
        assertThat(Hcl.integer(pinned.settings().get("period"))).as("%s: period", pinned.where()).contains(60);
        assertThat(Hcl.integer(pinned.settings().get("datapoints_to_alarm")))
                .as("%s: every minute of the 15 pinned, not 3 samples of 5 minutes", pinned.where()).contains(15);
    }

    @Test
    void databaseConnectionsAreAlsoWatchedAgainstWhatTheProxyAllows() {
        String expressions = terraform.resources("aws_cloudwatch_metric_alarm").stream()
                .filter(alarm -> alarm.has("metric_query") || Hcl.text(alarm.get("for_each")).contains("expression"))
                .map(alarm -> Hcl.text(terraform.locals(alarm.file().dir())))
                .reduce("", String::concat);
        assertThat(expressions).as("a metric-math alarm over DatabaseConnections and MaxDatabaseConnectionsAllowed")
                .contains("MaxDatabaseConnectionsAllowed").contains("DatabaseConnections");
    }

    @Test
    void everyDeadLetterQueueAlarmsOnVisibleMessages() {
        Optional<Alarm> dlq = alarms.stream()
                .filter(alarm -> alarm.namespace().equals("AWS/SQS") && alarm.metric().equals("ApproximateNumberOfMessagesVisible"))
                .filter(alarm -> mentionsDeadLetter(alarm.forEach()) || mentionsDeadLetter(alarm.dimensions()))
                .findFirst();
        assertThat(dlq).as("an AWS/SQS ApproximateNumberOfMessagesVisible alarm over the dead-letter queues, among %s", alarms)
                .isPresent();
        assertThat(dlq.get().forEach()).as("%s: declared once over the DLQs with for_each", dlq.get().where()).isNotEqualTo("null");
    }

    @Test
    void everyQueueAlarmsOnTheAgeOfItsOldestMessage() {
        Optional<Alarm> age = find("AWS/SQS", "ApproximateAgeOfOldestMessage");
        assertThat(age).as("an AWS/SQS ApproximateAgeOfOldestMessage alarm, among %s", alarms).isPresent();
        assertThat(age.get().forEach()).as("%s: declared once over the queues with for_each", age.get().where()).isNotEqualTo("null");
    }

    @Test
    void everyFunctionAlarmsOnErrorsAndThrottles() {
        for (String metric : List.of("Errors", "Throttles")) {
            Optional<Alarm> alarm = find("AWS/Lambda", metric);
            assertThat(alarm).as("an AWS/Lambda %s alarm, among %s", metric, alarms).isPresent();
            assertThat(alarm.get().forEach()).as("%s: declared once over the functions with for_each", alarm.get().where())
                    .isNotEqualTo("null");
            assertThat(alarm.get().dimensions()).as("%s: FunctionName dimension", alarm.get().where()).contains("FunctionName");
        }
    }

    @Test
    void everyAlarmNotifiesTheSnsTopic() {
        assertThat(terraform.resources("aws_sns_topic")).as("an aws_sns_topic for alarm actions").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Block alarm : terraform.resources("aws_cloudwatch_metric_alarm")) {
            if (!Hcl.text(alarm.get("alarm_actions")).contains("aws_sns_topic.")) {
                problems.add(alarm.where() + ": alarm_actions should name the aws_sns_topic, are " + Hcl.text(alarm.get("alarm_actions")));
            }
        }
        assertThat(problems).as("alarms nobody hears").isEmpty();
    }

    @Test
    void dashboardShowsClientAndDatabaseConnections() {
        List<Block> dashboards = terraform.resources("aws_cloudwatch_dashboard");
        assertThat(dashboards).as("an aws_cloudwatch_dashboard").isNotEmpty();
        // hcl4j renders jsonencode(...) of a local as the local's content when it can; search the module's locals too.
        String content = dashboards.stream()
                .map(dashboard -> Hcl.text(dashboard.get("dashboard_body")) + Hcl.text(terraform.locals(dashboard.file().dir())))
                .reduce("", String::concat);
        assertThat(content).as("dashboard body").contains("ClientConnections").contains("DatabaseConnections");
    }

    private Optional<Alarm> find(String namespace, String metric) {
        return alarms.stream().filter(alarm -> alarm.namespace().equals(namespace) && alarm.metric().equals(metric)).findFirst();
    }

    private static boolean mentionsDeadLetter(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("dlq") || lower.contains("dead_letter") || lower.contains("dead-letter");
    }

    private List<Alarm> readAlarms() {
        List<Alarm> read = new ArrayList<>();
        for (Block alarm : terraform.resources("aws_cloudwatch_metric_alarm")) {
            String dir = alarm.file().dir();
            String namespace = Hcl.text(alarm.get("namespace"));
            String dimensions = Hcl.text(alarm.get("dimensions"));
            // merge({ ProxyName = ... }, each.value.dimensions) is a function call hcl4j leaves null.
            String rawDimensions = terraform.rawText(alarm).lines().filter(line -> line.trim().startsWith("dimensions"))
                    .findFirst().orElse("");
            Object forEach = alarm.get("for_each");
            Object metric = alarm.get("metric_name");
            Optional<String> literal = Hcl.string(metric);
            if (literal.isPresent()) {
                read.add(new Alarm(alarm.where(), namespace, literal.get(), Hcl.text(forEach), dimensions, alarm.body(),
                        rawDimensions));
                continue;
            }
            // metric_name = each.value.metric_name over a literal map (a local) of alarm definitions
            Object entries = terraform.resolveLocal(dir, forEach);
            if (Hcl.text(metric).startsWith("each.value.") && entries instanceof Map<?, ?>) {
                String field = Hcl.text(metric).substring("each.value.".length());
                Hcl.map(entries).forEach((key, entry) -> {
                    Map<String, Object> settings = Hcl.map(entry);
                    Hcl.string(settings.get(field)).ifPresent(name -> read.add(new Alarm(
                            alarm.where() + " [\"" + key + "\"]", namespace, name, Hcl.text(forEach), dimensions, settings,
                            rawDimensions)));
                });
            }
        }
        return read;
    }
}
