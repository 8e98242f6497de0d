package dev.berth.compose.rules.structure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.rules.ComposeKeys;
import dev.berth.compose.rules.ComposeKeys.Scope;
import dev.berth.compose.rules.Shape;
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
    void suggestionsCoverTyposCaseSlipsAndValues() {
        assertThat(ComposeKeys.suggest(Scope.SERVICE, "Image")).contains("image");
        assertThat(ComposeKeys.suggest(Scope.SERVICE, "contianer_name")).contains("container_name");
        assertThat(ComposeKeys.suggest(Scope.HEALTHCHECK, "intervall")).contains("interval");
        assertThat(ComposeKeys.suggest(Scope.SERVICE, "completely_unrelated")).isEmpty();
        assertThat(ComposeKeys.closest("allways", java.util.List.of("no", "always", "unless-stopped"))).contains("always");
    }
}
