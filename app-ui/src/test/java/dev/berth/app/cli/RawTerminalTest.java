package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.api.ExecRequest.TerminalSize;
import org.junit.jupiter.api.Test;

class RawTerminalTest {

    @Test
    void readsTheSizeAsSttyPrintsIt() {
        assertThat(RawTerminal.parseSize("30 101\n")).isEqualTo(new TerminalSize(30, 101));
        assertThat(RawTerminal.parseSize("0 0\n")).isNull();
        assertThat(RawTerminal.parseSize("stty: standard input: Inappropriate ioctl for device")).isNull();
        assertThat(RawTerminal.parseSize("")).isNull();
    }
}
