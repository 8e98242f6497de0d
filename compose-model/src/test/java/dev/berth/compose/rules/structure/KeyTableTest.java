package dev.berth.compose.rules.structure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.rules.ComposeKeys;
import dev.berth.compose.rules.ComposeKeys.Scope;
import dev.berth.compose.rules.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the editor reads from the key table: coarse shapes, descriptions and suggestions, at nested levels too. */
class KeyTableTest {

    private static Shape shape(Scope scope, String key) {
        return ComposeKeys.lookup(scope, key).orElseThrow().shape();
    }

    @Test
    void coarseShapesFollowThePreciseForms() {
        assertThat(shape(Scope.SERVICE, "build")).isEqualTo(Shape.SCALAR_OR_MAP);
        assertThat(shape(Scope.SERVICE, "environment")).isEqualTo(Shape.LIST_OR_MAP);
        assertThat(shape(Scope.SERVICE, "command")).isEqualTo(Shape.SCALAR_OR_LIST);
        assertThat(shape(Scope.SERVICE, "ports")).isEqualTo(Shape.LIST);
        assertThat(shape(Scope.SERVICE, "deploy")).isEqualTo(Shape.MAP);
        assertThat(shape(Scope.SERVICE, "privileged")).isEqualTo(Shape.BOOL);
        assertThat(shape(Scope.SERVICE, "image")).isEqualTo(Shape.SCALAR);
        assertThat(shape(Scope.NETWORK, "external")).isEqualTo(Shape.SCALAR_OR_MAP);
        assertThat(shape(Scope.MODEL, "context_size")).isEqualTo(Shape.INT);
    }

    @Test
    void nestedScopesAreReachableThroughTheirForms() {
        assertThat(ComposeKeys.form(Scope.SERVICE, "deploy")).get().asString().contains("DEPLOY");
        assertThat(ComposeKeys.lookup(Scope.RESOURCE_RESERVATIONS, "devices")).isPresent();
        assertThat(ComposeKeys.lookup(Scope.WATCH, "initial_sync")).isPresent();
        assertThat(ComposeKeys.lookup(Scope.SERVICE_VOLUME, "bind")).isPresent();
        assertThat(ComposeKeys.keys(Scope.SERVICE)).hasSizeGreaterThan(85);
    }

    @Test
    void everyScopeHasKeysWithDescriptions() {
        for (Scope scope : Scope.values()) {
            assertThat(ComposeKeys.keys(scope)).as(scope.name()).isNotEmpty()
                    .allSatisfy((name, doc) -> assertThat(doc.description()).isNotBlank());
        }
    }

    @Test
    void theScopeAtAPathIsFoundThroughListsMapsAndChoices() {
        assertThat(ComposeKeys.scopeAt(List.of())).contains(Scope.TOP_LEVEL);
        assertThat(ComposeKeys.scopeAt(List.of("services", "web"))).contains(Scope.SERVICE);
        assertThat(ComposeKeys.scopeAt(List.of("services", "web", "build"))).contains(Scope.BUILD);
        assertThat(ComposeKeys.scopeAt(List.of("services", "web", "deploy", "resources"))).contains(Scope.RESOURCES);
        assertThat(ComposeKeys.scopeAt(List.of("services", "web", "ports", "0"))).contains(Scope.PORT);
        assertThat(ComposeKeys.scopeAt(List.of("services", "web", "volumes", "[]", "bind"))).contains(Scope.BIND_OPTIONS);
        assertThat(ComposeKeys.scopeAt(List.of("services", "web", "depends_on", "db"))).contains(Scope.DEPENDS_ON);
        assertThat(ComposeKeys.scopeAt(List.of("services", "web", "develop", "watch", "0", "exec"))).contains(Scope.SERVICE_HOOK);
        assertThat(ComposeKeys.scopeAt(List.of("networks", "front", "ipam", "config", "0"))).contains(Scope.IPAM_POOL);
        assertThat(ComposeKeys.scopeAt(List.of("services", "web", "environment"))).isEmpty();
        assertThat(ComposeKeys.scopeAt(List.of("services", "web", "image"))).isEmpty();
        assertThat(ComposeKeys.scopeAt(List.of("services", "web", "nonsense", "deeper"))).isEmpty();
    }

    @Test
    void suggestionsCoverTyposCaseSlipsAndValues() {
        assertThat(ComposeKeys.suggest(Scope.SERVICE, "Image")).contains("image");
        assertThat(ComposeKeys.suggest(Scope.SERVICE, "contianer_name")).contains("container_name");
        assertThat(ComposeKeys.suggest(Scope.HEALTHCHECK, "intervall")).contains("interval");
        assertThat(ComposeKeys.suggest(Scope.SERVICE, "completely_unrelated")).isEmpty();
        assertThat(ComposeKeys.closest("allways", java.util.List.of("no", "always", "unless-stopped"))).contains("always");
    }
}
