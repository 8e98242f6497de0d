package dev.berth.app.projects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.projects.ServiceProgress.Phase;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.api.ProgressEvent.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runtime's steps become a person's steps, per service; a failure names the service, the step and the fix. */
class UpProgressTest {
    private final UpProgress progress = new UpProgress();

    private ServiceProgress row(String service) {
        return progress.rows().stream().filter(r -> r.service().equals(service)).findFirst().orElseThrow();
    }

    @Test
    void buildPullCreateStartAndWaitAreShownPerService() {
        progress.begin("Up: shop", List.of("web", "db"));
        progress.apply(List.of(
                new ProgressEvent("web", "image shop-web", Step.BUILDING, "building from ."),
                new ProgressEvent("web", "image shop-web", Step.BUILDING, "Step 1/2 : FROM base"),
                new ProgressEvent("web", "image shop-web", Step.BUILDING, "Step 2/2 : RUN make"),
                new ProgressEvent("db", "image postgres", Step.PULLING, ""),
                new ProgressEvent("db", "image postgres", Step.PULLING, "a1: Downloading 40%"),
                new ProgressEvent("db", "image postgres", Step.PULLING, "b2: Downloading 60%"),
                new ProgressEvent("", "network shop_default", Step.CREATED, "")));

        assertThat(row("web").phase()).isEqualTo(Phase.BUILDING);
        assertThat(row("web").buildLog()).containsExactly("Step 1/2 : FROM base", "Step 2/2 : RUN make");
        assertThat(row("db").phase()).isEqualTo(Phase.PULLING);
        assertThat(row("db").fractionProperty().get()).isEqualTo(0.5);

        progress.apply(List.of(
                new ProgressEvent("web", "image shop-web", Step.DONE, "built sha256:1"),
                new ProgressEvent("db", "image postgres", Step.DONE, "pulled"),
                new ProgressEvent("db", "shop-db-1", Step.CREATING, ""),
                new ProgressEvent("web", "shop-db-1", Step.WAITING, "service_healthy")));
        assertThat(row("web").phase()).isEqualTo(Phase.QUEUED);
        assertThat(row("web").detailProperty().get()).isEqualTo("until shop-db-1 is healthy");
        assertThat(row("db").phase()).isEqualTo(Phase.CREATING);

        progress.apply(List.of(
                new ProgressEvent("web", "shop-db-1", Step.HEALTHY, ""),
                new ProgressEvent("web", "shop-web-1", Step.STARTING, ""),
                new ProgressEvent("web", "shop-web-1", Step.WAITING, ""),
                new ProgressEvent("db", "shop-db-1", Step.HEALTHY, "healthy")));
        assertThat(row("web").phase()).isEqualTo(Phase.WAITING);
        assertThat(row("db").phase()).as("its own container is healthy").isEqualTo(Phase.DONE);

        progress.succeeded("Up: every service is running");
        assertThat(progress.rows()).allSatisfy(r -> assertThat(r.phase()).isEqualTo(Phase.DONE));
        assertThat(progress.failureProperty().get()).isNull();
    }

    @Test
    void aFailureNamesTheServiceTheStepTheMessageAndTheFix() {
        progress.begin("Up: shop", List.of("web"));
        progress.apply(List.of(new ProgressEvent("web", "shop-web-1", Step.STARTING, ""),
                new ProgressEvent("web", "shop-web-1", Step.FAILED, "port is already allocated")));

        progress.failed(new EngineException("web", "service web: port is already allocated (held by process 7 (nc))",
                "stop process 7 or change the host port", null));

        UpProgress.Failure failure = progress.failureProperty().get();
        assertThat(failure.headline()).isEqualTo("web failed while starting");
        assertThat(failure.message()).contains("held by process 7 (nc)");
        assertThat(failure.hint()).isEqualTo("stop process 7 or change the host port");
        assertThat(progress.titleProperty().get()).isEqualTo("Up: shop failed");
        assertThat(progress.shownProperty().get()).as("the view stays until closed").isTrue();
        progress.dismiss();
        assertThat(progress.shownProperty().get()).isFalse();
    }
}
